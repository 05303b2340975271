import { createKurentoRoomServer } from "@wiretype/kurento-room/server";
import type { HeartbeatDescriptor } from "@wiretype/runtime";
import { heartbeatTimeoutCode } from "@wiretype/runtime/server";
import { vertoProtocol } from "@wiretype/verto/protocol";
import { createVertoServer } from "@wiretype/verto/server";
import { voxyProtocol } from "@wiretype/voxy/protocol";
import { createVoxyServer } from "@wiretype/voxy/server";
import { workspaceProtocol } from "@wiretype/workspace/protocol";
import { createWorkspaceServer } from "@wiretype/workspace/server";
import { yueyueProtocol } from "@wiretype/yueyue/protocol";
import { createYueyueServer } from "@wiretype/yueyue/server";
import { Server as ServerV4 } from "socket.io";
import { describe, expect, it, vi } from "vitest";
import { onCleanup, Peer, poll, settle } from "./support.js";

/**
 * The production timings, with no option set: the spec's heartbeat values and the documented defaults
 * (handshake 10 s, keep-alive 30 s). The liveness timers and `Date` run on a fake clock; sockets are real.
 */
const handshakeDefaultMs = 10_000;
const keepAliveDefaultMs = 30_000;
const handshakeTimeoutCode = 4001;
/** The sweep ticks at 1/20 of its shortest limit, at most 1 s: a close comes within that after the limit. */
const slackMs = 1_000;

function fakeClock(): void {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
  onCleanup(() => vi.useRealTimers());
}

/** Moves the fake clock, then lets the real sockets carry what the timers did. */
async function advance(ms: number): Promise<void> {
  vi.advanceTimersByTime(ms);
  await settle(30);
}

/** Expects the peer open just before `limitMs` (counted from now) and closed with `code` just after. */
async function expectClosedAt(peer: Peer, limitMs: number, code: number): Promise<void> {
  await advance(limitMs - slackMs);
  expect(peer.open).toBe(true);
  await advance(slackMs * 2);
  expect((await peer.closedWithin(2000)).code).toBe(code);
}

async function listening(server: { listen(): Promise<{ port: number }>; close(): Promise<void> }) {
  onCleanup(() => server.close());
  return `ws://127.0.0.1:${(await server.listen()).port}/`;
}

function clientHeartbeat(heartbeat: HeartbeatDescriptor | undefined) {
  if (heartbeat?.sender !== "client") throw new Error("the spec has no client heartbeat");
  return heartbeat;
}

describe("liveness defaults: the spec's values run when no option is set", () => {
  it("voxy: closes a bound client silent for the spec's timeoutMs (30 s) with 4000", async () => {
    const { timeoutMs } = clientHeartbeat(voxyProtocol.heartbeat);
    expect(timeoutMs).toBe(30_000);
    fakeClock();
    const peer = await Peer.open(await listening(createVoxyServer({ insecureDevelopmentMode: true })));
    peer.send({ action: "bind", user_id: "1", user_img: "", user_name: "u", link_id: 2, to_userid: "-1" });
    await poll(() => peer.json().find((frame) => frame.action === "bind"));
    await expectClosedAt(peer, timeoutMs, heartbeatTimeoutCode);
  });

  it("yueyue: closes a client silent for the spec's timeoutMs (20 s) with 4000", async () => {
    const { timeoutMs } = clientHeartbeat(yueyueProtocol.heartbeat);
    expect(timeoutMs).toBe(20_000);
    fakeClock();
    const peer = await Peer.open(await listening(createYueyueServer()));
    await expectClosedAt(peer, timeoutMs, heartbeatTimeoutCode);
  });

  it.each([
    { name: "voxy", create: () => createVoxyServer() },
    { name: "kurento-room", create: () => createKurentoRoomServer() },
    { name: "verto", create: () => createVertoServer() },
  ])("$name: closes a connection that never logs in after 10 s with 4001", async ({ create }) => {
    fakeClock();
    const peer = await Peer.open(await listening(create()));
    await expectClosedAt(peer, handshakeDefaultMs, handshakeTimeoutCode);
  });

  it("verto: asks verto.ping after the spec's idleMs (30 s), closes 10 s later without an answer", async () => {
    const heartbeat = vertoProtocol.heartbeat;
    if (heartbeat?.sender !== "server") throw new Error("verto's spec has no server heartbeat");
    expect(heartbeat.idleMs).toBe(30_000);
    fakeClock();
    const peer = await Peer.open(await listening(createVertoServer({ insecureDevelopmentMode: true })));
    peer.send({ jsonrpc: "2.0", id: 1, method: "login", params: { login: "1000", passwd: "pw", sessid: "s-1" } });
    await poll(() => peer.json().find((frame) => frame.id === 1));
    await advance(heartbeat.idleMs - slackMs);
    expect(peer.json().filter((frame) => frame.method === heartbeat.key)).toEqual([]);
    await advance(slackMs * 2);
    await poll(() => peer.json().find((frame) => frame.method === heartbeat.key));
    await expectClosedAt(peer, 10_000 - slackMs, heartbeatTimeoutCode);
  });

  it("kurento-room: pings every 30 s (WebSocket keep-alive)", async () => {
    fakeClock();
    const peer = await Peer.open(await listening(createKurentoRoomServer({ insecureDevelopmentMode: true })));
    peer.send({
      id: "joinRoom",
      token: "t",
      userId: "u-1",
      communityId: "1",
      roomId: "c-1",
      video: false,
      audio: false,
    });
    await poll(() => peer.json().find((frame) => frame.id === "existingParticipants"));
    await advance(keepAliveDefaultMs - slackMs);
    expect(peer.pings).toBe(0);
    await advance(slackMs * 2);
    await poll(() => (peer.pings === 1 ? true : undefined));
    expect(peer.open).toBe(true);
  });

  it("workspace: Socket.IO pings at the spec's intervalMs and waits its timeoutMs", async () => {
    const heartbeat = workspaceProtocol.heartbeat;
    if (heartbeat?.sender !== "transport") throw new Error("workspace's spec has no transport heartbeat");
    const server = createWorkspaceServer({ socketIo: ServerV4 });
    const url = await listening(server);
    const peer = await Peer.open(`${url}socket.io/?EIO=4&transport=websocket`);
    const open = await poll(() => peer.frames.find((frame) => frame.text.startsWith("0{")));
    expect(JSON.parse(open.text.slice(1))).toMatchObject({
      pingInterval: heartbeat.intervalMs,
      pingTimeout: heartbeat.timeoutMs,
    });
  });

  it("workspace: disconnects a connection that never sends auth after 10 s", async () => {
    fakeClock();
    const url = await listening(createWorkspaceServer({ socketIo: ServerV4 }));
    const peer = await Peer.open(`${url}socket.io/?EIO=4&transport=websocket`);
    peer.send("40");
    await poll(() => peer.frames.find((frame) => frame.text.startsWith("40{")));
    await advance(handshakeDefaultMs - slackMs);
    expect(peer.frames.filter((frame) => frame.text === "41")).toEqual([]);
    await advance(slackMs * 2);
    await poll(() => peer.frames.find((frame) => frame.text === "41"));
  });
});
