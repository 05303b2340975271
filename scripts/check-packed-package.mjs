// Checks one packed package (the folder a tarball was extracted to) beyond what publint and attw see:
// the manifest is the published one (exports into dist, no `workspace:` ranges), and the browser-safe
// entry points never reach a Node built-in or `ws` through their imports.
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";

const packageDir = resolve(process.argv[2] ?? ".");
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const problems = [];

for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
  for (const [name, range] of Object.entries(manifest[field] ?? {})) {
    if (String(range).startsWith("workspace:")) problems.push(`${field}.${name} is still ${range}`);
  }
}

/** Entry points that run on a server only; every other one must stay browser-safe. */
const nodeOnlySubpaths = new Set(["./server"]);
const nodeOnlyBare = new Set(["ws", "@wiretype/runtime/server", ...builtinModules]);
const importPattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g;

function nodeImports(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const found = [];
  for (const match of readFileSync(file, "utf8").matchAll(importPattern)) {
    const specifier = match[1] ?? match[2];
    if (specifier.startsWith(".")) found.push(...nodeImports(resolve(dirname(file), specifier), seen));
    else if (specifier.startsWith("node:") || nodeOnlyBare.has(specifier)) found.push(`${file}: ${specifier}`);
  }
  return found;
}

const isGenerator = manifest.bin !== undefined;
for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
  const conditions = typeof target === "string" ? { default: target } : target;
  for (const [condition, path] of Object.entries(conditions)) {
    if (!path.startsWith("./dist/")) problems.push(`exports["${subpath}"].${condition} is ${path}, not in dist`);
    else if (!existsSync(join(packageDir, path)))
      problems.push(`exports["${subpath}"].${condition}: ${path} is not packed`);
  }
  const code = conditions.default;
  if (isGenerator || nodeOnlySubpaths.has(subpath) || !existsSync(join(packageDir, code))) continue;
  for (const found of nodeImports(join(packageDir, code))) problems.push(`"${subpath}" reaches ${found}`);
}

/** An @asyncapi/generator template (a `generator` field) is its hook and template folder, no dist. */
if (manifest.generator !== undefined) {
  for (const path of ["hooks/wiretype-package.js", "template", "README.md"]) {
    if (!existsSync(join(packageDir, path))) problems.push(`${path} is not packed`);
  }
  if (manifest.generator.renderer === undefined) problems.push("generator.renderer is missing");
  if (manifest.dependencies?.["@wiretype/generator"] === undefined)
    problems.push("@wiretype/generator is no dependency");
}

for (const problem of problems) console.error(`${manifest.name}: ${problem}`);
process.exitCode = problems.length > 0 ? 1 : 0;
