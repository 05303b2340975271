import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { specReferences } from "../load/spec-references.js";
import { leftoverPages } from "./docs-leftovers.js";
import { leftoverGeneratedFiles } from "./package-files.js";

/** A generated file as the cache remembers it: where it goes, and the hash of its text. */
export interface CachedFile {
  readonly path: string;
  readonly sha: string;
}

/** A folder of generated files: a package, or the docs site. */
export interface CachedFolder {
  readonly dir: string;
  readonly files: readonly CachedFile[];
}

/** What a run printed besides the files it wrote (warnings, notes), replayed on a cache hit. */
export interface PrintedLine {
  readonly stream: "log" | "warn";
  readonly text: string;
}

/** What a `generate` with these inputs produced: enough to tell that the disk already holds it. */
export interface CachedRun {
  readonly inputHash: string;
  readonly lines: readonly PrintedLine[];
  readonly packages: readonly CachedFolder[];
  /** The docs pages, with the mark that tells a generated page from a hand-written one. */
  readonly docs: (CachedFolder & { readonly mark: string }) | undefined;
}

export const sha256 = (text: string | Buffer): string => createHash("sha256").update(text).digest("hex");

/**
 * The hash of everything a run's output depends on: the generator (`identity`), the working folder and
 * options, and each spec's text with every local file it refers to. Undefined when a spec is unreadable
 * or refers to a remote file: such a run is never cached.
 */
export function runInputHash(identity: string, options: unknown, specPaths: readonly string[]): string | undefined {
  const hash = createHash("sha256").update(JSON.stringify([identity, process.cwd(), options]));
  for (const path of specPaths) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
    const references = specReferences(path, text);
    if (references.remote) return undefined;
    hash.update(JSON.stringify([path, text]));
    for (const file of references.files) hash.update(JSON.stringify([file.path, file.text ?? null]));
  }
  return hash.digest("hex");
}

/** The cache file of one command line (options and spec list): several projects or flags never collide. */
export function cacheFileFor(cacheDir: string, options: unknown): string {
  return join(cacheDir, "runs", `${sha256(JSON.stringify([process.cwd(), options])).slice(0, 32)}.json`);
}

const isString = (value: unknown): value is string => typeof value === "string";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFolder(value: unknown): value is CachedFolder {
  return (
    isRecord(value) &&
    isString(value.dir) &&
    Array.isArray(value.files) &&
    value.files.every((file) => isRecord(file) && isString(file.path) && isString(file.sha))
  );
}

function isLine(value: unknown): value is PrintedLine {
  return isRecord(value) && (value.stream === "log" || value.stream === "warn") && isString(value.text);
}

function isCachedRun(value: unknown): value is CachedRun {
  return (
    isRecord(value) &&
    isString(value.inputHash) &&
    Array.isArray(value.lines) &&
    value.lines.every(isLine) &&
    Array.isArray(value.packages) &&
    value.packages.every(isFolder) &&
    (value.docs === undefined || (isFolder(value.docs) && isString((value.docs as { mark?: unknown }).mark)))
  );
}

/** The cached run for exactly these inputs; anything unreadable, malformed or for other inputs is ignored. */
export function readCachedRun(file: string, inputHash: string): CachedRun | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
  return isCachedRun(parsed) && parsed.inputHash === inputHash ? parsed : undefined;
}

/** Written whole to a temporary file, then renamed: a reader never sees half a cache file. */
export function writeCachedRun(file: string, run: CachedRun): void {
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(run));
    renameSync(temporary, file);
  } catch {
    // The cache only saves time: a read-only or full disk costs the next run its speed, nothing more.
  }
}

function folderOnDisk(folder: CachedFolder): boolean {
  return folder.files.every((file) => {
    const path = join(folder.dir, file.path);
    return existsSync(path) && sha256(readFileSync(path)) === file.sha;
  });
}

/**
 * Whether the disk holds exactly what the cached run generated: every file present with the recorded
 * hash, and no generated file left over that the run would remove or report. Only then may a run skip
 * parsing; a hand-edited or deleted file sends it down the full path.
 */
export function outputsOnDisk(run: CachedRun): boolean {
  const packagesIntact = run.packages.every(
    (folder) => folderOnDisk(folder) && leftoverGeneratedFiles(folder.dir, folder.files).length === 0,
  );
  if (!packagesIntact) return false;
  const docs = run.docs;
  return docs === undefined || (folderOnDisk(docs) && leftoverPages(docs.dir, docs.files, docs.mark).length === 0);
}
