import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Accounts, SessionTokens } from "./accounts.js";
import type { MediaServer } from "./media-server.js";
import { bundlePage } from "./page-bundle.js";
import { createRoomBackend } from "./room-backend.js";

export interface RoomCallAppOptions {
  readonly accounts: Accounts;
  readonly port?: number;
  readonly host?: string;
  /** The media server behind the rooms (werift-sfu.ts here; Kurento Media Server in a Kurento deployment). */
  readonly media: MediaServer;
}

export interface RoomCallApp {
  /** The page's address; the kurento-room WebSocket is on the same origin, at `/`. */
  readonly url: string;
  close(): Promise<void>;
}

/** One HTTP server: the page, a login endpoint, and the generated kurento-room server on its upgrade path. */
export async function startRoomCallApp(options: RoomCallAppOptions): Promise<RoomCallApp> {
  const page = await bundlePage();
  const tokens = new SessionTokens(options.accounts);
  const httpServer = createServer((request, response) => {
    route(request, response, page, tokens).catch(() => respond(response, 500, "text/plain", "server error"));
  });
  const rooms = createRoomBackend({ httpServer, tokens, media: options.media });
  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  await rooms.listen();
  const { address, port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/`,
    async close() {
      await rooms.close();
      await options.media.close();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  page: { html: string; script: string },
  tokens: SessionTokens,
): Promise<void> {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (request.method === "GET" && path === "/") return respond(response, 200, "text/html", page.html);
  if (request.method === "GET" && path === "/app.js") return respond(response, 200, "text/javascript", page.script);
  if (request.method === "POST" && path === "/login") return login(request, response, tokens);
  respond(response, 404, "text/plain", "not found");
}

async function login(request: IncomingMessage, response: ServerResponse, tokens: SessionTokens): Promise<void> {
  const body = await readBody(request, 4096);
  const { user, password } = JSON.parse(body) as { user?: unknown; password?: unknown };
  const token = typeof user === "string" && typeof password === "string" ? tokens.signIn(user, password) : undefined;
  if (token === undefined)
    return respond(response, 401, "application/json", JSON.stringify({ error: "wrong user or password" }));
  respond(response, 200, "application/json", JSON.stringify({ token }));
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  let body = "";
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > limit) throw new Error("login body too large");
  }
  return body;
}

function respond(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
  response.end(body);
}
