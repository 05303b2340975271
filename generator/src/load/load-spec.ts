import { Parser } from "@asyncapi/parser";
import { type Diagnostic, SpecError } from "../diagnostics.js";
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
}

type ParseOutput = Awaited<ReturnType<Parser["parse"]>>;
export type ParsedDocument = NonNullable<ParseOutput["document"]>;

/** Spectral severities: 0 error, 1 warning. Information and hints do not stop generation. */
const errorSeverity = 0;
const warningSeverity = 1;

const parser = new Parser();

function toDiagnostic(source: SpecSource, raw: ParseOutput["diagnostics"][number]): Diagnostic {
  const pointer = raw.path.length === 0 ? "" : `/${raw.path.map(String).join("/")}`;
  return {
    severity: raw.severity === errorSeverity ? "error" : "warning",
    code: String(raw.code),
    message: raw.message,
    file: source.path,
    pointer,
    line: raw.range.start.line + 1,
  };
}

/**
 * Stage 1: parse and validate with `@asyncapi/parser`. Errors stop with every diagnostic the parser
 * gave (file, JSON pointer, line); warnings are returned for the caller to print.
 */
export async function loadSpec(source: SpecSource): Promise<{ spec: LoadedSpec; warnings: Diagnostic[] }> {
  const output = await parser.parse(source.text, { source: source.path });
  const serious = output.diagnostics.filter((d) => d.severity <= warningSeverity).map((d) => toDiagnostic(source, d));
  const errors = serious.filter((d) => d.severity === "error");
  if (errors.length > 0 || output.document === undefined) {
    throw new SpecError(errors.length > 0 ? errors : [noDocument(source)]);
  }
  return { spec: { source, document: output.document }, warnings: serious.filter((d) => d.severity === "warning") };
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
