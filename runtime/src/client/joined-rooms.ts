import { type RoomsDescriptor, valueAtPath } from "../protocol.js";
import type { LooseDescriptor, LooseOptions } from "./loose.js";
import { withValueAt } from "./outbound.js";

/** A join message to send again, with the rooms still in effect. */
export interface RestoredJoin {
  readonly key: string;
  readonly message: unknown;
}

function roomNames(message: unknown, rooms: RoomsDescriptor): string[] {
  const value = valueAtPath(message, rooms.room);
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((each) => (typeof each === "string" || typeof each === "number" ? [String(each)] : []));
}

/** Client joins are restored unless the spec has none, or the join is the handshake the client re-runs anyway. */
function restorableRooms(descriptor: LooseDescriptor, options: LooseOptions): RoomsDescriptor | undefined {
  const rooms = descriptor.rooms;
  if (rooms?.join.side !== "client") return undefined;
  const rerun = descriptor.session?.handshake === rooms.join.key && options.handshake !== undefined;
  return rerun ? undefined : rooms;
}

/**
 * The rooms (channels) the app joined and has not left, by name, each with the join message that named it
 * (`verto.subscribe` with its `eventChannel` list), to send again after a reconnection.
 */
export class JoinedRooms {
  readonly #rooms: RoomsDescriptor | undefined;
  readonly #joinOf = new Map<string, unknown>();

  constructor(descriptor: LooseDescriptor, options: LooseOptions) {
    this.#rooms = restorableRooms(descriptor, options);
  }

  /** An app message went out: a join adds its rooms, a leave removes them. */
  written(key: string, message: unknown): void {
    const rooms = this.#rooms;
    if (rooms === undefined) return;
    if (key === rooms.join.key) for (const name of roomNames(message, rooms)) this.#joinOf.set(name, message);
    if (key === rooms.leave.key) for (const name of roomNames(message, rooms)) this.#joinOf.delete(name);
  }

  /**
   * One join per original message, naming only its rooms still joined (unchanged when all are); `queued`
   * skips a join that is waiting in the queue, which goes out anyway.
   */
  restore(queued: (message: unknown) => boolean): RestoredJoin[] {
    const rooms = this.#rooms;
    if (rooms === undefined) return [];
    const namesByJoin = new Map<unknown, string[]>();
    for (const [name, join] of this.#joinOf) namesByJoin.set(join, [...(namesByJoin.get(join) ?? []), name]);
    return [...namesByJoin]
      .filter(([join]) => !queued(join))
      .map(([join, names]) => ({ key: rooms.join.key, message: narrowedJoin(join, names, rooms) }));
  }
}

function narrowedJoin(join: unknown, names: readonly string[], rooms: RoomsDescriptor): unknown {
  if (names.length === roomNames(join, rooms).length) return join;
  const wasList = Array.isArray(valueAtPath(join, rooms.room));
  return withValueAt(join, rooms.room, wasList ? names : names[0]);
}
