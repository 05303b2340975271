import { performance } from "node:perf_hooks";
import type { Diagnostic } from "./diagnostics.js";
import { emitDocs } from "./emit/docs/emit-docs.js";
import { emitProtocol } from "./emit/emit-protocol.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import type { PackageState } from "./emit/package/emit-package.js";
import { buildProtocol } from "./ir/build-protocol.js";
import type { Protocol } from "./ir/types.js";
import { loadSpec, type SpecSource } from "./load/load-spec.js";

/** One spec to generate: its source, its protocol id, and the release state of its existing package. */
export interface GenerateInput {
  readonly source: SpecSource;
  readonly id: string;
  readonly packageState?: PackageState;
}

export interface GeneratedPackage {
  readonly protocol: Protocol;
  readonly files: readonly GeneratedFile[];
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
export async function generate(inputs: readonly GenerateInput[]): Promise<GenerateResult> {
  const timings: StageTimings = { load: 0, ir: 0, emit: 0 };
  const warnings: Diagnostic[] = [];
  const start = performance.now();
  const loaded = await Promise.all(inputs.map((input) => loadSpec(input.source)));
  timings.load = performance.now() - start;
  const packages = inputs.map((input, index) => {
    const { spec, warnings: specWarnings } = loaded[index] as (typeof loaded)[number];
    warnings.push(...specWarnings);
    const irStart = performance.now();
    const protocol = buildProtocol(spec, { id: input.id });
    const emitStart = performance.now();
    const files = emitProtocol(protocol, { packageState: input.packageState ?? {} });
    timings.ir += emitStart - irStart;
    timings.emit += performance.now() - emitStart;
    return { protocol, files };
  });
  const docsStart = performance.now();
  const docs = emitDocs(packages.map((generated) => generated.protocol));
  timings.emit += performance.now() - docsStart;
  return { packages, docs, warnings, timings };
}
