import type { Engine } from "../engine.js";
import type { CallRecord } from "./wire.js";

/** How the call book tells the cluster of its changes, so busy is known on every node. */
export interface CallSync {
  changed(call: CallRecord): void;
  ended(call: CallRecord): void;
}

const syncs = new WeakMap<Engine, CallSync>();

export function setCallSync(engine: Engine, sync: CallSync | undefined): void {
  if (sync === undefined) syncs.delete(engine);
  else syncs.set(engine, sync);
}

export function callSyncOf(engine: Engine): CallSync | undefined {
  return syncs.get(engine);
}
