import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatConfigPath, formatTypeScriptFiles } from "../src/emit/format-typescript.js";
import type { GeneratedFile } from "../src/emit/generated-file.js";
import { generate } from "../src/pipeline.js";

/** Generated TypeScript is formatted by Biome with the repository's settings, so it reads like ours. */
const root = fileURLToPath(new URL("../../", import.meta.url));
const repositoryFormatter = JSON.parse(readFileSync(`${root}biome.json`, "utf8")).formatter;
const generatorFormatter = JSON.parse(readFileSync(formatConfigPath, "utf8")).formatter;
const lineWidth: number = repositoryFormatter.lineWidth;

/** The committed output of our five specs: every package's sources and the docs snippets. */
function committedTypeScript(): GeneratedFile[] {
  const packageFiles = readdirSync(`${root}packages`).flatMap((id) =>
    readdirSync(`${root}packages/${id}/src`).map((name) => `packages/${id}/src/${name}`),
  );
  const snippetFiles = readdirSync(`${root}docs/snippets`).flatMap((id) =>
    readdirSync(`${root}docs/snippets/${id}`).map((name) => `docs/snippets/${id}/${name}`),
  );
  return [...packageFiles, ...snippetFiles]
    .filter((path) => path.endsWith(".gen.ts"))
    .map((path) => ({ path, content: readFileSync(`${root}${path}`, "utf8") }));
}

/** Biome does not reflow prose or split a string, so comments and long literals may run past the width. */
function isUnavoidablyLong(line: string): boolean {
  if (/^\s*(\/\/|\/\*|\*)/.test(line)) return true;
  const literals = line.match(/"(?:[^"\\]|\\.)*"|`[^`]*`/g) ?? [];
  const longest = Math.max(0, ...literals.map((literal) => literal.length));
  return line.length - longest <= lineWidth;
}

function overlongLines(file: GeneratedFile): string[] {
  return file.content
    .split("\n")
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.length > lineWidth && !isUnavoidablyLong(line))
    .map(({ line, number }) => `${file.path}:${number}: ${line.slice(0, 80)}…`);
}

describe("generated TypeScript is formatted", () => {
  it("uses the repository's biome.json formatter settings", () => {
    expect(generatorFormatter).toMatchObject(repositoryFormatter);
  });

  it("has no line longer than the configured width, except comments and long string literals", () => {
    const files = committedTypeScript();
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.flatMap(overlongLines)).toEqual([]);
  });

  it("puts one guard clause per line", () => {
    const guards = committedTypeScript().filter((file) => file.path.endsWith("guards.gen.ts"));
    const joined = guards.flatMap((file) => file.content.split("\n")).filter((line) => /&&.*&&.*&&/.test(line));
    expect(guards.length).toBeGreaterThan(0);
    expect(joined.filter((line) => line.length > lineWidth)).toEqual([]);
  });

  it("is idempotent: formatting formatted output changes nothing", () => {
    const files = committedTypeScript();
    const outcome = formatTypeScriptFiles([files]);
    expect(outcome.problem).toBeUndefined();
    expect(outcome.groups[0]).toEqual(files);
  });

  it("formats what the emitters print, keeping every file in its group and order", () => {
    const cramped: GeneratedFile = { path: "src/a.gen.ts", content: "export const a = {x:1,\n        y:[1,2]};\n" };
    const readme: GeneratedFile = { path: "README.md", content: "# a  \n" };
    const outcome = formatTypeScriptFiles([[cramped, readme], [{ ...cramped, path: "src/b.gen.ts" }]]);
    const formatted = "export const a = { x: 1, y: [1, 2] };\n";
    expect(outcome.groups).toEqual([
      [{ path: "src/a.gen.ts", content: formatted }, readme],
      [{ path: "src/b.gen.ts", content: formatted }],
    ]);
  });

  it("formats the output of generate, with no formatter warning", async () => {
    const path = "generator/test/fixtures/oneof-payloads.asyncapi.yaml";
    const { packages, warnings } = await generate([{ source: { path, text: readFileSync(`${root}${path}`, "utf8") } }]);
    const files = packages[0]?.files.filter((file) => file.path.endsWith(".ts")) ?? [];
    expect(warnings.filter((warning) => warning.code === "format-unavailable")).toEqual([]);
    expect(formatTypeScriptFiles([files]).groups[0]).toEqual(files);
  });
});
