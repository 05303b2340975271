import { Parser } from "@asyncapi/parser";
import { type Diagnostic, SpecError } from "../diagnostics.js";
import { convertToV3 } from "./convert-v2.js";
import { reuseDocumentSchemaValidators } from "./document-schema-reuse.js";
import { explainParserCrash, lostPrototypeMembers } from "./parser-limits.js";
import { readDocument } from "./read-document.js";
import { bindingLeftOut, refusedBindings, withoutBindings } from "./refused-bindings.js";
import { lineOfPointer } from "./source-lines.js";
import { specReferences } from "./spec-references.js";

/** A spec file read from disk (or built in memory by a test). */
export interface SpecSource {
  /** Path as the user should see it in messages and headers (relative, forward slashes). */
  readonly path: string;
  readonly text: string;
}

/** The parsed document: opaque outside `load/` and `ir/`. */
export interface LoadedSpec {
  readonly source: SpecSource;
  readonly document: ParsedDocument;
  /** The AsyncAPI version the user wrote (`2.6.0`): 2.x documents were converted to 3.0 first. */
  readonly writtenVersion: string;
}

type ParseOutput = Awaited<ReturnType<Parser["parse"]>>;
export type ParsedDocument = NonNullable<ParseOutput["document"]>;
type ParserDiagnostic = ParseOutput["diagnostics"][number];

/** Spectral severities: 0 error, 1 warning. Information and hints do not stop generation. */
const errorSeverity = 0;
const warningSeverity = 1;

// The resolver's cache would keep a referenced file's first text for the life of the process: a watch
// session (or any caller that generates twice) must see the file as it is now.
const parser = new Parser({ __unstable: { resolver: { cache: false } } });
reuseDocumentSchemaValidators();
let extraSchemaParsers: Promise<void> | undefined;

/**
 * Avro and OpenAPI payloads are converted to JSON Schema by the AsyncAPI project's own schema parsers,
 * loaded (once) only for a document that names a `schemaFormat`, itself or in a file it refers to:
 * the default JSON Schema format needs neither.
 */
function schemaParsersFor(source: SpecSource): Promise<void> {
  const texts = [source.text, ...specReferences(source.path, source.text).files.map((file) => file.text ?? "")];
  if (!texts.some((text) => text.includes("schemaFormat"))) return Promise.resolve();
  extraSchemaParsers ??= registerExtraSchemaParsers();
  return extraSchemaParsers;
}

async function registerExtraSchemaParsers(): Promise<void> {
  const [{ AvroSchemaParser }, { OpenAPISchemaParser }] = await Promise.all([
    import("@asyncapi/avro-schema-parser"),
    import("@asyncapi/openapi-schema-parser"),
  ]);
  parser.registerSchemaParser(AvroSchemaParser());
  parser.registerSchemaParser(OpenAPISchemaParser());
}

/** The parser's message for a `$ref` it could not fetch names the URL: say what wiretype needs instead. */
function explain(raw: ParserDiagnostic, text: string): { code: string; message: string } {
  if (raw.code === "uncaught-error") return { code: "parser-failed", message: explainParserCrash(raw.message, text) };
  const fetch = /^FetchError: request to (\S+) failed/.exec(raw.message);
  if (raw.code === "invalid-ref" && fetch !== null) {
    return {
      code: "remote-ref",
      message: `cannot fetch the remote $ref ${fetch[1]} (offline or unreachable): save it next to the spec and refer to the local file`,
    };
  }
  return { code: String(raw.code), message: raw.message };
}

/**
 * Lines come from the parser's ranges, except for a converted 2.x document, whose ranges are in the
 * converted text: there the pointer is looked up in the user's own file (nearest existing ancestor).
 */
function toDiagnostic(source: SpecSource, raw: ParserDiagnostic, converted: boolean): Diagnostic {
  const pointer = raw.path.length === 0 ? "" : `/${raw.path.map(String).join("/")}`;
  return {
    severity: raw.severity === errorSeverity ? "error" : "warning",
    ...explain(raw, source.text),
    file: source.path,
    pointer,
    line: converted ? lineOfPointer(source.text, pointer) : raw.range.start.line + 1,
  };
}

async function parse(source: SpecSource, input: unknown): Promise<ParseOutput | Diagnostic> {
  try {
    return await parser.parse(input as Parameters<Parser["parse"]>[0], { source: source.path });
  } catch (failure) {
    const reason = failure instanceof Error ? failure.message : String(failure);
    return { severity: "error", code: "parser-failed", message: reason, file: source.path, pointer: "", line: 1 };
  }
}

