import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type GenerateResult, generate } from "@wiretype/generator";
import { repoRoot } from "./build-site.js";

let cached: Promise<GenerateResult> | undefined;

/** The IR and docs files of every spec, as `pnpm generate` computes them (computed once per test file). */
export function generateAll(): Promise<GenerateResult> {
  cached ??= generateFresh();
  return cached;
}

/** A new run of the whole pipeline (to compare two runs). */
export async function generateFresh(): Promise<GenerateResult> {
  const specsDir = join(repoRoot, "specs");
  const names = readdirSync(specsDir)
    .filter((name) => name.endsWith(".asyncapi.yaml"))
    .sort();
  return generate(
    names.map((name) => ({
      id: name.replace(".asyncapi.yaml", ""),
      source: { path: `specs/${name}`, text: readFileSync(join(specsDir, name), "utf8") },
    })),
  );
}
