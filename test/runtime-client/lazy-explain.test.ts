import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient, createClientWith, type FrameError, rpcErrorCodes } from "@wiretype/runtime";
import type { VertoClientMessages, VertoServerMessages } from "@wiretype/verto";
import { createVertoClient } from "@wiretype/verto/client";
import { vertoProtocol } from "@wiretype/verto/protocol";
import type { VoxyClientMessages, VoxyServerMessages } from "@wiretype/voxy";
import { createVoxyClient } from "@wiretype/voxy/client";
import { voxyProtocol } from "@wiretype/voxy/protocol";
import type { YueyueClientMessages, YueyueServerMessages } from "@wiretype/yueyue";
import { createYueyueClient } from "@wiretype/yueyue/client";
import { yueyueProtocol } from "@wiretype/yueyue/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { voxyClientProtocol } from "../../packages/voxy/src/client-protocol.gen.js";
import { Cleanup, Inbox, type Peer, startWsServer, WebSocket } from "./support.js";

// Generated clients decide with compiled guards and load zod (the full descriptor) only to explain a
// refused frame: these tests hold them to what a client with zod at hand (createClient) reports.

const cleanup = new Cleanup();
let ws: Awaited<ReturnType<typeof startWsServer>>;
beforeEach(async () => {
  ws = await startWsServer(cleanup);
});
afterEach(() => cleanup.run());

const bindResult = { action: "bind", content: "ok", link_id: 7, time: "12:00", list: [], category: "system" };
const sessid = "8faafdd3-dc45-c333-c37d-9997320f354f";

type Logged =
  | { readonly event: "invalid"; readonly error: FrameError }
  | { readonly event: "bind"; readonly message: unknown };

interface VoxyLike {
  connect(): Promise<void>;
  close(): Promise<void>;
  on(key: "bind", handler: (message: VoxyServerMessages["bind"]) => void): () => void;
  onEvent(event: "invalid", handler: (error: FrameError) => void): () => void;
}

/** Connects `client` to a fresh server and logs its `invalid` events and `bind` messages, in order. */
async function logged(client: VoxyLike): Promise<{ peer: Peer; log: Inbox<Logged> }> {
  const log = new Inbox<Logged>();
  client.onEvent("invalid", (error) => log.push({ event: "invalid", error }));
  client.on("bind", (message) => log.push({ event: "bind", message }));
  cleanup.add(() => client.close());
  await client.connect();
  return { peer: await ws.peers.next(), log };
}

/** Frames a test sends: a refused one, a valid one, a malformed one, a refused one. */
function sendMixed(peer: Peer): void {
  peer.send({ ...bindResult, link_id: "seven", content: 3 });
  peer.send(bindResult);
  peer.socket.send("{not json");
  peer.send({ ...bindResult, time: 12 });
}

async function take(log: Inbox<Logged>, count: number): Promise<Logged[]> {
  const items: Logged[] = [];
  for (let index = 0; index < count; index += 1) items.push(await log.next());
  return items;
}