/** Diagnostics the parser reported that matter (errors and warnings), located in the user's file. */
function reported(source: SpecSource, output: ParseOutput, linesFromPointer: boolean): Diagnostic[] {
  return output.diagnostics
    .filter((d) => d.severity <= warningSeverity)
    .map((d) => toDiagnostic(source, d, linesFromPointer));
}

/**
 * Parses; when the only errors are in bindings, parses again without them (and warns), since
 * wiretype reads no binding but `ws`'s and a refused amqp or kafka binding should not stop it.
 */
async function parseLenient(source: SpecSource, input: unknown, data: unknown, converted: boolean) {
  const output = await parse(source, input);
  if (!("diagnostics" in output)) throw new SpecError([output]);
  const found = reported(source, output, converted);
  const errors = found.filter((d) => d.severity === "error");
  const bindings = output.document === undefined ? refusedBindings(errors) : undefined;
  if (bindings === undefined) return { output, found };
  const retried = await parse(source, withoutBindings(data, bindings));
  if (!("diagnostics" in retried)) throw new SpecError([retried]);
  return { output: retried, found: [...errors.map(bindingLeftOut), ...reported(source, retried, true)] };
}

/**
 * Stage 1: read, convert 2.x to 3.0 (`@asyncapi/converter`), then parse and validate with
 * `@asyncapi/parser`, which also resolves `$ref`s to local files relative to the spec. Errors stop with
 * every diagnostic found (file, JSON pointer, line); warnings are returned for the caller to print.
 * Never throws anything but a SpecError, whatever the text.
 */
export async function loadSpec(source: SpecSource): Promise<{ spec: LoadedSpec; warnings: Diagnostic[] }> {
  const lost = lostPrototypeMembers(source);
  if (lost.length > 0) throw new SpecError(lost);
  const direct = await parsedDirectly(source);
  if (direct !== undefined) return direct;
  const read = readDocument(source.path, source.text);
  if (!read.ok) throw new SpecError([read.diagnostic]);
  const converted = read.version.startsWith("2.");
  const input = converted
    ? await convertToV3(source.path, read.data)
    : { ok: true as const, data: source.text, warnings: [] };
  if (!input.ok) throw new SpecError([input.diagnostic]);
  const data = converted ? input.data : read.data;
  await schemaParsersFor(source);
  const { output, found } = await parseLenient(source, input.data, data, converted);
  const errors = found.filter((d) => d.severity === "error");
  if (errors.length > 0 || output.document === undefined) {
    throw new SpecError(errors.length > 0 ? errors : [noDocument(source)]);
  }
  return {
    spec: { source, document: output.document, writtenVersion: read.version },
    warnings: [...input.warnings.map((d) => located(d, source)), ...found.filter((d) => d.severity === "warning")],
  };
}

/** A diagnostic of the user's file found before parsing gets its line from its pointer. */
function located(diagnostic: Diagnostic, source: SpecSource): Diagnostic {
  return diagnostic.line === undefined
    ? { ...diagnostic, line: lineOfPointer(source.text, diagnostic.pointer) }
    : diagnostic;
}

function noDocument(source: SpecSource): Diagnostic {
  return {
    severity: "error",
    code: "unparsable",
    message: "the parser returned no document",
    file: source.path,
    pointer: "",
    line: lineOfPointer(source.text, ""),
  };
}

// `asyncapi: 3.x.y` once, at the start of a line: a plain YAML 3.x document, which the parser can read
// without the YAML pass of readDocument. Anchors and aliases (an alias bomb) still go through that pass.
const topLevelV3 = /^asyncapi:[ \t]*(["']?)(3\.\d+\.\d+)\1[ \t]*(#.*)?$/gm;
const anchorOrAlias = /(^|[\s[{,:])[&*][^\s*&]/m;

function plainV3Version(text: string): string | undefined {
  const versions = [...text.matchAll(topLevelV3)];
  if (versions.length !== 1 || anchorOrAlias.test(text)) return undefined;
  return versions[0]?.[2];
}

/**
 * The fast path for the common case (about 5% of a run): a plain 3.x YAML document that the parser
 * accepts without an error. Anything else (2.x, JSON, refused bindings, any error) returns undefined and
 * takes the full path, which reports exactly what it always did.
 */
async function parsedDirectly(source: SpecSource): Promise<{ spec: LoadedSpec; warnings: Diagnostic[] } | undefined> {
  const version = plainV3Version(source.text);
  if (version === undefined) return undefined;
  await schemaParsersFor(source);
  const output = await parse(source, source.text);
  if (!("diagnostics" in output) || output.document === undefined) return undefined;
  const found = reported(source, output, false);
  if (found.some((d) => d.severity === "error")) return undefined;
  return { spec: { source, document: output.document, writtenVersion: version }, warnings: found };
}
