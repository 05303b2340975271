import type { Direction } from "../../support/raw-spec.js";

/** JSON Schema type names, as a document states them. */
export type JsonTypeName = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";

/** A documented value of a field. */
export type InventoryValue = string | number | boolean | null;

/**
 * One field as the seed document shows it. The harness compares every member with the parsed spec.
 * Paths: `a.b`, `list[].id` for array items, `data[1]` for a tuple element.
 */
export interface InventoryField {
  readonly path: string;
  /** The type the document gives (a table's type column, or the JSON type of its examples). */
  readonly type: readonly JsonTypeName[];
  /**
   * What the document shows: a must/T/F column, else shown in every such frame. For `x[n]`, the tuple has
   * at least n + 1 elements; for `x[]`, the array is never empty.
   */
  readonly required: boolean;
  /** The documented values: the spec lists exactly these (plus any it marks with `x-wiretype-provenance`). */
  readonly values?: readonly InventoryValue[];
  /** 1-based line of the seed document the field comes from; the line mentions the path's last segment. */
  readonly line: number;
  /** The spec's wider type, allowed only with `evidence`: a phrase that occurs in protocol-notes.md. */
  readonly widened?: { readonly type: readonly JsonTypeName[]; readonly evidence: string };
  /** The spec makes a field optional that the document shows as required, allowed only with `evidence` in the notes. */
  readonly relaxed?: { readonly evidence: string };
}

/**
 * One message as the seed document names it, kept by hand from the document (not from the spec), so
 * that a field dropped, misspelled, mistyped or wrongly required in the spec fails CI.
 */
export interface InventoryMessage {
  /** The wire name (`action`/`id` value, Socket.IO event, JSON-RPC method) or the component key. */
  readonly message: string;
  /** Who sends it. */
  readonly sender: Direction;
  readonly fields: readonly InventoryField[];
}

export interface SeedInventory {
  /** The seed file under `../shared/seeds/`. */
  readonly document: string;
  readonly messages: readonly InventoryMessage[];
}

/** Shorthand for an inventory field: `field("user_id", "string", true, 12)`. */
export function field(
  path: string,
  type: JsonTypeName | readonly JsonTypeName[],
  required: boolean,
  line: number,
  extra: Pick<InventoryField, "values" | "widened" | "relaxed"> = {},
): InventoryField {
  return { path, type: typeof type === "string" ? [type] : type, required, line, ...extra };
}