describe("generated browser client: zod loads only to explain", () => {
  it("reports a refused frame with zod's issues, in frame order, as a client with zod at hand does", async () => {
    const lazy = await logged(createVoxyClient({ url: ws.url, WebSocket, reconnect: false }));
    sendMixed(lazy.peer);
    const lazyLog = await take(lazy.log, 4);
    const eager = await logged(
      createClient<VoxyClientMessages, VoxyServerMessages>(voxyProtocol, { url: ws.url, WebSocket, reconnect: false }),
    );
    sendMixed(eager.peer);
    const eagerLog = await take(eager.log, 4);
    expect(lazyLog.map((entry) => entry.event)).toEqual(["invalid", "bind", "invalid", "invalid"]);
    const [first] = lazyLog;
    expect(first?.event === "invalid" && first.error.issues.map((issue) => issue.path)).toEqual(["content", "link_id"]);
    expect(lazyLog).toEqual(eagerLog);
  });

  it("still reports a refused frame, in order, when the schemas cannot be loaded", async () => {
    const offline = { ...voxyClientProtocol, explain: () => Promise.reject(new Error("chunk failed to load")) };
    const client = createClientWith<VoxyClientMessages, VoxyServerMessages>(
      offline,
      { url: ws.url, WebSocket, reconnect: false },
      {},
    );
    const { peer, log } = await logged(client);
    peer.send({ ...bindResult, link_id: "seven" });
    peer.send(bindResult);
    const [refused, accepted] = await take(log, 2);
    expect(refused).toMatchObject({ event: "invalid", error: { kind: "invalid-message", messageName: "bind" } });
    expect(accepted).toEqual({ event: "bind", message: bindResult });
  });

  it("verto: answers a refused server request with the same explained error, and refuses a bad result", async () => {
    const answers: unknown[] = [];
    for (const client of [
      createVertoClient({ url: ws.url, WebSocket, reconnect: false }),
      createClient<VertoClientMessages, VertoServerMessages>(vertoProtocol, {
        url: ws.url,
        WebSocket,
        reconnect: false,
      }),
    ]) {
      cleanup.add(() => client.close());
      await client.connect();
      const peer = await ws.peers.next();
      peer.send({ jsonrpc: "2.0", id: 4, method: "verto.ping", params: { serno: "x" } });
      answers.push(await peer.messages.next());
    }
    expect(answers[0]).toMatchObject({ id: 4, error: { code: rpcErrorCodes.invalidParams } });
    expect((answers[0] as { error: { message: string } }).error.message).toMatch(/^invalid verto\.ping at serno/);
    expect(answers[0]).toEqual(answers[1]);

    const client = createVertoClient({ url: ws.url, WebSocket, reconnect: false });
    cleanup.add(() => client.close());
    await client.connect();
    const peer = await ws.peers.next();
    const invalid = new Inbox<FrameError>();
    client.onEvent("invalid", (error) => invalid.push(error));
    const answer = client.requestMessage("verto.ping", { sessid });
    await peer.messages.next();
    peer.send({ jsonrpc: "2.0", id: 1, result: { sessid: 42 } });
    await expect(answer).rejects.toMatchObject({ reason: "failed", message: expect.stringMatching(/at sessid/) });
    expect((await invalid.next()).issues.map((issue) => issue.path)).toEqual(["sessid"]);
  });

  it("yueyue: signs what the spec signs, and says why a discovery answer is refused", async () => {
    const client = createYueyueClient({ url: ws.url, query: { sid: "9s" }, WebSocket, reconnect: false });
    cleanup.add(() => client.close());
    await client.connect();
    const peer = await ws.peers.next();
    const report = { user_id: 1233, online_token: "12f3b5a0c9d8e7f6a5b4c3d2e1f0a9b8c7", timestamp: 1525328461 };
    client.send.exitRoomReport({ action: "exit_room_report", ...report, sid: "1001s7c41e09b5d2a6f38", sign: "x" });
    expect((await peer.messages.next()).sign).toBe("c09157e1ad68b277095e0b5186b8dcc6");

    const http = createHttpServer((_request, response) => response.end(JSON.stringify({ end_point: 42 })));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    cleanup.add(() => new Promise((resolve) => http.close(resolve)));
    const discoveryUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const refusals: unknown[] = [];
    for (const discovering of [
      createYueyueClient({ discoveryUrl, query: { sid: "9s" }, WebSocket, reconnect: false }),
      createClient<YueyueClientMessages, YueyueServerMessages>(yueyueProtocol, {
        discoveryUrl,
        WebSocket,
        reconnect: false,
      }),
    ]) {
      cleanup.add(() => discovering.close());
      refusals.push(await discovering.connect().catch((error: Error) => error.message));
    }
    expect(refusals[0]).toMatch(/^discovery answer does not match the spec: ./);
    expect(refusals[0]).toBe(refusals[1]);
  });
});
