import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * Type-checks generated files in memory, with the repository's strict compiler options: the files
 * are placed (virtually) under `generator/test/.typecheck/<name>/`, so `zod` and `@wiretype/runtime`
 * resolve from the workspace's node_modules as they do for a generated package. Nothing is written.
 */

const root = fileURLToPath(new URL("../../../", import.meta.url));
const baseConfig = ts.getParsedCommandLineOfConfigFile(
  `${root}tsconfig.base.json`,
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  },
);
const options: ts.CompilerOptions = { ...baseConfig?.options, noEmit: true, types: ["node"] };
/** Library, zod and runtime sources are parsed once for every check of the test run. */
const sharedSources = new Map<string, ts.SourceFile>();

function hostWith(virtual: ReadonlyMap<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  return {
    ...host,
    fileExists: (path) => virtual.has(path) || ts.sys.fileExists(path),
    directoryExists: (path) =>
      [...virtual.keys()].some((file) => file.startsWith(`${path}/`)) || ts.sys.directoryExists(path),
    readFile: (path) => virtual.get(path) ?? readFile(path),
    getSourceFile: (path, language) => {
      const text = virtual.get(path);
      if (text !== undefined) return ts.createSourceFile(path, text, language, true);
      const cached = sharedSources.get(path);
      if (cached !== undefined) return cached;
      const content = ts.sys.readFile(path);
      if (content === undefined) return undefined;
      const source = ts.createSourceFile(path, content, language, true);
      sharedSources.set(path, source);
      return source;
    },
  };
}

/**
 * The packages' `.ts` files, each package under its own folder, checked in one program (the zod and
 * runtime types are loaded once); each error as `package/file(line): message`.
 */
export function typeErrors(packages: Readonly<Record<string, Readonly<Record<string, string>>>>): string[] {
  const base = `${root}generator/test/.typecheck/`;
  const virtual = new Map(
    Object.entries(packages).flatMap(([name, files]) =>
      Object.entries(files)
        .filter(([path]) => path.endsWith(".ts"))
        .map(([path, text]) => [`${base}${name}/${path}`, text] as const),
    ),
  );
  const program = ts.createProgram([...virtual.keys()], options, hostWith(virtual));
  // Only the generated files are checked: the runtime's own sources are checked by the repository's tsc.
  const diagnostics = [...virtual.keys()].flatMap((path) => {
    const source = program.getSourceFile(path);
    return source === undefined
      ? []
      : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  });
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const file = diagnostic.file;
    if (file === undefined || diagnostic.start === undefined) return message;
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${file.fileName.replace(base, "")}(${line + 1}): ${message}`;
  });
}

/** The files a schema construct shapes: types, validators and guards (the facades are tested elsewhere). */
export function schemaFiles(files: Readonly<Record<string, string>>): Record<string, string> {
  const kept = ["src/types.gen.ts", "src/schemas.gen.ts", "src/guards.gen.ts"];
  return Object.fromEntries(kept.flatMap((path) => (files[path] === undefined ? [] : [[path, files[path]]])));
}
