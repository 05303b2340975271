export { type Diagnostic, formatDiagnostic, SpecError } from "./diagnostics.js";
export { type EmitOptions, emitProtocol } from "./emit/emit-protocol.js";
export type { GeneratedFile } from "./emit/generated-file.js";
export { buildProtocol } from "./ir/build-protocol.js";
export type * from "./ir/types.js";
export { type LoadedSpec, loadSpec, type SpecSource } from "./load/load-spec.js";
export {
  type GeneratedPackage,
  type GenerateInput,
  type GenerateMemo,
  type GenerateOptions,
  type GenerateResult,
  generate,
  type StageTimings,
} from "./pipeline.js";
