import { Parser } from "@asyncapi/parser";
import type { ProtocolName } from "./spec-files.js";
import { readSpecText, specPath } from "./spec-files.js";

export interface SpecDiagnostic {
  readonly code: string;
  readonly severity: number;
  readonly message: string;
  readonly path: string;
}

/** Spectral severities: 0 error, 1 warning, 2 information, 3 hint. */
export const severity = { error: 0, warning: 1 } as const;

export async function parseSpec(protocol: ProtocolName) {
  const parser = new Parser();
  const { document, diagnostics } = await parser.parse(readSpecText(protocol), { source: specPath(protocol) });
  const simplified: SpecDiagnostic[] = diagnostics.map((diagnostic) => ({
    code: String(diagnostic.code),
    severity: diagnostic.severity,
    message: diagnostic.message,
    path: diagnostic.path.join("/"),
  }));
  return { document, diagnostics: simplified };
}
