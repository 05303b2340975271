import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Directory } from "./directory.js";
import { bundlePage } from "./page-bundle.js";
import { createVertoBackend } from "./verto-backend.js";

export interface VertoPhoneApp {
  /** The page's address; verto's JSON-RPC WebSocket is on the same origin, at `/`. */
  readonly url: string;
  close(): Promise<void>;
}

/** One HTTP server: the phone page, and the generated verto server on its upgrade path. */
export async function startVertoPhoneApp(options: {
  readonly directory: Directory;
  readonly port?: number;
  readonly host?: string;
}): Promise<VertoPhoneApp> {
  const page = await bundlePage();
  const httpServer = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method === "GET" && path === "/") return respond(response, 200, "text/html", page.html);
    if (request.method === "GET" && path === "/app.js") return respond(response, 200, "text/javascript", page.script);
    respond(response, 404, "text/plain", "not found");
  });
  const verto = createVertoBackend(httpServer, options.directory);
  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  await verto.listen();
  const { address, port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/`,
    async close() {
      await verto.close();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

function respond(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
  response.end(body);
}
