import type { ServerConnection } from "./internal.js";

/** Who is connected, who is present under which key, and who is in which room. */
export class Registry {
  readonly connections = new Map<string, ServerConnection>();
  private readonly presence = new Map<string, Set<ServerConnection>>();
  private readonly rooms = new Map<string, Set<ServerConnection>>();

  add(connection: ServerConnection): void {
    this.connections.set(connection.id, connection);
  }

  setPresence(connection: ServerConnection, key: string, record: unknown): void {
    this.clearPresence(connection);
    connection.presenceKey = key;
    connection.presenceRecord = record;
    const holders = this.presence.get(key) ?? new Set();
    holders.add(connection);
    this.presence.set(key, holders);
  }

  present(key: string): ServerConnection[] {
    return [...(this.presence.get(key) ?? [])];
  }

  /** The presence records of everyone present but `except`. */
  presentRecords(except: ServerConnection): unknown[] {
    return [...this.connections.values()]
      .filter((other) => other !== except && other.presenceKey !== undefined)
      .map((other) => other.presenceRecord);
  }

  join(connection: ServerConnection, room: string, record: unknown): void {
    connection.rooms.add(room);
    if (record !== undefined) connection.roomRecords.set(room, record);
    const members = this.rooms.get(room) ?? new Set();
    members.add(connection);
    this.rooms.set(room, members);
  }

  leave(connection: ServerConnection, room: string): void {
    connection.rooms.delete(room);
    connection.roomRecords.delete(room);
    const members = this.rooms.get(room);
    members?.delete(connection);
    if (members?.size === 0) this.rooms.delete(room);
  }

  members(room: string): ServerConnection[] {
    return [...(this.rooms.get(room) ?? [])];
  }

  /**
   * Who a message to `room` reaches: its members and, with a `prefix` separator, the members of the room
   * named by the part before its first separator (verto: `conference-liveArray` subscribers get the events
   * of `conference-liveArray.3000@host`), each once.
   */
  audience(room: string, prefix: string | undefined): ServerConnection[] {
    const cut = prefix === undefined || prefix === "" ? -1 : room.indexOf(prefix);
    if (cut <= 0) return this.members(room);
    return [...new Set([...this.members(room), ...this.members(room.slice(0, cut))])];
  }

  remove(connection: ServerConnection): void {
    for (const room of [...connection.rooms]) this.leave(connection, room);
    this.clearPresence(connection);
    this.connections.delete(connection.id);
  }

  clearPresence(connection: ServerConnection): void {
    if (connection.presenceKey === undefined) return;
    const holders = this.presence.get(connection.presenceKey);
    holders?.delete(connection);
    if (holders?.size === 0) this.presence.delete(connection.presenceKey);
  }
}
