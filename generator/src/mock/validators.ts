import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import * as formatsModule from "ajv-formats";
import { z } from "zod";
import type { Protocol, SchemaNode } from "../ir/types.js";
import { documentSchema } from "./json-schema.js";

/**
 * Run-time validators for the mock server, from the IR's schemas as JSON Schema. zod's
 * `fromJSONSchema` builds them: the runtime explains refused frames and builds its default answers
 * (greeting, handshake answer, forwarded members) from zod's issues, so only real zod schemas give
 * the same errors and defaults as the generated server. For the keywords `fromJSONSchema` refuses
 * (`not`, `if`/`then`/`else`, `dependentRequired`), ajv (the reference the generated guards are tested
 * against) checks the whole schema and its errors are added as zod issues.
 */

export interface RuntimeValidator {
  readonly schema: z.ZodType;
  readonly guard: (value: unknown) => value is unknown;
}

type AddFormats = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS with `exports.default`; under NodeNext its default export sits one level down.
const formats = (formatsModule as unknown as { default: { default?: AddFormats } & AddFormats }).default;
const addFormats: AddFormats = formats.default ?? formats;

/** Own members only: an absent `constructor` member must not be read from Object.prototype. */
function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, ownProperties: true });
  addFormats(ajv);
  return ajv;
}

/** `/a/0/b` → `["a", 0, "b"]`. */
function pathOf(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

function issueOf(error: ErrorObject): { path: (string | number)[]; message: string } {
  const path = pathOf(error.instancePath);
  const missing = (error.params as { missingProperty?: unknown }).missingProperty;
  const message = error.message ?? error.keyword;
  return typeof missing === "string" ? { path: [...path, missing], message } : { path, message };
}

/** `schema`, refusing also what ajv refuses (the keywords zod left out). */
function checkedByAjv(schema: z.ZodType, validate: ValidateFunction): z.ZodType {
  return schema.superRefine((value, context) => {
    if (validate(value)) return;
    for (const error of validate.errors ?? []) context.addIssue({ code: "custom", input: value, ...issueOf(error) });
  });
}

/** zod's own schema, or undefined for a construct `fromJSONSchema` cannot read. */
function zodOf(protocol: Protocol, node: SchemaNode, dropped: Set<string>): z.ZodType | undefined {
  try {
    return z.fromJSONSchema(documentSchema(protocol, node, dropped) as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    return undefined;
  }
}

/** Compiles validators for IR nodes of one protocol, each node once. */
export function validatorFactory(protocol: Protocol): (node: SchemaNode) => RuntimeValidator {
  let ajv: Ajv2020 | undefined;
  const made = new Map<SchemaNode, RuntimeValidator>();
  const compile = (node: SchemaNode): RuntimeValidator => {
    const dropped = new Set<string>();
    const own = zodOf(protocol, node, dropped);
    let schema: z.ZodType;
    if (own !== undefined && dropped.size === 0) schema = own;
    else {
      ajv ??= createAjv();
      schema = checkedByAjv(own ?? z.unknown(), ajv.compile(documentSchema(protocol, node)));
    }
    return { schema, guard: (value: unknown): value is unknown => schema.safeParse(value).success };
  };
  return (node) => {
    const validator = made.get(node) ?? compile(node);
    made.set(node, validator);
    return validator;
  };
}

/** One validator accepting any of the nodes (a union when several). */
export function unionOf(nodes: readonly SchemaNode[]): SchemaNode {
  const [only] = nodes;
  if (nodes.length === 1 && only !== undefined) return only;
  return { kind: "union", variants: nodes, exclusive: false, docs: {} };
}
