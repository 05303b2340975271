import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** A local file a spec refers to through `$ref`, read as text (undefined when it cannot be read). */
export interface ReferencedFile {
  readonly path: string;
  readonly text: string | undefined;
}

/** What a spec refers to outside itself: local files (followed transitively), and whether any `$ref` is remote. */
export interface SpecReferences {
  readonly files: readonly ReferencedFile[];
  /** A `$ref` with a scheme (`https:`, `file:`): its target cannot be read without the parser. */
  readonly remote: boolean;
}

// `$ref: x`, `"$ref": "x"`, `{ $ref: 'x' }`: the part before `#`; a pointer into the same file is empty.
const referencePattern = /["']?\$ref["']?\s*:\s*["']?([^"'#\s,}\]]*)/g;
const schemePattern = /^[a-z][a-z0-9+.-]*:/i;

function referencedPaths(text: string): string[] {
  return [...text.matchAll(referencePattern)].map((match) => match[1] ?? "").filter((path) => path !== "");
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function decoded(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * The local files a spec's `$ref`s name, found by a textual scan (no YAML parse, so that a cache check
 * stays cheap), each followed in turn. A scan can over-collect (a `$ref` inside a description), which
 * only costs a read; the parser remains the judge of what the references mean.
 */
export function specReferences(specPath: string, specText: string): SpecReferences {
  const files: ReferencedFile[] = [];
  const seen = new Set([resolve(specPath)]);
  let remote = false;
  const visit = (fromPath: string, text: string) => {
    for (const reference of referencedPaths(text)) {
      if (schemePattern.test(reference)) {
        remote = true;
        continue;
      }
      const path = resolve(dirname(fromPath), decoded(reference));
      if (seen.has(path)) continue;
      seen.add(path);
      const referencedText = readText(path);
      files.push({ path, text: referencedText });
      if (referencedText !== undefined) visit(path, referencedText);
    }
  };
  visit(specPath, specText);
  return { files, remote };
}
