#!/usr/bin/env node
// Runs the benchmarks on built JavaScript: builds every package (`pnpm -r build`), bundles each
// `test/bench/<name>.ts` with esbuild, resolving every `@wiretype/*` import to that package's built `dist`
// (its `publishConfig.exports`, what users install) and leaving every other package external, then runs
// the bundle with plain `node` (the receive path also under Node 24). No tsx in the measured code.
//
//   pnpm bench [--quick] [--no-build] [receive|relay|generate|bundle|corpus|cluster ...]
//
// `--quick` (CI) cuts iterations through WIRETYPE_BENCH_QUICK=1: the figures are then only a smoke test.
// There are no timing assertions: a bench fails only when it crashes.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { holdBenchLock } from "./bench-lock.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// Beside the sources (same depth as test/bench and test/support), so `import.meta.url`-relative paths hold.
const outDir = join(root, "test/bench");

/** Bench name → source file, and whether it also runs under Node 24. */
const benches = {
  receive: { file: "receive-path.ts", node24: true },
  relay: { file: "relay.ts", node24: false },
  generate: { file: "generate.ts", node24: false },
  bundle: { file: "bundle.ts", node24: false },
  corpus: { file: "corpus.ts", node24: false },
  cluster: { file: "cluster.ts", node24: false },
};

function parseArgs(argv) {
  const names = argv.filter((arg) => !arg.startsWith("--"));
  const unknown = names.filter((name) => !(name in benches));
  if (unknown.length > 0) {
    console.error(`bench: unknown bench ${unknown.join(", ")}; known: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  return {
    quick: argv.includes("--quick"),
    build: !argv.includes("--no-build"),
    names: names.length > 0 ? names : Object.keys(benches),
  };
}

/** `@wiretype/<name>` → the package's directory, from the workspace's package.json files. */
function workspacePackages() {
  const dirs = ["runtime", "generator", ...readdirSync(join(root, "packages")).map((name) => `packages/${name}`)];
  const found = new Map();
  for (const dir of dirs) {
    const manifest = join(root, dir, "package.json");
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, "utf8"));
    found.set(json.name, { dir: join(root, dir), exports: json.publishConfig?.exports ?? json.exports });
  }
  return found;
}

/** The built file a `@wiretype/...` specifier names, through the package's published exports. */
function builtEntry(packages, specifier) {
  const [scope, name, ...rest] = specifier.split("/");
  const pkg = packages.get(`${scope}/${name}`);
  if (pkg === undefined) throw new Error(`bench: no workspace package for ${specifier}`);
  const subpath = rest.length === 0 ? "." : `./${rest.join("/")}`;
  const target = pkg.exports?.[subpath];
  const file = typeof target === "string" ? target : (target?.import ?? target?.default);
  if (typeof file !== "string") throw new Error(`bench: ${specifier} is not exported`);
  const path = join(pkg.dir, file);
  if (!existsSync(path)) throw new Error(`bench: ${relative(root, path)} is missing: run without --no-build`);
  return path;
}

/** esbuild plugin: `@wiretype/*` from dist (bundled), every other bare import external, resolved in place. */
function builtWorkspace(packages) {
  return {
    name: "wiretype-built",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^@wiretype\// }, (args) => ({ path: builtEntry(packages, args.path) }));
      // Each bench source keeps its own `import.meta.url` (paths next to it), wherever the bundle lands.
      esbuild.onLoad({ filter: /\.ts$/ }, (args) => ({
        contents: readFileSync(args.path, "utf8").replaceAll(
          "import.meta.url",
          JSON.stringify(pathToFileURL(args.path).href),
        ),
        loader: "ts",
      }));
      esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith("node:") || args.pluginData === "resolving") return undefined;
        const resolved = await esbuild.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          pluginData: "resolving",
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, external: true };
      });
    },
  };
}

async function bundle(packages, name) {
  const entry = join(root, "test/bench", benches[name].file);
  const outfile = join(outDir, `.built-${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    plugins: [builtWorkspace(packages)],
  });
  return outfile;
}

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  await holdBenchLock(root);
  if (options.build && !run("pnpm", ["-r", "--silent", "build"], {})) {
    console.error("bench: the build failed");
    process.exit(1);
  }
  const packages = workspacePackages();
  const env = options.quick ? { WIRETYPE_BENCH_QUICK: "1" } : {};
  const failed = [];
  for (const name of options.names) {
    if (!existsSync(join(root, "test/bench", benches[name].file))) {
      console.log(`\n== ${name}: skipped (test/bench/${benches[name].file} does not exist)`);
      continue;
    }
    const file = await bundle(packages, name);
    console.log(`\n== ${name} (built JavaScript, Node ${process.versions.node}${options.quick ? ", quick" : ""})`);
    if (!run(process.execPath, [file], env)) failed.push(name);
    if (benches[name].node24) {
      console.log(`\n== ${name} (built JavaScript, Node 24${options.quick ? ", quick" : ""})`);
      if (!run("npx", ["-y", "node@24", file], env)) failed.push(`${name} (Node 24)`);
    }
  }
  if (failed.length > 0) {
    console.error(`\nbench: failed: ${failed.join(", ")}`);
    process.exit(1);
  }
}

await main();
