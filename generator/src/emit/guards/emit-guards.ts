import {
  type FunctionDeclarationStructure,
  type ImportDeclarationStructure,
  type OptionalKind,
  type Project,
  type StatementStructures,
  StructureKind,
  VariableDeclarationKind,
} from "ts-morph";
import type { Protocol, SchemaNode } from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import { extraSchemas, guardFunctionName } from "../names.js";
import { type GuardContext, guardExpression } from "./guard-expression.js";

/** A schema or a message payload that gets a guard, by the name of its type. */
export interface GuardEntry {
  readonly typeName: string;
  readonly schema: SchemaNode;
}

/** Every guard of a protocol: named schemas first, then message payloads. */
export function guardEntries(protocol: Protocol): GuardEntry[] {
  return [
    ...[...protocol.schemas, ...extraSchemas(protocol)].map((entry) => ({
      typeName: entry.name,
      schema: entry.schema,
    })),
    ...protocol.messages.map((message) => ({ typeName: message.typeName, schema: message.payload })),
  ];
}

/** The module-level constants a guards module's expressions name, collected as they are compiled. */
interface ModuleConstants {
  readonly patterns: string[];
  readonly constants: string[];
}

function indexOf(list: string[], text: string): number {
  const found = list.indexOf(text);
  return found >= 0 ? found : list.push(text) - 1;
}

/** A guard context whose regexes and constants land in `collected`; `overrides` set how names and formats are read. */
export function moduleContext(
  protocol: Protocol,
  collected: ModuleConstants,
  overrides: Partial<Pick<GuardContext, "guardName" | "formats">> = {},
): GuardContext {
  const named = new Map([...protocol.schemas, ...extraSchemas(protocol)].map((entry) => [entry.name, entry.schema]));
  return {
    guardName: guardFunctionName,
    runtime: new Set(),
    schemaNamed: (name) => named.get(name),
    constant: (value) => `constant${indexOf(collected.constants, JSON.stringify(value))}`,
    regex: (pattern) => `pattern${indexOf(collected.patterns, pattern)}`,
    ...overrides,
  };
}

export function guardFunction(
  entry: GuardEntry,
  context: GuardContext,
  description = `True when \`value\` is a valid {@link ${entry.typeName}} (the same verdict as its zod schema).`,
): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: guardFunctionName(entry.typeName),
    isExported: true,
    docs: [{ description }],
    parameters: [{ name: "value", type: "unknown" }],
    returnType: `value is ${entry.typeName}`,
    statements: [
      "// biome-ignore lint/suspicious/noExplicitAny: a parsed frame, narrowed by the checks themselves.",
      "const v: any = value;",
      `return ${guardExpression(entry.schema, "v", context)};`,
    ],
  };
}

/** What a guards module declares before its functions: its regexes and structured constants. */
function constantStatements(collected: ModuleConstants): StatementStructures[] {
  const regexes: StatementStructures[] = collected.patterns.map((pattern, index) => ({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: `pattern${index}`, initializer: `new RegExp(${JSON.stringify(pattern)}, "u")` }],
  }));
  // Parsed from JSON text: a `__proto__` member in an object literal would set the prototype instead.
  const constants: StatementStructures[] = collected.constants.map((text, index) => ({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: `constant${index}`, type: "unknown", initializer: `JSON.parse(${JSON.stringify(text)})` }],
  }));
  return [...regexes, ...constants];
}

type ImportStructure = OptionalKind<ImportDeclarationStructure> & { kind: StructureKind.ImportDeclaration };

/** Prints a guards module: its constants, its functions, the runtime helpers they call and the types they narrow to. */
export function printGuardModule(
  project: Project,
  protocol: Protocol,
  module: {
    readonly path: string;
    readonly collected: ModuleConstants;
    readonly context: GuardContext;
    readonly functions: readonly FunctionDeclarationStructure[];
    readonly imports?: readonly ImportStructure[];
  },
): GeneratedFile {
  const { context, functions } = module;
  const statements = [...constantStatements(module.collected), ...functions];
  const types = [...new Set(functions.map((fn) => (fn.returnType as string).replace(/^value is /, "")))].sort();
  return printSourceFile(project, module.path, generatedHeader(protocol), statements, () => [
    ...(context.runtime.size === 0
      ? []
      : [
          {
            kind: StructureKind.ImportDeclaration as const,
            moduleSpecifier: "@wiretype/runtime",
            namedImports: [...context.runtime].sort(),
          },
        ]),
    ...(module.imports ?? []),
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./types.gen.js", namedImports: types },
  ]);
}

/**
 * `src/guards.gen.ts`: a compiled type guard per schema and message. Decoders use them on the receive
 * path (as fast as ajv); zod runs only to explain a frame a guard refused.
 */
export function emitGuards(project: Project, protocol: Protocol): GeneratedFile {
  const collected: ModuleConstants = { patterns: [], constants: [] };
  const context = moduleContext(protocol, collected);
  const functions = guardEntries(protocol).map((entry) => guardFunction(entry, context));
  return printGuardModule(project, protocol, { path: "src/guards.gen.ts", collected, context, functions });
}
