import { LineCounter, parseDocument } from "yaml";
import type { Diagnostic } from "../diagnostics.js";

/** The document as plain data, or the one diagnostic that says why the text is not an AsyncAPI document. */
export type ReadDocument =
  | { readonly ok: true; readonly data: { readonly [key: string]: unknown }; readonly version: string }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

function refusal(file: string, code: string, message: string, line?: number, column?: number): ReadDocument {
  return { ok: false, diagnostic: { severity: "error", code, message, file, pointer: "", line, column } };
}

/**
 * Reads YAML or JSON text before the parser sees it, so that garbage, a non-AsyncAPI file or an
 * unsupported version gets one clear diagnostic instead of whatever the parser makes of it.
 */
export function readDocument(file: string, text: string): ReadDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const error = document.errors[0];
  if (error !== undefined) {
    // The first syntax error only, at its line and column: later ones are mostly its echoes.
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return refusal(file, "unparsable", `not YAML or JSON: ${error.message.split("\n")[0]}`, line, col);
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 1000 });
  } catch (failure) {
    return refusal(
      file,
      "unparsable",
      `not YAML or JSON: ${failure instanceof Error ? failure.message : "unreadable"}`,
    );
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return refusal(file, "not-asyncapi", "not an AsyncAPI document: the file does not hold an object", 1);
  }
  const version = (data as { asyncapi?: unknown }).asyncapi;
  if (typeof version !== "string" || !/^[23]\.\d+\.\d+/.test(version)) {
    const found = version === undefined ? "no `asyncapi` member" : `\`asyncapi: ${String(version)}\``;
    return refusal(file, "not-asyncapi", `not an AsyncAPI 2.x or 3.x document (${found})`, 1);
  }
  return { ok: true, data: data as { readonly [key: string]: unknown }, version };
}
