import type { DiagnosticSink } from "../diagnostics.js";
import { isJsonPrimitive, isRawObject, optionalString, type RawObject, toJsonValue } from "./raw.js";
import type { DocumentedValue, Provenance, SchemaDocs } from "./types.js";

const provenanceSources = new Set(["document", "notes", "wiretype"]);

export function readProvenance(raw: unknown, pointer: string, sink: DiagnosticSink): Provenance | undefined {
  if (raw === undefined) return undefined;
  if (!isRawObject(raw) || typeof raw.source !== "string" || !provenanceSources.has(raw.source)) {
    sink.error("bad-extension", `${pointer}/x-wiretype-provenance`, "expected { source: document | notes | wiretype }");
    return undefined;
  }
  const ref = optionalString(raw.ref);
  const note = optionalString(raw.note);
  return {
    source: raw.source as Provenance["source"],
    ...(ref === undefined ? {} : { ref }),
    ...(note === undefined ? {} : { note }),
  };
}

function readValues(raw: unknown, pointer: string, sink: DiagnosticSink): DocumentedValue[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    sink.error("bad-extension", `${pointer}/x-wiretype-values`, "expected a list of { value, name?, description? }");
    return undefined;
  }
  const values: DocumentedValue[] = [];
  raw.forEach((entry: unknown, index) => {
    if (!isRawObject(entry) || !isJsonPrimitive(entry.value)) {
      sink.error("bad-extension", `${pointer}/x-wiretype-values/${index}`, "each documented value needs a `value`");
      return;
    }
    const name = optionalString(entry.name);
    const description = optionalString(entry.description);
    values.push({
      value: entry.value,
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
    });
  });
  return values;
}

/** The documentation every schema node carries: descriptions, documented values, examples, provenance. */
export function readSchemaDocs(raw: RawObject, pointer: string, sink: DiagnosticSink): SchemaDocs {
  const docs: { -readonly [K in keyof SchemaDocs]: SchemaDocs[K] } = {};
  const title = optionalString(raw.title);
  const description = optionalString(raw.description);
  const original = optionalString(raw["x-wiretype-original"]);
  const open = optionalString(raw["x-wiretype-open"]);
  const values = readValues(raw["x-wiretype-values"], pointer, sink);
  const provenance = readProvenance(raw["x-wiretype-provenance"], pointer, sink);
  if (title !== undefined) docs.title = title;
  if (description !== undefined) docs.description = description;
  if (original !== undefined) docs.original = original;
  if (open !== undefined) docs.open = open;
  if (values !== undefined) docs.values = values;
  if (provenance !== undefined) docs.provenance = provenance;
  if (Array.isArray(raw.examples)) docs.examples = raw.examples.map((example) => toJsonValue(example));
  if (raw.default !== undefined) docs.defaultValue = toJsonValue(raw.default);
  if (raw.deprecated === true) docs.deprecated = true;
  return docs;
}
