import { describe, expect, it } from "vitest";
import { waitFor } from "../support/lifecycle.js";
import { ChildServer } from "./support/child-server.js";
import { account, SayStream, sleep, voxyClient } from "./support/stream.js";

const deadPeerTimeoutMs = 1_000;

/** Streams while `fault` runs, then lets the client settle and close cleanly (which confirms the rest). */
async function streamThrough(stream: SayStream, fault: () => Promise<void>): Promise<void> {
  stream.start(4);
  await sleep(300);
  await fault();
  await waitFor(() => (stream.client.state === "open" ? true : undefined), 10_000, "the reconnection");
  await sleep(300);
  stream.stop();
  await stream.client.close();
}

describe("faults: a voxy server killed or frozen while a client streams", () => {
  it("killed and restarted: every message is received or reported undelivered", async () => {
    const server = await ChildServer.start("voxy");
    const { client } = voxyClient(server.url);
    const stream = new SayStream(client);
    await client.connect();
    await streamThrough(stream, async () => {
      await server.kill();
      await server.restart();
    });
    const figures = account("voxy killed, no resend", stream, server.received());
    expect(figures.lost).toBe(0);
    expect(figures.sent).toBeGreaterThan(100);
    expect(stream.refused).toEqual([]);
  });

  it("killed and restarted with resend: every message reaches the restarted server, none is reported", async () => {
    const server = await ChildServer.start("voxy");
    const { client } = voxyClient(server.url, { resend: ["say"] });
    const stream = new SayStream(client);
    await client.connect();
    await streamThrough(stream, async () => {
      await server.kill();
      await server.restart();
    });
    const figures = account("voxy killed, resend say", stream, server.received());
    expect(figures.lost).toBe(0);
    expect(figures.reported).toBe(0);
    expect(figures.received).toBe(figures.sent);
  });

  it("frozen (SIGSTOP) then killed: detected within the dead peer timeout ±10%, and accounted", async () => {
    const server = await ChildServer.start("voxy");
    const { client, states } = voxyClient(server.url, { deadPeerTimeoutMs });
    const stream = new SayStream(client);
    await client.connect();
    let frozenAt = 0;
    await streamThrough(stream, async () => {
      server.freeze();
      frozenAt = Date.now();
      const detected = await waitFor(
        () => states.find((entry) => entry.at >= frozenAt && entry.state === "reconnecting"),
        5_000,
        "the dead peer detection",
      );
      const detectionMs = detected.at - frozenAt;
      console.log(
        `[faults] voxy frozen server detected after ${detectionMs} ms (deadPeerTimeoutMs ${deadPeerTimeoutMs})`,
      );
      expect(detectionMs).toBeGreaterThanOrEqual(deadPeerTimeoutMs * 0.9);
      expect(detectionMs).toBeLessThanOrEqual(deadPeerTimeoutMs * 1.1);
      await server.kill();
      await server.restart();
    });
    const figures = account("voxy frozen then killed, no resend", stream, server.received());
    expect(figures.lost).toBe(0);
    // Nothing the frozen server held could be confirmed: those messages are the reported ones.
    expect(figures.reported).toBeGreaterThan(0);
  });
});
