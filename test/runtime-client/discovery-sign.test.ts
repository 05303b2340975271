import { createHash } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "@wiretype/runtime";
import type { YueyueClientMessages, YueyueServerMessages } from "@wiretype/yueyue";
import { yueyueProtocol } from "@wiretype/yueyue/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { Cleanup, Inbox, startWsServer, WebSocket } from "./support.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** An HTTP server answering `answer(url)`; every request's URL lands in `requests`. */
async function startHttpServer(answer: (url: URL) => { status: number; body?: unknown }) {
  const requests = new Inbox<URL>();
  const server = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(url);
    const { status, body } = answer(url);
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanup.add(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { requests, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const sid = "1233s0a6d4b7e2c9f1835";
const onlineToken = "12f3b5a0c9d8e7f6a5b4c3d2e1f0a9b8c7";

describe("discovery and signature (yueyue)", () => {
  it("discovers the endpoint (alternate path after a 404), connects with the query, pings at ping_interval", async () => {
    const ws = await startWsServer(cleanup);
    const http = await startHttpServer((url) =>
      url.pathname === "/api/websocket/end_point"
        ? {
            status: 200,
            body: { error_code: 0, error_reason: "", end_point: `127.0.0.1:${ws.port}`, ping_interval: 1 },
          }
        : { status: 404 },
    );
    const client = createClient<YueyueClientMessages, YueyueServerMessages>(yueyueProtocol, {
      discoveryUrl: http.url,
      query: { sid },
      WebSocket,
      heartbeat: () => ({ action: "ping", online_token: onlineToken, timestamp: 1525328460, sid, sign: "" }),
    });
    cleanup.add(() => client.close());
    const started = Date.now();
    await client.connect();
    expect((await http.requests.next()).pathname).toBe("/iapi/websocket/end_point");
    const found = await http.requests.next();
    expect(found.pathname).toBe("/api/websocket/end_point");
    expect(found.searchParams.get("sid")).toBe(sid);
    const peer = await ws.peers.next();
    expect(peer.query.get("sid")).toBe(sid);
    const ping = await peer.messages.next(2_000);
    // The spec's signed heartbeat example: same values, same md5.
    expect(ping).toEqual({
      action: "ping",
      online_token: onlineToken,
      timestamp: 1525328460,
      sid,
      sign: "3f72a84b2a28f51236eeac718a73f2c7",
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("refuses a discovery answer that does not match the spec", async () => {
    const http = await startHttpServer(() => ({ status: 200, body: { end_point: 42 } }));
    const client = createClient<YueyueClientMessages, YueyueServerMessages>(yueyueProtocol, {
      discoveryUrl: http.url,
      WebSocket,
      reconnect: false,
    });
    cleanup.add(() => client.close());
    await expect(client.connect()).rejects.toThrow(/discovery answer does not match/);
  });

  it("signs every signed message, overwriting the given sign, as PHP json_encode + md5", async () => {
    const ws = await startWsServer(cleanup);
    const client = createClient<YueyueClientMessages, YueyueServerMessages>(yueyueProtocol, {
      url: ws.url,
      WebSocket,
    });
    cleanup.add(() => client.close());
    await client.connect();
    const peer = await ws.peers.next();
    client.sendMessage("exit_room_report", {
      action: "exit_room_report",
      user_id: 1233,
      online_token: onlineToken,
      sid: "1001s7c41e09b5d2a6f38",
      timestamp: 1525328461,
      sign: "xxxxxx",
    });
    expect((await peer.messages.next()).sign).toBe("c09157e1ad68b277095e0b5186b8dcc6");
    const unicode = { user_id: "1233", online_token: "令牌/ü", sid: "9s", timestamp: "1525328462" };
    client.sendMessage("exit_room_report", { action: "exit_room_report", ...unicode, sign: "" });
    const canonical =
      '{"action":"exit_room_report","online_token":"令牌\\/ü","sid":"9s","timestamp":"1525328462","user_id":"1233"}';
    expect((await peer.messages.next()).sign).toBe(createHash("md5").update(canonical).digest("hex"));
  });
});
