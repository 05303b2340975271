import type { Engine } from "./engine.js";
import type { ServerConnection } from "./internal.js";

/** What the other nodes know of one member: enough for presence, rooms, `everyone` and forwarding fills. */
export interface MemberEntry {
  readonly id: string;
  readonly authenticated: boolean;
  readonly presence?: readonly [key: string, record: unknown];
  readonly rooms: readonly (readonly [room: string, record: unknown])[];
}

export function entryOf(connection: ServerConnection): MemberEntry {
  const { id, authenticated, presenceKey, presenceRecord, roomRecords } = connection;
  const rooms = [...connection.rooms].map((room) => [room, roomRecords.get(room)] as const);
  return presenceKey === undefined
    ? { id, authenticated, rooms }
    : { id, authenticated, rooms, presence: [presenceKey, presenceRecord] };
}

/** Brings a mirror to what its node published: session, presence, rooms and their records. */
export function applyEntry(engine: Engine, mirror: ServerConnection, entry: MemberEntry): void {
  const { registry } = engine;
  mirror.authenticated = entry.authenticated;
  if (entry.presence === undefined) registry.clearPresence(mirror);
  else registry.setPresence(mirror, entry.presence[0], entry.presence[1]);
  const rooms = new Map(entry.rooms);
  for (const room of [...mirror.rooms]) if (!rooms.has(room)) registry.leave(mirror, room);
  for (const [room, record] of rooms) registry.join(mirror, room, record);
}
