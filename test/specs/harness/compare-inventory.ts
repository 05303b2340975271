import { listMessages } from "../../support/raw-spec.js";
import { splitFieldPath } from "../../support/schema-paths.js";
import type { JsonObject, JsonValue } from "../../support/spec-files.js";
import type { InventoryField, InventoryMessage, SeedInventory } from "../inventory/types.js";
import { type FieldFacts, factsOf, nodesAt } from "./schema-facts.js";

/** What the harness checks an inventory against: the seed document's lines and the field notes. */
export interface Sources {
  /** The seed document split into lines (index 0 is line 1). */
  readonly seedLines: readonly string[];
  readonly notes: string;
}

const key = (value: JsonValue): string => JSON.stringify(value);

/** Runs of whitespace as one space: Markdown wraps lines anywhere, so a phrase may span a line break. */
const collapsed = (text: string): string => text.replace(/\s+/g, " ").trim();

/** A phrase the notes must contain (across line breaks): long enough not to match by accident. */
export function notesContain(notes: string, phrase: string): boolean {
  const wanted = collapsed(phrase);
  return wanted.length >= 6 && collapsed(notes).includes(wanted);
}

function typeProblems(field: InventoryField, facts: FieldFacts): string[] {
  const expected = new Set<string>(field.widened?.type ?? field.type);
  const same = expected.size === facts.types.size && [...expected].every((type) => facts.types.has(type));
  return same ? [] : [`type is [${[...facts.types].join(", ")}], expected [${[...expected].join(", ")}]`];
}

function valueProblems(field: InventoryField, facts: FieldFacts): string[] {
  const documented = new Set((field.values ?? []).map(key));
  const listed = new Set(facts.values.map(key));
  const marked = new Set(facts.marked.map(key));
  const missing = [...documented].filter((value) => !listed.has(value));
  const extra = [...listed].filter((value) => !documented.has(value) && !marked.has(value));
  return [
    ...(missing.length > 0 ? [`values miss documented ${missing.join(", ")}`] : []),
    ...(extra.length > 0 ? [`values add ${extra.join(", ")} without x-wiretype-provenance`] : []),
  ];
}

function factProblems(field: InventoryField, facts: FieldFacts): string[] {
  const required = field.required && field.relaxed === undefined;
  return [
    ...typeProblems(field, facts),
    ...(facts.required === required ? [] : [`required is ${facts.required}, expected ${required}`]),
    ...valueProblems(field, facts),
  ];
}

/** The keyword a document line must mention: the last name segment, or the index of a tuple element. */
function lineKeyword(path: string): string {
  const segments = splitFieldPath(path);
  const last = segments.at(-1) ?? path;
  const index = /^\[(\d+)\]$/.exec(last);
  if (index?.[1] !== undefined) return index[1];
  return [...segments].reverse().find((segment) => !segment.startsWith("[")) ?? last;
}

function sourceProblems(field: InventoryField, sources: Sources): string[] {
  const problems: string[] = [];
  const text = sources.seedLines[field.line - 1];
  const word = lineKeyword(field.path);
  if (text === undefined || !text.includes(word)) problems.push(`line ${field.line} does not mention ${word}`);
  if (field.widened) {
    if (!field.type.every((type) => field.widened?.type.includes(type))) problems.push("widened type is not wider");
    if (!notesContain(sources.notes, field.widened.evidence)) problems.push("widened evidence is not in the notes");
  }
  if (field.relaxed && !notesContain(sources.notes, field.relaxed.evidence)) {
    problems.push("relaxed evidence is not in the notes");
  }
  return problems;
}

function fieldProblems(document: JsonObject, payloads: JsonValue[], field: InventoryField, sources: Sources): string[] {
  const nodes = payloads.flatMap((payload) => nodesAt(document, payload, field.path));
  const own = sourceProblems(field, sources);
  if (nodes.length === 0) return [...own, "missing from the spec"];
  const candidates = nodes.map((node) => factProblems(field, factsOf(document, node)));
  const best = candidates.reduce((a, b) => (b.length < a.length ? b : a));
  return [...own, ...best];
}

function entryProblems(document: JsonObject, entry: InventoryMessage, sources: Sources): string[] {
  const label = `${entry.sender} ${entry.message}`;
  const matches = listMessages(document).filter(
    (m) => (m.wireName === entry.message || m.id === entry.message) && m.senders.has(entry.sender),
  );
  if (matches.length === 0) return [`${label}: missing message`];
  const payloads = matches.map((m) => m.message.payload as JsonValue);
  return entry.fields.flatMap((field) =>
    fieldProblems(document, payloads, field, sources).map((problem) => `${label} ${field.path}: ${problem}`),
  );
}

/** Every difference between the inventory (what the document shows) and the spec; empty when they agree. */
export function compareInventory(document: JsonObject, inventory: SeedInventory, sources: Sources): string[] {
  return [...new Set(inventory.messages.flatMap((entry) => entryProblems(document, entry, sources)))];
}
