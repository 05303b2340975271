import type { ProtocolName } from "../../support/spec-files.js";
import { kurentoRoomInventory } from "./kurento-room.js";
import type { SeedInventory } from "./types.js";
import { vertoInventory } from "./verto.js";
import { voxyInventory } from "./voxy.js";
import { workspaceInventory } from "./workspace.js";
import { yueyueInventory } from "./yueyue.js";

export const inventories: Record<ProtocolName, SeedInventory> = {
  voxy: voxyInventory,
  yueyue: yueyueInventory,
  workspace: workspaceInventory,
  verto: vertoInventory,
  "kurento-room": kurentoRoomInventory,
};
