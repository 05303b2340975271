// The whole template: after @asyncapi/generator has parsed the document, wiretype's own generator
// (`generate` from @wiretype/generator) builds the package and its files are written to the output
// folder, exactly as `wiretype generate <spec> --out <folder>` writes them into `<folder>/<package>/`.
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { dirname, join, relative, resolve, sep } = require("node:path");
const { pathToFileURL } = require("node:url");

/** In the wiretype repository the generator is TypeScript source: tsx loads it, as its `bin` does. */
async function loadWiretype() {
  const entry = require.resolve("@wiretype/generator");
  if (entry.endsWith(".ts")) {
    const { register } = await import("tsx/esm/api");
    register();
  }
  return import(pathToFileURL(entry).href);
}

/** The spec as the generated headers name it: the `specPath` parameter, else the file the generator read. */
function specPathOf(generator) {
  const given = generator.templateParams.specPath;
  const source = given ?? generator.asyncapi?.meta?.()?.asyncapi?.source;
  if (typeof source !== "string" || source === "") return "asyncapi.yaml";
  return relative(process.cwd(), resolve(source)).split(sep).join("/");
}

/** Regeneration keeps the package's version, which belongs to the release tooling. */
function packageStateOf(folder) {
  const manifest = join(folder, "package.json");
  if (!existsSync(manifest)) return {};
  const { version } = JSON.parse(readFileSync(manifest, "utf8"));
  return typeof version === "string" ? { version } : {};
}

function specText(generator) {
  const original = generator.originalAsyncAPI;
  return typeof original === "string" ? original : JSON.stringify(original.json?.() ?? original);
}

async function writeWiretypePackage(generator) {
  const { generate, formatDiagnostic, SpecError } = await loadWiretype();
  const name = generator.templateParams.name;
  const input = {
    source: { path: specPathOf(generator), text: specText(generator) },
    packageState: packageStateOf(generator.targetDir),
    ...(typeof name === "string" && name !== "" ? { packageName: name } : {}),
  };
  let result;
  try {
    result = await generate([input]);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new Error(error.diagnostics.map(formatDiagnostic).join("\n"));
  }
  for (const warning of result.warnings) console.warn(formatDiagnostic(warning));
  for (const file of result.packages[0]?.files ?? []) {
    const path = join(generator.targetDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

module.exports = { "generate:after": writeWiretypePackage };
