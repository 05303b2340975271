/**
 * Browser bundle size per protocol (P1): a minimal app through the generated client (connect, send one
 * message, handle one push; `test/bench/bundle-apps/<protocol>.ts`) against the anchor app measured in
 * the same run (zod classic `import * as z` validating the same push, and a raw WebSocket send;
 * `<protocol>.anchor.ts`). esbuild, platform browser, ESM, minified, code splitting on, then gzip -9;
 * `@wiretype/*` resolve to the built `dist` (run `pnpm -r build` first; `pnpm bench bundle` does).
 * Sizes are deterministic: the runs repeat to show it (spread 0), not to average noise.
 * The ratio counts what a page loads up front (the entry chunk and its static imports). Generated
 * clients load zod and the schemas through a dynamic `import()` only to explain a refused frame: that
 * lazy chunk is printed beside it, not counted.
 *
 *   pnpm bench bundle
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { browserBundle } from "../support/browser-bundle.js";
import { protocolNames } from "../support/spec-files.js";

const root = process.cwd();
if (!existsSync(join(root, "pnpm-workspace.yaml"))) throw new Error("run from the repository root");
const runs = process.env.WIRETYPE_BENCH_QUICK === "1" ? 1 : 3;
const apps = "test/bench/bundle-apps";
/** The goal of issue 12: a browser client at most this many times the anchor app. */
const goal = 1.2;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

console.log(
  `browser bundle, min+gzip (esbuild, browser, ESM): generated client app against zod classic + raw WebSocket`,
);
console.log(
  `(${runs} run(s); sizes are deterministic; "up front" is what the page loads, "lazy" the zod chunk loaded on the first refused frame)`,
);
console.log("protocol      up front     lazy chunks   anchor app   client/anchor  goal");
for (const protocol of protocolNames) {
  const sizes: { app: number; lazy: number; anchor: number }[] = [];
  for (let run = 0; run < runs; run += 1) {
    const app = await browserBundle(root, `${apps}/${protocol}.ts`, "dist");
    const anchor = await browserBundle(root, `${apps}/${protocol}.anchor.ts`, "dist");
    sizes.push({ app: app.initialBytes, lazy: app.lazyBytes, anchor: anchor.initialBytes });
  }
  const ratios = sizes.map((size) => size.app / size.anchor);
  const [first] = sizes;
  if (first === undefined) continue;
  const ratio = ratios[Math.floor(ratios.length / 2)] ?? Number.NaN;
  const spread = Math.max(...ratios) - Math.min(...ratios);
  const cells = [
    protocol.padEnd(13),
    kb(first.app).padStart(10),
    kb(first.lazy).padStart(13),
    kb(first.anchor).padStart(12),
    `${ratio.toFixed(2)}× ±${spread.toFixed(2)}`.padStart(14),
    ratio <= goal ? ` ≤ ${goal}×` : ` > ${goal}×`,
  ];
  console.log(cells.join(" "));
}
