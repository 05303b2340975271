import type { ContainsRule, JsonPrimitive, JsonValue, ObjectNode, SchemaNode, TupleNode } from "../../ir/types.js";

/**
 * Compiles a schema node into one plain TypeScript boolean expression over an `any` value (generated
 * code only: the value is a parsed JSON frame and each access is guarded by the checks before it), the way ajv compiles JSON
 * Schema: no allocation on the happy path, no closures but for array items. The generated guards
 * decide validity on the receive path; zod is consulted only to explain a failure.
 */
export interface GuardContext {
  /** Guard function name of a named schema. */
  readonly guardName: (schemaName: string) => string;
  /** Registers a regex and returns the name of the module-level constant holding it. */
  readonly regex: (pattern: string) => string;
  /** Registers a structured constant (`const: {…}`) and returns the name of the module-level constant. */
  readonly constant: (value: JsonValue) => string;
  /** Runtime helpers used (`checkFormat`, `isDateTimeFormat`, `codePointLength`, `hasUniqueItems`, …). */
  readonly runtime: Set<string>;
  /** The schema a named schema stands for (refs followed to know what a referenced guard refuses). */
  readonly schemaNamed?: (schemaName: string) => SchemaNode | undefined;
  /** `annotate`: `format` is not checked (JSON Schema draft-07 lets a validator turn it off). Default `assert`. */
  readonly formats?: "assert" | "annotate";
}

/** Formats with a runtime function of their own (frames carry many timestamps and ids): no lookup by name. */
const directFormatChecks = new Map([
  ["date-time", "isDateTimeFormat"],
  ["uuid", "isUuidFormat"],
]);

/** The runtime helpers a format check calls: a guard that uses one checks a format. */
export const formatHelpers: ReadonlySet<string> = new Set([...directFormatChecks.values(), "checkFormat"]);

/** Names of Object.prototype members: reading them from a parsed object finds the inherited value. */
const inheritedNames = new Set(Object.getOwnPropertyNames(Object.prototype));

function literal(value: JsonPrimitive): string {
  return JSON.stringify(value);
}

