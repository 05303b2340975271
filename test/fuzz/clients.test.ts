import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../support/lifecycle.js";
import { countReports, fuzzClient } from "./support/clients.js";
import { finalMessage } from "./support/final.js";
import type { FuzzFrame } from "./support/frame.js";
import { sendAll, startHostileServer } from "./support/hostile.js";
import { clientStorm } from "./support/plan.js";
import { fuzzProtocols, type Profile, profileOf } from "./support/profiles.js";
import { framesPerSuite, fuzzSeed } from "./support/seed.js";

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
const heapUsed = () => {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
};
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const heapSlackBytes = 32 * 1024 * 1024;
const encoded = (frame: FuzzFrame): FuzzFrame => ({ ...frame, data: Buffer.from(frame.data) });

/** Errors nothing caught while a test ran: a client that throws from a socket callback would crash its process. */
const crashes: string[] = [];
const record = (error: unknown) =>
  crashes.push(error instanceof Error ? `${error.message}\n${error.stack ?? ""}`.slice(0, 1_500) : String(error));
beforeEach(() => {
  crashes.length = 0;
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
});
afterEach(() => {
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
});

const count = (frames: readonly FuzzFrame[], expect: FuzzFrame["expect"]) =>
  frames.filter((frame) => frame.expect === expect).length;

/** Sends `frames` then the final valid message to a fresh client; resolves with its counts once that is delivered. */
async function storm(profile: Profile, frames: readonly FuzzFrame[], waitMs: number) {
  const server = await startHostileServer(profile.framing === "socket.io");
  const client = fuzzClient(profile.name, server.port);
  const counts = countReports(profile, client);
  const final = finalMessage(profile);
  let finalSeen = false;
  client.on(final.key, (message) => {
    if (JSON.stringify(message) === final.json) finalSeen = true;
  });
  await client.connect();
  const peer = await server.peers.next();
  await sendAll(peer, frames);
  peer.send(final.data);
  const arrived = await waitFor(
    () => (finalSeen || client.state === "closed" ? true : undefined),
    waitMs,
    "the final message",
  ).catch(() => false);
  return { counts, finalSeen, arrived, state: client.state, client };
}

describe.each(fuzzProtocols)("fuzz %s client", (protocol) => {
  it(`reports every one of ${framesPerSuite} hostile frames as invalid and still delivers (seed ${fuzzSeed})`, async () => {
    const profile = profileOf(protocol);
    // Encoded up front: sending would otherwise flatten the frames' rope strings, and the copies would count as growth.
    const frames = clientStorm(profile, fuzzSeed, framesPerSuite).frames.map(encoded);
    const before = heapUsed();
    const result = await storm(profile, frames, 60_000);
    const afterOpen = heapUsed();
    await result.client.close();
    const after = heapUsed();
    const { counts } = result;
    const delivered = counts.delivered - (result.finalSeen ? 1 : 0);
    const [refused, ignored, either] = [count(frames, "invalid"), count(frames, "ignored"), count(frames, "either")];
    console.log(
      `fuzz ${protocol} client: ${frames.length} frames, crashes ${crashes.length}, final message ${result.finalSeen ? "ok" : "MISSING"}, heap ${mib(before)}/${mib(after)} MiB (${mib(afterOpen)} before close) (seed ${fuzzSeed}); invalid events ${counts.invalid}, delivered ${delivered}, ignored by the spec ${ignored} (expected: invalid ${refused}, invalid-or-delivered ${either})`,
    );
    console.log(
      `  invalid kinds ${JSON.stringify(counts.invalidKinds)}; delivered ${JSON.stringify(counts.deliveredSamples)}`,
    );
    expect(crashes).toEqual([]);
    expect(result.finalSeen).toBe(true);
    expect(result.state).toBe("open");
    expect(counts.invalid + delivered).toBe(refused + either);
    expect(delivered).toBeLessThanOrEqual(either);
    expect(after - before).toBeLessThan(heapSlackBytes);
  }, 120_000);

  it("survives frames that may end the connection, one client each", async () => {
    const profile = profileOf(protocol);
    const { packets } = clientStorm(profile, fuzzSeed, 0);
    const outcomes: Record<string, number> = {};
    for (const frame of packets) {
      const result = await storm(profile, [frame], 2_000);
      const outcome = result.finalSeen ? "delivered" : result.state === "closed" ? "closed" : "silent";
      const name = `${outcome}${result.counts.invalid > 0 ? "+invalid" : ""}`;
      outcomes[name] = (outcomes[name] ?? 0) + 1;
    }
    console.log(
      `fuzz ${protocol} client packets: ${packets.length} frames, crashes ${crashes.length}, outcomes ${JSON.stringify(outcomes)}`,
    );
    expect(crashes).toEqual([]);
  }, 120_000);
});
