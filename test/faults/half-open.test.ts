import { describe, expect, it } from "vitest";
import { waitFor } from "../support/lifecycle.js";
import { ChildServer } from "./support/child-server.js";
import { StallingProxy } from "./support/proxy.js";
import { account, SayStream, sleep, voxyClient } from "./support/stream.js";

const deadPeerTimeoutMs = 1_000;

describe("faults: a half-open network between a voxy client and its server", () => {
  it("a proxy that stops forwarding without closing is detected within the timeout ±10%, and accounted", async () => {
    const server = await ChildServer.start("voxy");
    const proxy = await StallingProxy.start(server.port);
    const { client, states } = voxyClient(proxy.url, { deadPeerTimeoutMs });
    const stream = new SayStream(client);
    await client.connect();
    stream.start(4);
    await sleep(300);
    proxy.stall();
    const stalledAt = Date.now();
    const detected = await waitFor(
      () => states.find((entry) => entry.at >= stalledAt && entry.state === "reconnecting"),
      5_000,
      "the dead peer detection",
    );
    const detectionMs = detected.at - stalledAt;
    console.log(
      `[faults] voxy half-open connection detected after ${detectionMs} ms (deadPeerTimeoutMs ${deadPeerTimeoutMs})`,
    );
    await waitFor(() => (client.state === "open" ? true : undefined), 5_000, "the reconnection");
    await sleep(300);
    stream.stop();
    await client.close();
    const figures = account("voxy half-open, no resend", stream, server.received());
    expect(detectionMs).toBeGreaterThanOrEqual(deadPeerTimeoutMs * 0.9);
    expect(detectionMs).toBeLessThanOrEqual(deadPeerTimeoutMs * 1.1);
    expect(figures.lost).toBe(0);
    expect(figures.reported).toBeGreaterThan(0);
  });
});
