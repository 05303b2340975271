import { AvroSchemaParser } from "@asyncapi/avro-schema-parser";
import { OpenAPISchemaParser } from "@asyncapi/openapi-schema-parser";
import { Parser } from "@asyncapi/parser";
import { type Diagnostic, SpecError } from "../diagnostics.js";
import { convertToV3 } from "./convert-v2.js";
import { readDocument } from "./read-document.js";
import { bindingLeftOut, refusedBindings, withoutBindings } from "./refused-bindings.js";
import { lineOfPointer } from "./source-lines.js";

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

const parser = new Parser();
// Avro and OpenAPI payloads are converted to JSON Schema by the AsyncAPI project's own schema parsers.
parser.registerSchemaParser(AvroSchemaParser());
parser.registerSchemaParser(OpenAPISchemaParser());

/** The parser's message for a `$ref` it could not fetch names the URL: say what wiretype needs instead. */
function explain(raw: ParserDiagnostic): { code: string; message: string } {
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
    ...explain(raw),
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
  const read = readDocument(source.path, source.text);
  if (!read.ok) throw new SpecError([read.diagnostic]);
  const converted = read.version.startsWith("2.");
  const input = converted
    ? convertToV3(source.path, read.data)
    : { ok: true as const, data: source.text, warnings: [] };
  if (!input.ok) throw new SpecError([input.diagnostic]);
  const data = converted ? input.data : read.data;
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
