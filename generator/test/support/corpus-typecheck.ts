import { readdirSync } from "node:fs";
import { join, sep } from "node:path";
import ts from "typescript";
import { repoRoot } from "./corpus-run.js";

/**
 * Type-checks every generated package in one TypeScript program (one program, not one per package:
 * the runtime and zod are checked once). Options are the repository's own (tsconfig.base.json, as
 * the root tsconfig uses); `@wiretype/runtime` and `zod` resolve through the workspace's node_modules,
 * exactly as for the golden snapshots. Returns the formatted errors by package folder.
 */
export function typecheckPackages(packageDirs: readonly string[]): Map<string, string[]> {
  const errorsByPackage = new Map<string, string[]>(packageDirs.map((dir) => [dir, []]));
  const rootNames = packageDirs.flatMap((dir) => sourceFiles(join(dir, "src")));
  if (rootNames.length === 0) return errorsByPackage;
  const program = ts.createProgram({ rootNames, options: compilerOptions() });
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const fileName = diagnostic.file?.fileName;
    const owner = packageDirs.find((dir) => fileName !== undefined && inFolder(fileName, dir));
    const text = formatTsDiagnostic(diagnostic);
    if (owner !== undefined) errorsByPackage.get(owner)?.push(text);
    else for (const errors of errorsByPackage.values()) errors.push(`(outside the packages) ${text}`);
  }
  return errorsByPackage;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(repoRoot, "tsconfig.base.json");
  const { config, error } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot, undefined, configPath);
  return { ...options, noEmit: true, declaration: false, types: ["node"] };
}

function sourceFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".ts"))
      .map((name) => join(dir, name))
      .sort();
  } catch {
    return [];
  }
}

/** Compares with `/` separators: TypeScript reports file names with forward slashes on every platform. */
function inFolder(fileName: string, dir: string): boolean {
  const normalised = dir.split(sep).join("/");
  return fileName.startsWith(normalised.endsWith("/") ? normalised : `${normalised}/`);
}

function formatTsDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (diagnostic.file === undefined || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const where = diagnostic.file.fileName.slice(diagnostic.file.fileName.indexOf("/src/") + 1);
  return `${where}:${line + 1}:${character + 1} TS${diagnostic.code}: ${message}`;
}
