import { type Diagnostic, SpecError } from "./diagnostics.js";
import { buildProtocol } from "./ir/build-protocol.js";
import type { Protocol } from "./ir/types.js";
import type { LoadedSpec } from "./load/load-spec.js";
import type { GenerateInput } from "./pipeline.js";

/** A parsed spec and the warnings its loading found. */
export type Loaded = { spec: LoadedSpec; warnings: Diagnostic[] };

/** Stage 2 for one loaded spec: its model, and every warning found so far, in the order a run reports them. */
export function buildModel(input: GenerateInput, from: Loaded): { protocol: Protocol; warnings: Diagnostic[] } {
  const warnings = [...from.warnings];
  const protocol = guarded(from.spec.source.path, "building the model", () =>
    buildProtocol(from.spec, { id: input.id, packageName: input.packageName, warnings }),
  );
  return { protocol, warnings };
}

function internalError(file: string, stage: string, reason: string): SpecError {
  const message = `wiretype failed while ${stage} (${reason}): please report it with this document`;
  return new SpecError([{ severity: "error", code: "internal-error", message, file, pointer: "" }]);
}

/** A bug of wiretype's on some document still ends as a diagnostic naming the file, never a stack trace. */
export function guarded<T>(file: string, stage: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw internalError(file, stage, error instanceof Error ? error.message : String(error));
  }
}

/** Two documents that would write the same package folder: an error, never a silent overwrite. */
export function checkFolders(protocols: readonly Protocol[]): void {
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
