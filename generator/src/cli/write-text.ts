import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";

/**
 * Writes `content` to `path` unless the file already holds it; returns whether it wrote. An existing
 * file is overwritten in place and then cut to length, never truncated to nothing first: on ext4, a
 * file truncated to zero and written again is flushed to disk on close (`auto_da_alloc`), which made
 * rewriting a few dozen files take hundreds of milliseconds of a `--watch` run.
 */
export function writeTextIfChanged(path: string, content: string): boolean {
  if (!existsSync(path)) {
    writeFileSync(path, content);
    return true;
  }
  if (readFileSync(path, "utf8") === content) return false;
  const bytes = Buffer.from(content);
  const descriptor = openSync(path, "r+");
  try {
    writeSync(descriptor, bytes, 0, bytes.length, 0);
    ftruncateSync(descriptor, bytes.length);
  } finally {
    closeSync(descriptor);
  }
  return true;
}
