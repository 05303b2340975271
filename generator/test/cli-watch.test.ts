import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseGenerateArgs } from "../src/cli/args.js";
import { watchSpecs } from "../src/cli/main.js";
import { type GenerateInput, type GenerateMemo, generate } from "../src/pipeline.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.asyncapi.yaml`, import.meta.url));
const input = (name: string, text = readFileSync(fixture(name), "utf8")): GenerateInput => ({
  source: { path: `generator/test/fixtures/${name}.asyncapi.yaml`, text },
});

// Cold generations, several per test: allow for a busy machine.
describe("--watch: a warm session", { timeout: 120_000 }, () => {
  it("re-parses only the spec that changed, and generates exactly what a cold run does", async () => {
    const memo: GenerateMemo = {};
    const market = input("market-feed");
    const rpc = input("rpc-correlation");
    const first = await generate([market, rpc], { memo });
    const renamed = input("rpc-correlation", rpc.source.text.replace("title: ", "title: Renamed "));
    const second = await generate([market, renamed], { memo });
    expect(second.packages[0]?.protocol).toBe(first.packages[0]?.protocol);
    expect(second.packages[1]?.protocol).not.toBe(first.packages[1]?.protocol);
    const cold = await generate([market, renamed]);
    expect(second.packages.map((each) => each.files)).toEqual(cold.packages.map((each) => each.files));
    expect(second.docs).toEqual(cold.docs);
    expect(second.warnings).toEqual(cold.warnings);
  });

  describe("reports", () => {
    let dir: string;
    let logs: string[];

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "wiretype-watch-"));
      logs = [];
      vi.spyOn(console, "log").mockImplementation((line: string) => logs.push(line));
      vi.spyOn(console, "error").mockImplementation((line: string) => logs.push(line));
      vi.spyOn(console, "warn").mockImplementation(() => undefined);
    });

    afterEach(() => {
      vi.restoreAllMocks();
      rmSync(dir, { recursive: true, force: true });
    });

    it("how long each regeneration took, a failure, and the recovery after it", async () => {
      const spec = join(dir, "rpc.asyncapi.yaml");
      const text = readFileSync(fixture("rpc-correlation"), "utf8");
      writeFileSync(spec, text);
      const command = parseGenerateArgs([spec, "--out", join(dir, "out"), "--watch", "--no-cache"]);
      const statuses: number[] = [];
      let heard: () => void = () => undefined;
      const stop = watchSpecs(command, (status) => {
        statuses.push(status);
        heard();
      });
      const nextRun = () => new Promise<void>((resolve) => (heard = resolve));
      try {
        // Written as a new file renamed over the old one, as many editors save.
        let run = nextRun();
        writeFileSync(`${spec}.tmp`, "asyncapi: 3.1.0\ninfo: [not, an, object]\n");
        renameSync(`${spec}.tmp`, spec);
        await run;
        run = nextRun();
        writeFileSync(spec, text);
        await run;
      } finally {
        stop();
      }
      expect(statuses).toEqual([1, 0]);
      expect(logs.join("\n")).toMatch(/regeneration failed after \d+ ms; still watching/);
      expect(logs.join("\n")).toMatch(/regenerated in \d+ ms \(recovered\)/);
    });
  });
});
