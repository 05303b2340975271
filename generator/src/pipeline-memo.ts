import { createHash } from "node:crypto";
import type { Diagnostic } from "./diagnostics.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import type { Protocol } from "./ir/types.js";
import { specReferences } from "./load/spec-references.js";
import type { GenerateInput } from "./pipeline.js";

/** One spec's model and printed (unformatted) files, as a previous run of the same process made them. */
export interface MemoizedSpec {
  readonly protocol: Protocol;
  readonly warnings: readonly Diagnostic[];
  readonly files: readonly GeneratedFile[];
  /** The release state the files were emitted with (JSON). */
  readonly stateKey: string;
}

/**
 * What decides a spec's model: its path and text, every local file it refers to, and the names given
 * to it. A spec with a remote `$ref` gets no key (its target may change unseen) and is always parsed.
 */
export function memoKey(input: GenerateInput): string | undefined {
  const { path, text } = input.source;
  const references = specReferences(path, text);
  if (references.remote) return undefined;
  const hash = createHash("sha256").update(JSON.stringify([path, text, input.id, input.packageName]));
  for (const file of references.files) hash.update(JSON.stringify([file.path, file.text ?? null]));
  return hash.digest("hex");
}
