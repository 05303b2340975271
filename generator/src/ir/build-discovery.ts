import type { DiagnosticSink } from "../diagnostics.js";
import type { SchemaBuilder } from "./build-schema.js";
import { isRawObject, optionalString, parseRuntimeExpression } from "./raw.js";
import type { Discovery } from "./types.js";

const pointer = "/x-wiretype-discovery";

/** The HTTP call that tells a client where to connect (`x-wiretype-discovery`). */
export function buildDiscovery(raw: unknown, schemas: SchemaBuilder, sink: DiagnosticSink): Discovery | undefined {
  if (raw === undefined) return undefined;
  if (!isRawObject(raw) || typeof raw.path !== "string") {
    sink.error("bad-extension", pointer, "`x-wiretype-discovery` needs `path`, `response` and `endpoint`");
    return undefined;
  }
  const endpoint = parseRuntimeExpression(raw.endpoint, ["$response.body"]);
  if (endpoint === undefined) {
    sink.error("bad-extension", `${pointer}/endpoint`, "`endpoint` is a runtime expression `$response.body#/field`");
    return undefined;
  }
  const pingInterval = parseRuntimeExpression(raw.pingInterval, ["$response.body"]);
  const alternatePaths = Array.isArray(raw.alternatePaths)
    ? raw.alternatePaths.filter((p) => typeof p === "string")
    : [];
  return {
    method: (optionalString(raw.method) ?? "GET").toUpperCase(),
    path: raw.path,
    alternatePaths,
    ...(raw.query === undefined ? {} : { query: schemas.build(raw.query, { pointer: `${pointer}/query` }) }),
    response: schemas.build(raw.response, { pointer: `${pointer}/response` }),
    endpoint,
    ...(pingInterval === undefined ? {} : { pingInterval }),
  };
}
