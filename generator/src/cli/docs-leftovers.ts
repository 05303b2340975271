import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

// The generator's mark is passed in rather than imported: a cache hit checks for leftovers without
// loading the emitters (and ts-morph with them).

const skippedFolders = new Set(["node_modules", "dist", "cache"]);
const headerLength = 400;

/** Every generated file on disk under the docs folder (its first lines carry `mark`), relative paths with `/`. */
function generatedOnDisk(docsDir: string, mark: string): string[] {
  if (!existsSync(docsDir)) return [];
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) visit(path);
      } else if (/\.(md|ts)$/.test(entry.name) && readFileSync(path, "utf8").slice(0, headerLength).includes(mark)) {
        found.push(relative(docsDir, path).split(sep).join("/"));
      }
    }
  };
  visit(docsDir);
  return found.sort();
}

/** Generated pages on disk that the run did not produce, relative to the docs folder. */
export function leftoverPages(docsDir: string, files: readonly { readonly path: string }[], mark: string): string[] {
  const expected = new Set(files.map((file) => file.path));
  return generatedOnDisk(docsDir, mark).filter((path) => !expected.has(path));
}
