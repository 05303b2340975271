import type { NamedSchema, SchemaNode } from "../../ir/types.js";

/** Names of the named schemas a node refers to directly. */
export function referencedNames(node: SchemaNode, into: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case "ref":
      into.add(node.name);
      break;
    case "array":
      referencedNames(node.items, into);
      if (node.contains !== undefined) referencedNames(node.contains.schema, into);
      break;
    case "tuple":
      for (const item of node.items) referencedNames(item, into);
      if (node.rest !== false) referencedNames(node.rest, into);
      if (node.contains !== undefined) referencedNames(node.contains.schema, into);
      break;
    case "object":
      for (const property of node.properties) referencedNames(property.schema, into);
      if (typeof node.additional === "object") referencedNames(node.additional, into);
      for (const entry of node.patternProperties ?? []) referencedNames(entry.schema, into);
      if (node.propertyNames !== undefined) referencedNames(node.propertyNames, into);
      break;
    case "not":
      referencedNames(node.schema, into);
      break;
    case "conditional":
      for (const branch of [node.condition, node.consequent, node.alternative])
        if (branch !== undefined) referencedNames(branch, into);
      break;
    case "union":
      for (const variant of node.variants) referencedNames(variant, into);
      break;
    case "intersection":
      for (const part of node.parts) referencedNames(part, into);
      break;
    default:
      break;
  }
  return into;
}

/**
 * Dependencies first (depth-first, names sorted so the order is stable). A schema reached again while
 * it is still being visited is part of a cycle; its references are then written lazily.
 */
export function declarationOrder(schemas: readonly NamedSchema[]): NamedSchema[] {
  const byName = new Map(schemas.map((schema) => [schema.name, schema]));
  const ordered: NamedSchema[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (schema: NamedSchema) => {
    if (state.has(schema.name)) return;
    state.set(schema.name, "visiting");
    for (const name of [...referencedNames(schema.schema)].sort()) {
      const target = byName.get(name);
      if (target !== undefined) visit(target);
    }
    state.set(schema.name, "done");
    ordered.push(schema);
  };
  for (const schema of [...schemas].sort((a, b) => a.name.localeCompare(b.name))) visit(schema);
  return ordered;
}
