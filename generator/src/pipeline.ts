import { performance } from "node:perf_hooks";
import { type Diagnostic, SpecError } from "./diagnostics.js";
import { emitDocs } from "./emit/docs/emit-docs.js";
import { emitProtocol } from "./emit/emit-protocol.js";
import { formatTypeScriptFiles, formatUnavailable } from "./emit/format-typescript.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import type { PackageState } from "./emit/package/emit-package.js";
import { buildProtocol } from "./ir/build-protocol.js";
import type { Protocol } from "./ir/types.js";
import { loadSpec, type SpecSource } from "./load/load-spec.js";

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
  const timings: StageTimings = { load: 0, ir: 0, emit: 0 };
  const warnings: Diagnostic[] = [];
  const start = performance.now();
  const loaded = await Promise.all(inputs.map((input) => loadSpec(input.source)));
  timings.load = performance.now() - start;
  const packages = inputs.map((input, index) => {
    const { spec, warnings: specWarnings } = loaded[index] as (typeof loaded)[number];
    warnings.push(...specWarnings);
    const irStart = performance.now();
    const file = spec.source.path;
    const protocol = guarded(file, "building the model", () =>
      buildProtocol(spec, { id: input.id, packageName: input.packageName, warnings }),
    );
    const emitStart = performance.now();
    const state = input.packageState;
    const packageState = typeof state === "function" ? state(protocol.id) : (state ?? {});
    const files = guarded(file, "emitting", () => emitProtocol(protocol, { packageState }));
    timings.ir += emitStart - irStart;
    timings.emit += performance.now() - emitStart;
    return { protocol, files };
  });
  checkFolders(packages.map((generated) => generated.protocol));
  const docsStart = performance.now();
  const emitted = [...packages.map((generated) => generated.files), emitDocs(packages.map((each) => each.protocol))];
  const formatted = options.format === false ? { groups: emitted } : formatTypeScriptFiles(emitted);
  if (formatted.problem !== undefined) warnings.push(formatUnavailable(formatted.problem));
  timings.emit += performance.now() - docsStart;
  const docs = formatted.groups.at(-1) ?? [];
  const formattedPackages = packages.map((generated, index) => ({
    ...generated,
    files: formatted.groups[index] ?? [],
  }));
  return { packages: formattedPackages, docs, warnings, timings };
}

/** A bug of wiretype's on some document still ends as a diagnostic naming the file, never a stack trace. */
function guarded<T>(file: string, stage: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SpecError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const message = `wiretype failed while ${stage} (${reason}): please report it with this document`;
    throw new SpecError([{ severity: "error", code: "internal-error", message, file, pointer: "" }]);
  }
}

/** Two documents that would write the same package folder: an error, never a silent overwrite. */
function checkFolders(protocols: readonly Protocol[]): void {
  const owners = new Map<string, string>();
  const clashes: Diagnostic[] = [];
  for (const protocol of protocols) {
    const owner = owners.get(protocol.id);
    if (owner === undefined) owners.set(protocol.id, protocol.specPath);
    else
      clashes.push({
        severity: "error",
        code: "same-folder",
        message: `the package \`${protocol.packageName}\` would be written to \`${protocol.id}/\`, like ${owner}'s: give one of them another name (--name or \`info.x-wiretype-package.name\`)`,
        file: protocol.specPath,
        pointer: "/info/title",
      });
  }
  if (clashes.length > 0) throw new SpecError(clashes);
}
