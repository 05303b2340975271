import type { JSDocStructure, OptionalKind } from "ts-morph";
import type { DocumentedValue, JsonValue, Provenance, SchemaDocs } from "../ir/types.js";

/** Text is placed inside a block comment: a `*\/` in it would end the comment early. */
function safe(text: string): string {
  return text.replaceAll("*/", "*\\/");
}

function describeValue(value: DocumentedValue): string {
  const name = value.name === undefined ? "" : ` (${value.name})`;
  const description = value.description === undefined ? "" : `: ${value.description}`;
  return `- \`${JSON.stringify(value.value)}\`${name}${description}`;
}

function describeProvenance(provenance: Provenance): string | undefined {
  if (provenance.source === "document") return undefined;
  const from = provenance.source === "notes" ? "observed in real implementations" : "added by wiretype";
  const ref = provenance.ref === undefined ? "" : ` (${provenance.ref})`;
  const note = provenance.note === undefined ? "" : `: ${provenance.note}`;
  return `${from}${ref}${note}`;
}

export interface DocInput {
  /** The declared name: a title that only repeats it is left out. */
  readonly name?: string;
  readonly docs?: SchemaDocs;
  readonly title?: string | undefined;
  readonly summary?: string | undefined;
  readonly description?: string | undefined;
  readonly original?: string | undefined;
  readonly provenance?: Provenance | undefined;
  readonly examples?: readonly JsonValue[];
  readonly source?: string;
}

/** A JSDoc block from the spec's descriptions, documented values, provenance and examples. */
export function jsDoc(input: DocInput): OptionalKind<JSDocStructure>[] {
  const docs = input.docs ?? {};
  const paragraphs: string[] = [];
  const title = (input.title ?? input.summary ?? docs.title)?.trim();
  const description = (input.description ?? docs.description)?.trim();
  if (title !== undefined && title !== description && title !== input.name) paragraphs.push(title);
  if (description !== undefined) paragraphs.push(description);
  const original = (input.original ?? docs.original)?.trim();
  if (original !== undefined) paragraphs.push(`Original wording: ${original}`);
  if (docs.open !== undefined) paragraphs.push(`Open schema: ${docs.open}`);
  if (docs.values !== undefined && docs.values.length > 0) {
    paragraphs.push(`Documented values:\n${docs.values.map(describeValue).join("\n")}`);
  }
  const provenance = input.provenance ?? docs.provenance;
  const origin = provenance === undefined ? undefined : describeProvenance(provenance);
  if (origin !== undefined) paragraphs.push(`Provenance: ${origin}`);
  const tags: { tagName: string; text: string }[] = [];
  if (input.source !== undefined) tags.push({ tagName: "generated", text: `from ${input.source}` });
  for (const example of input.examples ?? docs.examples ?? []) {
    tags.push({ tagName: "example", text: safe(JSON.stringify(example)) });
  }
  if (docs.defaultValue !== undefined)
    tags.push({ tagName: "defaultValue", text: safe(JSON.stringify(docs.defaultValue)) });
  if (docs.deprecated === true) tags.push({ tagName: "deprecated", text: "" });
  if (paragraphs.length === 0 && tags.length === 0) return [];
  return [{ description: safe(paragraphs.join("\n\n")), tags }];
}
