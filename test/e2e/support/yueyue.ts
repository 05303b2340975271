import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Connection, FrameRefusal, ServerOptions } from "@wiretype/runtime/server";
import type { YueyueClientMessages, YueyueServerMessages } from "@wiretype/yueyue";
import { createYueyueClient, type YueyueClient } from "@wiretype/yueyue/client";
import { createYueyueServer, type YueyueServer } from "@wiretype/yueyue/server";
import { WebSocket } from "ws";
import { type Cleanup, Inbox } from "../../runtime-client/support.js";
import { listMessages } from "../../support/raw-spec.js";
import { isJsonObject, readSpecData } from "../../support/spec-files.js";
import { startNodes } from "./cluster-mode.js";

export { Cleanup, Inbox, until } from "../../runtime-client/support.js";
export { WebSocket };

/** A user id is the leading integer of the sid (the real server's `intval($sid)`); user 404 does not exist. */
export const missingUserSid = "404s00000000";
export const tokenOf = (sid: string) => `token-${sid}`;

/** The spec's example payloads, by wire name, of the messages one side sends (read from the YAML). */
export function specExamples(side: "client" | "server"): Map<string, Record<string, unknown>[]> {
  const document = readSpecData("yueyue");
  const examples = new Map<string, Record<string, unknown>[]>();
  for (const message of listMessages(document)) {
    if (!message.senders.has(side) || message.wireName === undefined) continue;
    const listed = Array.isArray(message.message.examples) ? message.message.examples : [];
    const payloads = listed.flatMap((entry) =>
      isJsonObject(entry) && isJsonObject(entry.payload) ? [entry.payload] : [],
    );
    examples.set(message.wireName, payloads);
  }
  return examples;
}

/** The generated server as the yueyue app runs it: greets with the sid's token, or the user-missing error. */
export async function startYueyueServer(cleanup: Cleanup, options: ServerOptions<YueyueServerMessages> = {}) {
  const started = await startNodes(createYueyueServer, {
    greeting: (connection) => {
      const sid = connection.query.sid ?? "";
      const known = sid !== missingUserSid && sid !== "";
      return known
        ? { action: "create_token", online_token: tokenOf(sid) }
        : { action: "create_token", online_token: "", error_code: -1, error_reason: "用户不存在" };
    },
    ...options,
  });
  const server: YueyueServer = started.server;
  const invalid = new Inbox<{ connection: Connection<YueyueServerMessages>; error: FrameRefusal }>();
  server.onEvent("invalid", (connection, error) => invalid.push({ connection, error }));
  const { port } = started;
  cleanup.add(() => server.close());
  /** The open connection of a user, found by the sid it connected with. */
  const connectionOf = (sid: string) => [...server.connections.values()].find((entry) => entry.query.sid === sid);
  return { server, nodes: started.nodes, port, url: `ws://127.0.0.1:${port}/`, invalid, connectionOf };
}

/** The HTTP API's discovery call (`GET /iapi/websocket/end_point`), answering `endPoint` and `pingInterval`. */
export async function startDiscovery(cleanup: Cleanup, endPoint: string, pingInterval: number) {
  const requests = new Inbox<URL>();
  const http = createHttpServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(url);
    if (url.pathname !== "/iapi/websocket/end_point") {
      response.writeHead(404).end();
      return;
    }
    const body = { error_code: 0, error_reason: "", end_point: endPoint, ping_interval: pingInterval };
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  cleanup.add(() => new Promise<void>((resolve) => http.close(() => resolve())));
  return { requests, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

/** A generated client that discovers, connects with `?sid=`, and pings with the greeting's token. */
export function discoveringClient(cleanup: Cleanup, discoveryUrl: string, sid: string) {
  let onlineToken = "";
  const pings: number[] = [];
  const client: YueyueClient = createYueyueClient({
    discoveryUrl,
    query: { sid },
    WebSocket,
    reconnect: false,
    heartbeat: (): YueyueClientMessages["ping"] => {
      pings.push(Date.now());
      return { action: "ping", online_token: onlineToken, timestamp: Math.floor(Date.now() / 1000), sid, sign: "" };
    },
  });
  const greetings = new Inbox<YueyueServerMessages["create_token"]>();
  client.on("create_token", (greeting) => {
    onlineToken = greeting.online_token;
    greetings.push(greeting);
  });
  cleanup.add(() => client.close());
  return { client, greetings, pings, token: () => onlineToken };
}

/** A plain `ws` socket for frames the generated client would never send. */
export async function rawSocket(cleanup: Cleanup, url: string) {
  const socket = new WebSocket(url);
  const frames = new Inbox<Record<string, unknown>>();
  socket.on("message", (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
  cleanup.add(() => socket.terminate());
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return {
    socket,
    frames,
    send: (frame: unknown) => socket.send(typeof frame === "string" ? frame : JSON.stringify(frame)),
  };
}
