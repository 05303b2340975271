/** A problem found in a spec, located as precisely as the stage that found it can. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly code: string;
  readonly message: string;
  /** The spec file, relative to where the tool runs. */
  readonly file: string;
  /** JSON pointer into the document (`/components/schemas/Member/properties/video`). */
  readonly pointer: string;
  /** 1-based line, when known. */
  readonly line?: number | undefined;
  /** 1-based column, when known (YAML syntax errors). */
  readonly column?: number | undefined;
}

/** Raised when a spec cannot become a protocol: carries every error found, not just the first. */
export class SpecError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "SpecError";
    this.diagnostics = diagnostics;
  }
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const column = diagnostic.column === undefined ? "" : `:${diagnostic.column}`;
  const where = diagnostic.line === undefined ? diagnostic.file : `${diagnostic.file}:${diagnostic.line}${column}`;
  return `${where} ${diagnostic.severity} ${diagnostic.code} at ${diagnostic.pointer || "/"}: ${diagnostic.message}`;
}

/** Collects diagnostics while a stage walks a document, so that one run reports them all. */
export class DiagnosticSink {
  readonly #file: string;
  readonly #items: Diagnostic[] = [];

  constructor(file: string) {
    this.#file = file;
  }

  error(code: string, pointer: string, message: string): void {
    this.#items.push({ severity: "error", code, message, file: this.#file, pointer });
  }

  warning(code: string, pointer: string, message: string): void {
    this.#items.push({ severity: "warning", code, message, file: this.#file, pointer });
  }

  get items(): readonly Diagnostic[] {
    return this.#items;
  }

  get hasErrors(): boolean {
    return this.#items.some((item) => item.severity === "error");
  }
}

export function escapePointerSegment(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

export function joinPointer(base: string, ...segments: readonly (string | number)[]): string {
  return segments.reduce<string>((pointer, segment) => `${pointer}/${escapePointerSegment(String(segment))}`, base);
}
