import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";

/** Where `@wiretype/*` imports resolve: the built `dist` (publishConfig.exports) or the TypeScript `src` (exports). */
export type PackageSource = "dist" | "src";

export interface BrowserBundle {
  /** min+gzip bytes of what the page loads up front: the entry and every chunk it imports statically. */
  readonly initialBytes: number;
  /** min+gzip bytes of chunks loaded only through a dynamic `import()`. */
  readonly lazyBytes: number;
  /** Source files (paths relative to the repository) in the up-front part. */
  readonly initialInputs: readonly string[];
  readonly metafile: Metafile;
}

type ExportMap = Record<string, { default?: string } | undefined>;

function packageDirectory(root: string, name: string): string {
  return name === "runtime" ? join(root, "runtime") : join(root, "packages", name);
}

/** Resolves `@wiretype/<name>[/<subpath>]` through the package's exports (src) or publishConfig.exports (dist). */
function wiretypePackages(root: string, source: PackageSource): Plugin {
  return {
    name: "wiretype-packages",
    setup(plugin) {
      plugin.onResolve({ filter: /^@wiretype\// }, (args) => {
        const [, name = "", ...rest] = args.path.split("/");
        const directory = packageDirectory(root, name);
        const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as {
          exports: ExportMap;
          publishConfig: { exports: ExportMap };
        };
        const exports = source === "dist" ? manifest.publishConfig.exports : manifest.exports;
        const target = exports[rest.length === 0 ? "." : `./${rest.join("/")}`]?.default;
        if (target === undefined) return { errors: [{ text: `${args.path} is not exported` }] };
        const path = join(directory, target);
        if (!existsSync(path)) return { errors: [{ text: `${path} is missing (run pnpm -r build)` }] };
        return { path };
      });
    },
  };
}

function gzipSize(text: Uint8Array): number {
  return gzipSync(text, { level: 9 }).length;
}

/** Output files reachable from `entry` through static imports. */
function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    for (const imported of metafile.outputs[next]?.imports ?? []) {
      if (imported.kind === "import-statement" && !imported.external) pending.push(imported.path);
    }
  }
  return seen;
}

/**
 * Bundles `entry` for browsers as an application would ship it (ESM, minified, code splitting on, every
 * npm package bundled) and measures it min+gzip.
 */
export async function browserBundle(root: string, entry: string, source: PackageSource): Promise<BrowserBundle> {
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
    plugins: [wiretypePackages(root, source)],
  });
  const metafile = result.metafile;
  const outputs = new Map(result.outputFiles.map((file) => [file.path.slice(root.length + 1), file.contents]));
  const entryOutput = Object.keys(metafile.outputs).find((path) => metafile.outputs[path]?.entryPoint !== undefined);
  if (entryOutput === undefined) throw new Error(`${entry}: esbuild wrote no entry`);
  const initial = staticClosure(metafile, entryOutput);
  let initialBytes = 0;
  let lazyBytes = 0;
  for (const [path, contents] of outputs) {
    if (!path.endsWith(".js")) continue;
    if (initial.has(path)) initialBytes += gzipSize(contents);
    else lazyBytes += gzipSize(contents);
  }
  const initialInputs = [...initial].flatMap((path) => Object.keys(metafile.outputs[path]?.inputs ?? {}));
  return { initialBytes, lazyBytes, initialInputs, metafile };
}
