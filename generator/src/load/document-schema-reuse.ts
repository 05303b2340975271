import { createRequire } from "node:module";

/** The part of Ajv's core class that is wrapped here. */
interface AjvCore {
  readonly prototype: { compile: Compile };
}

type Compile = (this: AjvInstance, schema: unknown, meta?: boolean) => unknown;

interface AjvInstance {
  readonly constructor: unknown;
  readonly opts: { readonly allErrors?: boolean };
  readonly formats: object;
}

/** Validators compiled from the parser's own AsyncAPI schema objects, by schema, then by Ajv set-up. */
const compiled = new WeakMap<object, Map<string, unknown>>();
const documentSchemaId = /^http:\/\/asyncapi\.com\//;
let installed = false;
let reuses = 0;

/** How many times a compiled AsyncAPI document schema was reused (tests). */
export const documentSchemaReuses = (): number => reuses;

/**
 * @asyncapi/parser checks every document against the AsyncAPI JSON Schema through Spectral, which makes
 * fresh Ajv instances for each document and so compiles that large schema again on every parse: about
 * 60% of parsing a spec. The parser keeps one object per schema version; once compiled, its validator
 * is reused by every later parse with the same Ajv class and options. Other schemas (payloads, examples)
 * compile as before. A parser whose layout differs is left alone: this only saves time.
 */
export function reuseDocumentSchemaValidators(): void {
  if (installed) return;
  installed = true;
  const core = spectralAjvCore();
  if (core === undefined) return;
  const compile = core.prototype.compile;
  core.prototype.compile = function reusingCompile(this: AjvInstance, schema: unknown, meta?: boolean) {
    if (!isDocumentSchema(schema)) return compile.call(this, schema, meta);
    const setUp = `${String((this.constructor as { name?: unknown }).name)} ${this.opts.allErrors === true} ${Object.keys(this.formats).join()}`;
    const bySetUp = compiled.get(schema) ?? new Map<string, unknown>();
    compiled.set(schema, bySetUp);
    if (bySetUp.has(setUp)) {
      reuses += 1;
      return bySetUp.get(setUp);
    }
    const validator = compile.call(this, schema, meta);
    bySetUp.set(setUp, validator);
    return validator;
  };
}

function isDocumentSchema(schema: unknown): schema is { readonly $id: string } {
  if (typeof schema !== "object" || schema === null) return false;
  const id = (schema as { $id?: unknown }).$id;
  return typeof id === "string" && documentSchemaId.test(id);
}

/** The Ajv that the parser's Spectral functions use (pnpm gives each package its own resolution). */
function spectralAjvCore(): AjvCore | undefined {
  try {
    const fromGenerator = createRequire(import.meta.url);
    const fromParser = createRequire(fromGenerator.resolve("@asyncapi/parser"));
    const fromFunctions = createRequire(fromParser.resolve("@stoplight/spectral-functions"));
    const module = fromFunctions("ajv/dist/core") as { default?: AjvCore };
    return typeof module.default?.prototype.compile === "function" ? module.default : undefined;
  } catch {
    return undefined;
  }
}
