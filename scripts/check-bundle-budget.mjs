#!/usr/bin/env node
// Browser bundle budget (issue 12, P1): each protocol's minimal browser app through its generated client
// (test/bench/bundle-apps/<protocol>.ts), min+gzip, against the anchor app of the same protocol (zod
// classic + a raw WebSocket send, <protocol>.anchor.ts), both bundled here with esbuild (browser, ESM,
// minified) from the built `dist` of every @wiretype package. Fails when a ratio exceeds --max-ratio
// (default: the goal, 1.2; check:packages passes its tighter ratchet). Only what the page loads
// up front counts: generated clients load zod and the schemas through a dynamic import() to explain a
// refused frame, a chunk printed here (lazy) but not counted.
// `pnpm bench bundle` prints the same figures (test/bench/bundle.ts, test/support/browser-bundle.ts).
//
//   node scripts/check-bundle-budget.mjs [--max-ratio 1.2]
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const protocols = ["voxy", "yueyue", "workspace", "verto", "kurento-room"];
const ratioArgument = process.argv.indexOf("--max-ratio");
const maxRatio = ratioArgument === -1 ? 1.2 : Number(process.argv[ratioArgument + 1]);

/** `@wiretype/<name>[/<subpath>]` → the file its publishConfig.exports names (what users install). */
const builtPackages = {
  name: "wiretype-dist",
  setup(plugin) {
    plugin.onResolve({ filter: /^@wiretype\// }, (args) => {
      const [, name, ...rest] = args.path.split("/");
      const directory = name === "runtime" ? join(root, "runtime") : join(root, "packages", name);
      const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8"));
      const target = manifest.publishConfig.exports[rest.length === 0 ? "." : `./${rest.join("/")}`]?.default;
      const path = target === undefined ? undefined : join(directory, target);
      if (path === undefined || !existsSync(path)) return { errors: [{ text: `${args.path}: not built` }] };
      return { path };
    });
  },
};

/** min+gzip bytes of what the page loads up front, and of the chunks reached only by dynamic import(). */
async function bundleBytes(entry) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { app: entry },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    outdir: join(root, "bundle-out"),
    metafile: true,
    logLevel: "silent",
    plugins: [builtPackages],
  });
  const outputs = result.metafile.outputs;
  const entryPath = Object.keys(outputs).find((path) => outputs[path].entryPoint !== undefined);
  const initial = new Set();
  const pending = [entryPath];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (initial.has(next)) continue;
    initial.add(next);
    for (const imported of outputs[next].imports) if (imported.kind === "import-statement") pending.push(imported.path);
  }
  let bytes = 0;
  let lazy = 0;
  for (const file of result.outputFiles) {
    if (!file.path.endsWith(".js")) continue;
    const size = gzipSync(file.contents, { level: 9 }).length;
    if (initial.has(file.path.slice(root.length))) bytes += size;
    else lazy += size;
  }
  return { bytes, lazy };
}

let failed = false;
for (const protocol of protocols) {
  const { bytes: app, lazy } = await bundleBytes(`test/bench/bundle-apps/${protocol}.ts`);
  const { bytes: anchor } = await bundleBytes(`test/bench/bundle-apps/${protocol}.anchor.ts`);
  const ratio = app / anchor;
  const verdict = ratio <= maxRatio ? "ok" : `over the budget of ${maxRatio}×`;
  console.log(
    `bundle ${protocol}: ${(app / 1024).toFixed(1)} KB min+gzip up front (+${(lazy / 1024).toFixed(1)} KB lazy), ${ratio.toFixed(2)}× the anchor (${(anchor / 1024).toFixed(1)} KB): ${verdict}`,
  );
  if (ratio > maxRatio) failed = true;
}
if (failed) {
  console.error("check-bundle-budget: a browser client is over its size budget (see above)");
  process.exit(1);
}
