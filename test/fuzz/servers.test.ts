import { describe, expect, it } from "vitest";
import { onCleanup } from "../support/lifecycle.js";
import { probeKeys, startBystander } from "./support/bystanders.js";
import { ServerChild } from "./support/child.js";
import { serverStorm } from "./support/plan.js";
import { fuzzProtocols, profileOf } from "./support/profiles.js";
import { framesPerSuite, fuzzSeed } from "./support/seed.js";
import { openerFor } from "./support/sessions.js";
import { type LaneOutcome, runLane } from "./support/storm.js";

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
/** Heap growth tolerated after the storm, once collected (it should be close to nothing). */
const heapSlackBytes = 32 * 1024 * 1024;

describe.each(fuzzProtocols)("fuzz %s server", (protocol) => {
  it(`survives ${framesPerSuite} hostile frames (seed ${fuzzSeed}); a bystander keeps working`, async () => {
    const profile = profileOf(protocol);
    const child = await ServerChild.start(protocol);
    onCleanup(() => child.stop());
    const bystander = await startBystander(protocol, child.port);
    await bystander.probe("before");
    const baseline = await child.heap();
    const storm = serverStorm(profile, fuzzSeed, framesPerSuite, probeKeys[protocol]);
    const outcomes: Record<string, LaneOutcome> = {};
    let aborted = "";
    try {
      for (const eio of protocol === "workspace" ? ([4, 3] as const) : ([4] as const)) {
        const opener = openerFor(protocol, eio);
        const lane = (lane: "early" | "session", packetLane: boolean) => ({
          profile,
          lane,
          packetLane,
          open: (name: "early" | "session", n: number) => opener(child.port, name, n),
          batch: 250,
          parallel: packetLane ? 8 : 4,
        });
        const half = (frames: typeof storm.early) =>
          protocol === "workspace" ? frames.filter((_, at) => at % 2 === eio % 2) : frames;
        outcomes[`early/${eio}`] = await runLane(lane("early", false), half(storm.early));
        outcomes[`session/${eio}`] = await runLane(lane("session", false), half(storm.session));
        outcomes[`packets/${eio}`] = await runLane(lane("early", true), half(storm.packets));
      }
    } catch (error) {
      aborted = String(error);
    }
    const death = child.death;
    const sent = Object.values(outcomes).reduce((sum, outcome) => sum + outcome.sent, 0);
    let bystanderOk = death === undefined;
    if (bystanderOk) await bystander.probe("after").catch(() => (bystanderOk = false));
    const after = death === undefined ? await child.heap() : undefined;
    const heap = `heap ${mib(baseline.heapUsed)}/${after === undefined ? "dead" : mib(after.heapUsed)} MiB`;
    console.log(
      `fuzz ${protocol} server: ${sent} frames, crashes ${death === undefined ? 0 : 1}, bystander ${bystanderOk ? "ok" : "FAILED"}, ${heap} (seed ${fuzzSeed}, refused ${after?.invalid ?? "?"}, handler errors ${after?.errors ?? "?"})`,
    );
    for (const [name, outcome] of Object.entries(outcomes)) {
      console.log(
        `  ${name}: sent ${outcome.sent}, answers ${outcome.answers}, silent ${outcome.silent}, closes ${JSON.stringify(outcome.closes)}`,
      );
    }
    expect(death, `the server process died`).toBeUndefined();
    expect(aborted).toBe("");
    expect(sent).toBeGreaterThanOrEqual(framesPerSuite);
    expect(bystanderOk).toBe(true);
    for (const outcome of Object.values(outcomes)) {
      expect(outcome.undocumented).toEqual([]);
      expect(outcome.broken).toEqual([]);
    }
    expect(after?.prototypeNames).toBe(baseline.prototypeNames);
    expect((after?.heapUsed ?? Number.POSITIVE_INFINITY) - baseline.heapUsed).toBeLessThan(heapSlackBytes);
  }, 120_000);
});