function member(value: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${value}.${name}` : `${value}[${JSON.stringify(name)}]`;
}

function all(parts: readonly string[]): string {
  const kept = parts.filter((part) => part !== "true");
  if (kept.length === 0) return "true";
  return kept.length === 1 ? (kept[0] as string) : `(${kept.join(" && ")})`;
}

function isObject(value: string): string {
  return `(typeof ${value} === "object" && ${value} !== null && !Array.isArray(${value}))`;
}

function stringGuard(node: Extract<SchemaNode, { kind: "string" }>, value: string, context: GuardContext): string {
  const parts = [`typeof ${value} === "string"`];
  if (node.minLength !== undefined || node.maxLength !== undefined) {
    // JSON Schema counts code points, not UTF-16 units.
    context.runtime.add("codePointLength");
    if (node.minLength !== undefined) parts.push(`codePointLength(${value}) >= ${node.minLength}`);
    if (node.maxLength !== undefined) parts.push(`codePointLength(${value}) <= ${node.maxLength}`);
  }
  if (node.pattern !== undefined) parts.push(`${context.regex(node.pattern)}.test(${value})`);
  if (node.format !== undefined) parts.push(formatCheck(node.format, value, context));
  return all(parts);
}

function formatCheck(format: string, value: string, context: GuardContext): string {
  if (context.formats === "annotate") return "true";
  const direct = directFormatChecks.get(format);
  context.runtime.add(direct ?? "checkFormat");
  return direct === undefined ? `checkFormat(${JSON.stringify(format)}, ${value})` : `${direct}(${value})`;
}

function numberGuard(node: Extract<SchemaNode, { kind: "number" }>, value: string): string {
  const parts = [node.integer ? `Number.isInteger(${value})` : `typeof ${value} === "number"`];
  if (node.minimum !== undefined) parts.push(`${value} >= ${node.minimum}`);
  if (node.maximum !== undefined) parts.push(`${value} <= ${node.maximum}`);
  if (node.exclusiveMinimum !== undefined) parts.push(`${value} > ${node.exclusiveMinimum}`);
  if (node.exclusiveMaximum !== undefined) parts.push(`${value} < ${node.exclusiveMaximum}`);
  if (node.multipleOf !== undefined) parts.push(`Number.isInteger(${value} / ${node.multipleOf})`);
  return all(parts);
}

/** A fresh variable name per nesting level: `item0`, then `item1` inside it. */
function itemVariable(value: string): string {
  return `item${value.match(/\b(?:item|key)\d+\b/g)?.length ?? 0}`;
}

/** `contains`: the number of matching items is within the bounds. */
function containsGuard(rule: ContainsRule | undefined, value: string, context: GuardContext): string[] {
  if (rule === undefined) return [];
  const item = itemVariable(value);
  const count = `${value}.filter((${item}: any) => ${guardExpression(rule.schema, item, context)}).length`;
  return [`${count} >= ${rule.min}`, ...(rule.max === undefined ? [] : [`${count} <= ${rule.max}`])];
}

function arrayGuard(node: Extract<SchemaNode, { kind: "array" }>, value: string, context: GuardContext): string {
  const item = itemVariable(value);
  const parts = [`Array.isArray(${value})`];
  if (node.minItems !== undefined) parts.push(`${value}.length >= ${node.minItems}`);
  if (node.maxItems !== undefined) parts.push(`${value}.length <= ${node.maxItems}`);
  const itemGuard = guardExpression(node.items, item, context);
  // A named schema's guard is passed as it is: no closure to create per call.
  if (node.items.kind === "ref") parts.push(`${value}.every(${context.guardName(node.items.name)})`);
  else if (itemGuard !== "true") parts.push(`${value}.every((${item}: any) => ${itemGuard})`);
  if (node.uniqueItems === true) {
    context.runtime.add("hasUniqueItems");
    parts.push(`hasUniqueItems(${value})`);
  }
  return all([...parts, ...containsGuard(node.contains, value, context)]);
}

function tupleGuard(node: TupleNode, value: string, context: GuardContext): string {
  const parts = [`Array.isArray(${value})`];
  if (node.minItems > 0) parts.push(`${value}.length >= ${node.minItems}`);
  if (node.rest === false) parts.push(`${value}.length <= ${node.items.length}`);
  if (node.maxItems !== undefined) parts.push(`${value}.length <= ${node.maxItems}`);
  node.items.forEach((item, index) => {
    const guard = guardExpression(item, `${value}[${index}]`, context);
    if (guard === "true") return;
    parts.push(index < node.minItems ? guard : `(${value}.length <= ${index} || ${guard})`);
  });
  if (node.rest !== false) {
    const item = itemVariable(value);
    const restGuard = guardExpression(node.rest, item, context);
    if (restGuard !== "true") parts.push(`${value}.slice(${node.items.length}).every((${item}: any) => ${restGuard})`);
  }
  return all([...parts, ...containsGuard(node.contains, value, context)]);
}

/** Kinds whose guard already refuses `undefined`, so a required member needs no separate presence check. */
const refusesUndefined = new Set<SchemaNode["kind"]>([
  "string",
  "number",
  "boolean",
  "null",
  "literal",
  "enum",
  "array",
  "tuple",
  "object",
]);

/** Whether the guard of `schema` refuses `undefined`, following refs (a ref cycle is assumed not to). */
function guardRefusesUndefined(schema: SchemaNode, context: GuardContext, seen: Set<string> = new Set()): boolean {
  switch (schema.kind) {
    case "ref": {
      const target = seen.has(schema.name) ? undefined : context.schemaNamed?.(schema.name);
      seen.add(schema.name);
      return target !== undefined && guardRefusesUndefined(target, context, seen);
    }
    case "union":
      return schema.variants.every((variant) => guardRefusesUndefined(variant, context, seen));
    case "intersection":
      return schema.parts.some((part) => guardRefusesUndefined(part, context, seen));
    default:
      return refusesUndefined.has(schema.kind);
  }
}

/** Own members only: a member named like an Object.prototype one must not be found on the prototype. */
function presence(name: string, value: string): { present: string; absent: string } {
  const access = member(value, name);
  if (!inheritedNames.has(name)) return { present: `${access} !== undefined`, absent: `${access} === undefined` };
  const own = `Object.hasOwn(${value}, ${JSON.stringify(name)})`;
  return { present: own, absent: `!${own}` };
}

function propertyGuard(
  name: string,
  required: boolean,
  schema: SchemaNode,
  value: string,
  context: GuardContext,
): string {
  const access = member(value, name);
  const inherited = inheritedNames.has(name);
  const { present, absent } = presence(name, value);
  const guard = guardExpression(schema, access, context);
  if (required) {
    if (guard === "true") return present;
    return guardRefusesUndefined(schema, context) && !inherited ? guard : `(${present} && ${guard})`;
  }
  return guard === "true" ? "true" : `(${absent} || ${guard})`;
}

function objectGuard(node: ObjectNode, value: string, context: GuardContext): string {
  const parts = [isObject(value)];
  for (const property of node.properties) {
    parts.push(propertyGuard(property.name, property.required, property.schema, value, context));
  }
  const key = `key${itemVariable(value).slice(4)}`;
  const memberChecks = [
    ...patternChecks(node, value, key, context),
    ...otherMemberChecks(node, value, key, context),
    ...(node.propertyNames === undefined ? [] : [guardExpression(node.propertyNames, key, context)]),
  ].filter((check) => check !== "true");
  if (memberChecks.length > 0) parts.push(`Object.keys(${value}).every((${key}) => ${memberChecks.join(" && ")})`);
  if (node.minProperties !== undefined) parts.push(`Object.keys(${value}).length >= ${node.minProperties}`);
  if (node.maxProperties !== undefined) parts.push(`Object.keys(${value}).length <= ${node.maxProperties}`);
  for (const rule of node.dependentRequired ?? []) {
    const needed = rule.required.map((name) => presence(name, value).present);
    parts.push(`(${presence(rule.property, value).absent} || ${all(needed)})`);
  }
  return all(parts);
}

/** Members whose name matches a pattern match its schema. */
function patternChecks(node: ObjectNode, value: string, key: string, context: GuardContext): string[] {
  return (node.patternProperties ?? []).map((entry) => {
    const guard = guardExpression(entry.schema, `${value}[${key}]`, context);
    return guard === "true" ? "true" : `(!${context.regex(entry.pattern)}.test(${key}) || ${guard})`;
  });
}

/** Members named by no property and no pattern match `additionalProperties`. */
function otherMemberChecks(node: ObjectNode, value: string, key: string, context: GuardContext): string[] {
  if (node.additional === "open") return [];
  const known = node.properties.map((property) => `${key} === ${JSON.stringify(property.name)}`);
  const matched = (node.patternProperties ?? []).map((entry) => `${context.regex(entry.pattern)}.test(${key})`);
  const other = node.additional === "closed" ? "false" : guardExpression(node.additional, `${value}[${key}]`, context);
  const alternatives = [...known, ...matched, other].join(" || ");
  // Alone, the check reads as before patterns were supported; next to others it needs parentheses.
  const others = (node.patternProperties ?? []).length > 0 || node.propertyNames !== undefined;
  return [others ? `(${alternatives})` : alternatives];
}

function unionGuard(node: Extract<SchemaNode, { kind: "union" }>, value: string, context: GuardContext): string {
  const variants = node.variants.map((variant) => guardExpression(variant, value, context));
  // With a discriminator the variants exclude each other, so "exactly one" is "any one": stop at the first.
  if (!node.exclusive || node.discriminator !== undefined) return `(${variants.join(" || ")})`;
  // oneOf: exactly one variant matches.
  return `((${variants.map((variant) => `(${variant} ? 1 : 0)`).join(" + ")}) === 1)`;
}

/** A boolean TypeScript expression that is true when `value` is valid. `value` is a side-effect-free expression. */
export function guardExpression(node: SchemaNode, value: string, context: GuardContext): string {
  switch (node.kind) {
    case "ref":
      // `as unknown`: a type predicate would otherwise narrow `value` for the checks after it.
      return `${context.guardName(node.name)}(${value} as unknown)`;
    case "any":
      return "true";
    case "string":
      return stringGuard(node, value, context);
    case "number":
      return numberGuard(node, value);
    case "boolean":
      return `typeof ${value} === "boolean"`;
    case "null":
      return `${value} === null`;
    case "literal":
      return `${value} === ${literal(node.value)}`;
    case "enum":
      return `(${node.values.map((entry) => `${value} === ${literal(entry)}`).join(" || ")})`;
    case "constant":
      context.runtime.add("jsonEquals");
      return `(${node.values.map((entry) => `jsonEquals(${value}, ${context.constant(entry)})`).join(" || ")})`;
    case "not": {
      const guard = guardExpression(node.schema, value, context);
      return guard === "true" ? "false" : `!(${guard})`;
    }
    case "conditional":
      return conditionalGuard(node, value, context);
    case "array":
      return arrayGuard(node, value, context);
    case "tuple":
      return tupleGuard(node, value, context);
    case "object":
      return objectGuard(node, value, context);
    case "union":
      return unionGuard(node, value, context);
    case "intersection":
      return all(node.parts.map((part) => guardExpression(part, value, context)));
  }
}

function conditionalGuard(
  node: Extract<SchemaNode, { kind: "conditional" }>,
  value: string,
  context: GuardContext,
): string {
  const branch = (schema: SchemaNode | undefined) =>
    schema === undefined ? "true" : guardExpression(schema, value, context);
  const condition = guardExpression(node.condition, value, context);
  return `(${condition} ? ${branch(node.consequent)} : ${branch(node.alternative)})`;
}
