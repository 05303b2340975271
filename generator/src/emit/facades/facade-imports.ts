import {
  type ImportDeclarationStructure,
  type ImportSpecifierStructure,
  type OptionalKind,
  StructureKind,
} from "ts-morph";
import type { Protocol } from "../../ir/types.js";
import { descriptorConstName } from "../protocol/emit-descriptor.js";

type NamedImport = string | { readonly name: string; readonly isTypeOnly: true };

/** The imports a client or server facade needs: the runtime, its descriptors and the type maps it names. */
export function facadeImports(
  protocol: Protocol,
  runtime: { readonly module: string; readonly names: readonly NamedImport[] },
  typeNames: ReadonlySet<string>,
  descriptors: { readonly module: string; readonly names: readonly string[] } = {
    module: "./protocol.gen.js",
    names: protocol.channels.map((channel) => descriptorConstName(protocol, channel)),
  },
): ImportDeclarationStructure[] {
  const named = runtime.names.map((entry): string | OptionalKind<ImportSpecifierStructure> =>
    typeof entry === "string" ? entry : { name: entry.name, isTypeOnly: true },
  );
  return [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: runtime.module, namedImports: named },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: descriptors.module,
      namedImports: [...descriptors.names],
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./types.gen.js",
      namedImports: [...typeNames].sort(),
    },
  ];
}
