import {
  type FunctionDeclarationStructure,
  type Project,
  type StatementStructures,
  StructureKind,
  VariableDeclarationKind,
} from "ts-morph";
import type { Protocol, SchemaNode } from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import { extraSchemas, guardFunctionName } from "../names.js";
import { type GuardContext, guardExpression } from "./guard-expression.js";

function guardFunction(typeName: string, schema: SchemaNode, context: GuardContext): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: guardFunctionName(typeName),
    isExported: true,
    docs: [{ description: `True when \`value\` is a valid {@link ${typeName}} (the same verdict as its zod schema).` }],
    parameters: [{ name: "value", type: "unknown" }],
    returnType: `value is ${typeName}`,
    statements: [
      "// biome-ignore lint/suspicious/noExplicitAny: a parsed frame, narrowed by the checks themselves.",
      "const v: any = value;",
      `return ${guardExpression(schema, "v", context)};`,
    ],
  };
}

/**
 * `src/guards.gen.ts`: a compiled type guard per schema and message. Decoders use them on the receive
 * path (as fast as ajv); zod runs only to explain a frame a guard refused.
 */
export function emitGuards(project: Project, protocol: Protocol): GeneratedFile {
  const named = new Map([...protocol.schemas, ...extraSchemas(protocol)].map((entry) => [entry.name, entry.schema]));
  const patterns: string[] = [];
  const constants: string[] = [];
  const context: GuardContext = {
    guardName: guardFunctionName,
    runtime: new Set(),
    schemaNamed: (name) => named.get(name),
    constant: (value) => {
      const text = JSON.stringify(value);
      const index = constants.indexOf(text) >= 0 ? constants.indexOf(text) : constants.push(text) - 1;
      return `constant${index}`;
    },
    regex: (pattern) => {
      const index = patterns.indexOf(pattern) >= 0 ? patterns.indexOf(pattern) : patterns.push(pattern) - 1;
      return `pattern${index}`;
    },
  };
  const types = new Set<string>();
  const functions: StatementStructures[] = [];
  for (const schema of [...protocol.schemas, ...extraSchemas(protocol)]) {
    types.add(schema.name);
    functions.push(guardFunction(schema.name, schema.schema, context));
  }
  for (const message of protocol.messages) {
    types.add(message.typeName);
    functions.push(guardFunction(message.typeName, message.payload, context));
  }
  const regexes: StatementStructures[] = patterns.map((pattern, index) => ({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: `pattern${index}`, initializer: `new RegExp(${JSON.stringify(pattern)}, "u")` }],
  }));
  // Parsed from JSON text: a `__proto__` member in an object literal would set the prototype instead.
  const constantStatements: StatementStructures[] = constants.map((text, index) => ({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: `constant${index}`, type: "unknown", initializer: `JSON.parse(${JSON.stringify(text)})` }],
  }));
  const statements = [...regexes, ...constantStatements, ...functions];
  return printSourceFile(project, "src/guards.gen.ts", generatedHeader(protocol), statements, () => [
    ...(context.runtime.size === 0
      ? []
      : [
          {
            kind: StructureKind.ImportDeclaration as const,
            moduleSpecifier: "@wiretype/runtime",
            namedImports: [...context.runtime].sort(),
          },
        ]),
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./types.gen.js",
      namedImports: [...types].sort(),
    },
  ]);
}
