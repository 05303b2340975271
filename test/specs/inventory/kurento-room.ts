import type { SeedInventory } from "./types.js";

// Placeholder: to be filled from the seed document by hand.
export const kurentoRoomInventory: SeedInventory = { document: "", messages: [] };
