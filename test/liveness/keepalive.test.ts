import { createKurentoRoomServer } from "@wiretype/kurento-room/server";
import { createVertoServer } from "@wiretype/verto/server";
import { createVoxyServer } from "@wiretype/voxy/server";
import { describe, expect, it } from "vitest";
import { expectNear, onCleanup, Peer, poll, settle } from "./support.js";

/** Scaled down from the 30 s default so the test is short; defaults.test.ts checks the default. */
const keepAliveIntervalMs = 400;

interface Listening {
  listen(): Promise<{ port: number }>;
  close(): Promise<void>;
  onEvent(event: "disconnect", handler: (connection: unknown, reason: string) => void): () => void;
}

/** Starts a server and records when and why it dropped each connection. */
async function started(server: Listening) {
  onCleanup(() => server.close());
  const drops: { at: number; reason: string }[] = [];
  server.onEvent("disconnect", (_connection, reason) => drops.push({ at: Date.now(), reason }));
  const { port } = await server.listen();
  return { url: `ws://127.0.0.1:${port}/`, drops };
}

const options = { keepAliveIntervalMs, insecureDevelopmentMode: true } as const;
const pinged = [
  { name: "kurento-room", create: () => createKurentoRoomServer(options) },
  { name: "verto", create: () => createVertoServer(options) },
];

describe.each(pinged)("liveness, WebSocket keep-alive: $name", ({ name, create }) => {
  it("terminates a peer that stopped answering pings two intervals after its last pong", async () => {
    const { url, drops } = await started(create());
    // autoPong off: the TCP connection stays up, but the peer answers nothing (a dead or stalled client).
    const peer = await Peer.open(url, { autoPong: false });
    const drop = await poll(() => drops[0]);
    expect(drop.reason).toBe("keep-alive timeout");
    expect(peer.pings).toBe(1);
    expectNear(`${name} dead peer (ping unanswered)`, drop.at - peer.openedAt, keepAliveIntervalMs * 2);
    expect((await peer.closedWithin(1000)).code).toBe(1006);
  });

  it("keeps a peer that answers pings (as browsers do)", async () => {
    const { url, drops } = await started(create());
    const peer = await Peer.open(url);
    await settle(keepAliveIntervalMs * 4.5);
    expect(peer.pings).toBeGreaterThanOrEqual(3);
    expect(drops).toEqual([]);
    expect(peer.open).toBe(true);
  });
});

describe("liveness, WebSocket keep-alive: protocols with a client heartbeat", () => {
  it("voxy: sends no WebSocket pings (its own heartbeat watches the client)", async () => {
    const { url } = await started(createVoxyServer({ keepAliveIntervalMs: 50, heartbeatTimeoutMs: 2000 }));
    const peer = await Peer.open(url);
    await settle(400);
    expect(peer.pings).toBe(0);
  });
});
