import { performance } from "node:perf_hooks";
import type { Diagnostic } from "./diagnostics.js";
import { type DocsMemo, emitDocs } from "./emit/docs/emit-docs.js";
import { emitProtocol } from "./emit/emit-protocol.js";
import {
  type FormatMemo,
  type Formatter,
  formatTypeScriptFilesWith,
  formatUnavailable,
  startFormatter,
} from "./emit/format-typescript.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import type { PackageState } from "./emit/package/emit-package.js";
import type { Protocol } from "./ir/types.js";
import { loadSpec, type SpecSource } from "./load/load-spec.js";
import { type MemoizedSpec, memoKey } from "./pipeline-memo.js";
import { buildModel, checkFolders, guarded, type Loaded } from "./pipeline-steps.js";

/** One spec to generate: its source, its protocol id, and the release state of its existing package. */
export interface GenerateInput {
  readonly source: SpecSource;
  /** The package folder; by default the package name without its scope (see ir/infer-package.ts). */
  readonly id?: string;
  /** The npm package name (`--name`), over `info.x-wiretype-package` and `info.title`. */
  readonly packageName?: string;
  /** The release state of the existing package, or how to read it once the folder is known. */
  readonly packageState?: PackageState | ((id: string) => PackageState);
}

export interface GeneratedPackage {
  readonly protocol: Protocol;
  readonly files: readonly GeneratedFile[];
}

export interface GenerateOptions {
  /** `false` keeps the emitters' printed text (tests that read it); by default Biome formats it. */
  readonly format?: boolean;
  /**
   * Results kept between runs (`--watch`): a spec whose text and referenced files are unchanged is
   * neither parsed nor emitted again, and Biome formats only text it has not formatted before.
   */
  readonly memo?: GenerateMemo;
}

/** What `generate` reuses across runs of one process; start with `{}`. */
export interface GenerateMemo {
  specs?: Map<string, MemoizedSpec>;
  formatted?: FormatMemo;
  docs?: DocsMemo;
}

/** Milliseconds spent in each stage, summed over all specs. */
export interface StageTimings {
  load: number;
  ir: number;
  emit: number;
}

export interface GenerateResult {
  readonly packages: readonly GeneratedPackage[];
  /** The generated files of the docs site, paths relative to the docs folder. */
  readonly docs: readonly GeneratedFile[];
  readonly warnings: readonly Diagnostic[];
  readonly timings: StageTimings;
}

/**
 * load → IR → emit for each spec, each parsed once. Touches no file: the caller decides what to do
 * with the result (write it, compare it, print it). Throws SpecError with every diagnostic.
 */
export async function generate(
  inputs: readonly GenerateInput[],
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  // Biome starts now, on the other core, while the specs are parsed and printed.
  const formatter = options.format === false ? undefined : startFormatter();
  try {
    return await generateWith(formatter, inputs, options);
  } finally {
    formatter?.release();
  }
}

async function generateWith(
  formatter: Formatter | undefined,
  inputs: readonly GenerateInput[],
  options: GenerateOptions,
): Promise<GenerateResult> {
  const timings: StageTimings = { load: 0, ir: 0, emit: 0 };
  const memo = options.memo;
  const previous = memo?.specs ?? new Map<string, MemoizedSpec>();
  const keys = inputs.map((input) => (memo === undefined ? undefined : memoKey(input)));
  const start = performance.now();
  const loaded = await Promise.all(
    inputs.map((input, index) => (reusable(previous, keys[index]) ? undefined : loadSpec(input.source))),
  );
  timings.load = performance.now() - start;
  const built = inputs.map((input, index) => {
    const key = keys[index];
    const load = loaded[index];
    const reused = load === undefined && key !== undefined ? previous.get(key) : undefined;
    return buildAndEmit(input, reused ?? (load as Loaded), timings);
  });
  if (memo !== undefined) memo.specs = new Map(built.flatMap((each, index) => entryOf(keys[index], each)));
  const packages = built.map(({ protocol, files }) => ({ protocol, files }));
  const warnings: Diagnostic[] = built.flatMap((each) => each.warnings);
  checkFolders(packages.map((generated) => generated.protocol));
  const docsStart = performance.now();
  if (memo !== undefined) {
    memo.formatted ??= new Map();
    memo.docs ??= new WeakMap();
  }
  const emitted = [
    ...packages.map((generated) => [...generated.files]),
    emitDocs(
      packages.map((each) => each.protocol),
      memo?.docs,
    ),
  ];
  const formatted =
    formatter === undefined
      ? { groups: emitted }
      : await formatTypeScriptFilesWith(formatter, emitted, memo?.formatted);
  if (formatted.problem !== undefined) warnings.push(formatUnavailable(formatted.problem));
  timings.emit += performance.now() - docsStart;
  const docs = formatted.groups.at(-1) ?? [];
  const formattedPackages = packages.map((generated, index) => ({
    ...generated,
    files: formatted.groups[index] ?? [],
  }));
  return { packages: formattedPackages, docs, warnings, timings };
}

function reusable(previous: ReadonlyMap<string, MemoizedSpec>, key: string | undefined): boolean {
  return key !== undefined && previous.has(key);
}

function entryOf(key: string | undefined, spec: MemoizedSpec): [string, MemoizedSpec][] {
  return key === undefined ? [] : [[key, spec]];
}

/**
 * IR and emit for one spec, or the memoized result of an unchanged one (emitted again only when the
 * release state of its package changed). Warnings stay per spec, in the order a cold run reports them.
 */
function buildAndEmit(input: GenerateInput, from: Loaded | MemoizedSpec, timings: StageTimings): MemoizedSpec {
  const irStart = performance.now();
  const { protocol, warnings } = "protocol" in from ? from : buildModel(input, from);
  const emitStart = performance.now();
  const state = input.packageState;
  const packageState = typeof state === "function" ? state(protocol.id) : (state ?? {});
  const stateKey = JSON.stringify(packageState);
  const files =
    "protocol" in from && from.stateKey === stateKey
      ? from.files
      : guarded(protocol.specPath, "emitting", () => emitProtocol(protocol, { packageState }));
  timings.ir += emitStart - irStart;
  timings.emit += performance.now() - emitStart;
  return { protocol, warnings, files, stateKey };
}
