import type { ObjectNode, SchemaNode } from "../../ir/types.js";

/** An index signature of an object type: `[key: string]: T` or `[key: \`x-${string}\`]: T`. */
export interface IndexSignature {
  readonly keyType: string;
  readonly value: SchemaNode;
}

/** A `^literal` pattern TypeScript can say as a template literal key (`^x-` → `x-${string}`). */
function literalPrefix(pattern: string): string | undefined {
  const match = /^\^([A-Za-z0-9_\- :@/]*)$/.exec(pattern);
  return match?.[1] === undefined || match[1] === "" ? undefined : match[1];
}

function unionOf(variants: readonly SchemaNode[]): SchemaNode {
  return { kind: "union", variants, exclusive: false, docs: {} };
}

/**
 * The index signatures of an object: a template key per `^prefix` pattern, and a string key when
 * other members are typed (an `additionalProperties` schema, or patterns of a closed object).
 * TypeScript demands that every member fits each signature whose key it matches, so the values
 * include the named members' types. Other patterns of an open object are validated, not typed.
 */
export function indexSignatures(node: ObjectNode): IndexSignature[] {
  const patterns = node.patternProperties ?? [];
  const prefixed = patterns.flatMap((entry) => {
    const prefix = literalPrefix(entry.pattern);
    return prefix === undefined ? [] : [{ prefix, schema: entry.schema }];
  });
  const others = patterns.filter((entry) => literalPrefix(entry.pattern) === undefined);
  const typedRest = typeof node.additional === "object" || (node.additional === "closed" && others.length > 0);
  const signatures: IndexSignature[] = prefixed.map(({ prefix, schema }) => ({
    keyType: `\`${prefix}\${string}\``,
    value: unionOf([
      schema,
      ...node.properties.filter((property) => property.name.startsWith(prefix)).map((property) => property.schema),
    ]),
  }));
  if (typedRest) {
    const rest = typeof node.additional === "object" ? [node.additional] : [];
    signatures.push({
      keyType: "string",
      value: unionOf([...rest, ...patterns.map((entry) => entry.schema), ...node.properties.map((p) => p.schema)]),
    });
  }
  return signatures;
}
