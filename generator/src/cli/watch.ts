import { watch } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { GenerateMemo } from "../pipeline.js";
import type { GenerateCommand } from "./args.js";
import { runReporting, specsOf } from "./generate-command.js";

/**
 * Regenerates whenever a spec changes (changes within 100 ms are taken together), in one warm process:
 * only the specs whose text changed are parsed and emitted again. Each run reports how long it took,
 * and a run that succeeds after a failed one says so. Returns a function that stops watching; `onRun`
 * hears each run's exit status.
 */
export function watchSpecs(
  command: GenerateCommand,
  onRun?: (status: number) => void,
  memo: GenerateMemo = {},
): () => void {
  const specs = specsOf(command);
  let timer: NodeJS.Timeout | undefined;
  let failed = false;
  const regenerate = async () => {
    const start = performance.now();
    const status = await runReporting(command, memo);
    const took = `${(performance.now() - start).toFixed(0)} ms`;
    if (status === 0) console.log(failed ? `regenerated in ${took} (recovered)` : `regenerated in ${took}`);
    else console.error(`regeneration failed after ${took}; still watching`);
    failed = status !== 0;
    onRun?.(status);
  };
  const rerun = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void regenerate(), 100);
  };
  const watchers = watchFolders(specs, rerun);
  console.log(`watching ${specs.length} spec(s); Ctrl-C to stop`);
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

/**
 * Watches the folders the specs are in, not the files: an editor that saves by writing a new file and
 * renaming it over the old one would otherwise leave a file watcher on a deleted file.
 */
function watchFolders(specs: readonly string[], changed: () => void) {
  const namesByFolder = new Map<string, Set<string>>();
  for (const spec of specs) {
    const folder = dirname(resolve(spec));
    const names = namesByFolder.get(folder) ?? new Set<string>();
    names.add(basename(spec));
    namesByFolder.set(folder, names);
  }
  return [...namesByFolder].map(([folder, names]) =>
    watch(folder, (_event, name) => {
      if (name === null || names.has(String(name))) changed();
    }),
  );
}
