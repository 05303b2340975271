import type { Direction } from "../../support/raw-spec.js";

/**
 * One message as the seed document names it, kept by hand from the document (not from the spec), so
 * that a field dropped or misspelled in the spec fails CI.
 */
export interface InventoryMessage {
  /** The wire name (`action`/`id` value, Socket.IO event, JSON-RPC method) or, for replies, the component key. */
  readonly message: string;
  /** Who sends it. */
  readonly sender: Direction;
  /** Field paths: `a.b`, `list[].id` for array items, `data[1]` for a tuple element. */
  readonly fields: readonly string[];
}

export interface SeedInventory {
  /** The seed file under `../shared/seeds/`. */
  readonly document: string;
  readonly messages: readonly InventoryMessage[];
}
