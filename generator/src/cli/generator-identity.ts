import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatConfigPath } from "../emit/format-typescript.js";

/** The folder the running generator's code is in: `src/` through tsx, `dist/` once built. */
const codeRoot = fileURLToPath(new URL("../", import.meta.url));

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? codeFiles(path) : [path];
    })
    .sort();
}

function biomeVersion(): string {
  const manifest = createRequire(import.meta.url).resolve("@biomejs/biome/package.json");
  return String((JSON.parse(readFileSync(manifest, "utf8")) as { version?: unknown }).version);
}

let identity: string | undefined;

/**
 * A hash of everything besides the specs that decides the generated text: the generator's own code
 * (every file, by content, so a rebuilt or edited generator never reuses an old result), the formatter
 * settings and the Biome version. About 200 small files: a few milliseconds.
 */
export function generatorIdentity(): string {
  if (identity !== undefined) return identity;
  const hash = createHash("sha256");
  for (const path of codeFiles(codeRoot)) hash.update(`${path.slice(codeRoot.length)}\0`).update(readFileSync(path));
  hash.update(readFileSync(formatConfigPath)).update(`biome ${biomeVersion()}`);
  identity = hash.digest("hex");
  return identity;
}
