import { heartbeatTimeoutCode } from "@wiretype/runtime/server";
import { createVertoServer } from "@wiretype/verto/server";
import { describe, expect, it } from "vitest";
import { expectNear, onCleanup, Peer, poll, settle } from "./support.js";

/** Scaled down from the spec's 30 s idle time (and the 10 s answer window) so the test is short. */
const heartbeatIdleMs = 600;
const requestTimeoutMs = 400;

async function loggedInPeer(sessid: string) {
  const server = createVertoServer({ heartbeatIdleMs, requestTimeoutMs, insecureDevelopmentMode: true });
  onCleanup(() => server.close());
  const { port } = await server.listen();
  const peer = await Peer.open(`ws://127.0.0.1:${port}/`);
  peer.send({ jsonrpc: "2.0", id: 1, method: "login", params: { login: "1000", passwd: "pw", sessid } });
  await poll(() => peer.json().find((frame) => frame.id === 1 && frame.result !== undefined));
  // The login was the last valid frame the server heard: the idle time counts from here.
  return { peer, lastSpokeAt: Date.now() };
}

const isPing = (frame: Record<string, unknown>) => frame.method === "verto.ping";

describe("liveness, server heartbeat: verto", () => {
  it("asks an idle client with verto.ping, then closes it with 4000 when it does not answer", async () => {
    const { peer, lastSpokeAt } = await loggedInPeer("s-silent");
    const closed = await peer.closedWithin((heartbeatIdleMs + requestTimeoutMs) * 3);
    expect(closed).toMatchObject({ code: heartbeatTimeoutCode, reason: "heartbeat timeout" });
    const pings = peer.frames.filter((frame) => frame.text.includes('"verto.ping"'));
    expect(pings).toHaveLength(1);
    expectNear("verto idle client asked verto.ping", (pings[0]?.at ?? 0) - lastSpokeAt, heartbeatIdleMs);
    expectNear(
      "verto client that never answers verto.ping",
      closed.at - lastSpokeAt,
      heartbeatIdleMs + requestTimeoutMs,
    );
  });

  it("keeps a client that answers verto.ping, asking again at each idle time with a growing serno", async () => {
    const { peer } = await loggedInPeer("s-answering");
    peer.socket.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if (isPing(frame)) peer.send({ jsonrpc: "2.0", id: frame.id, result: { method: "verto.ping" } });
    });
    await settle((heartbeatIdleMs + requestTimeoutMs) * 3);
    expect(peer.closedWith).toBeUndefined();
    const sernos = peer
      .json()
      .filter(isPing)
      .map((frame) => (frame.params as { serno?: unknown }).serno);
    expect(sernos.length).toBeGreaterThanOrEqual(3);
    expect(sernos).toEqual(sernos.map((_, index) => index + 1));
  });
});
