import type { ServerConnection } from "./internal.js";

/** Told of every change to a local connection's presence and rooms (the cluster publishes them). */
export interface RegistryObserver {
  changed(connection: ServerConnection): void;
  removed(connection: ServerConnection): void;
}

/**
 * Who is connected, who is present under which key, and who is in which room. `connections` holds this
 * process's connections only; in a cluster, `remotes` mirrors the other nodes' members, which presence,
 * rooms and `everyone` include.
 */
export class Registry {
  readonly connections = new Map<string, ServerConnection>();
  readonly remotes = new Map<string, ServerConnection>();
  observer: RegistryObserver | undefined;
  /** While set, lookups see local connections only (a dead node's departures are told by every node to its own). */
  localOnly = false;
  private readonly presence = new Map<string, Set<ServerConnection>>();
  /** `present(key)`'s list per key, made once per change (a relay looks a peer up on every frame). */
  private readonly presentLists = new Map<string, readonly ServerConnection[]>();
  private readonly rooms = new Map<string, Set<ServerConnection>>();

  add(connection: ServerConnection): void {
    this.connections.set(connection.id, connection);
    this.observer?.changed(connection);
  }

  addRemote(connection: ServerConnection): void {
    this.remotes.set(connection.id, connection);
  }

  /** A connection of this node or, in a cluster, of another. */
  find(id: string): ServerConnection | undefined {
    return this.connections.get(id) ?? this.remotes.get(id);
  }

  setPresence(connection: ServerConnection, key: string, record: unknown): void {
    this.clearPresence(connection);
    connection.presenceKey = key;
    connection.presenceRecord = record;
    const holders = this.presence.get(key) ?? new Set();
    holders.add(connection);
    this.presence.set(key, holders);
    this.presentLists.delete(key);
    this.notify(connection);
  }

  present(key: string): readonly ServerConnection[] {
    if (this.localOnly) return this.visible(this.presence.get(key));
    let list = this.presentLists.get(key);
    if (list === undefined) {
      list = this.visible(this.presence.get(key));
      if (list.length > 0) this.presentLists.set(key, list);
    }
    return list;
  }

  /** The presence records of everyone present but `except`. */
  presentRecords(except: ServerConnection): unknown[] {
    return this.everyone()
      .filter((other) => other !== except && other.presenceKey !== undefined)
      .map((other) => other.presenceRecord);
  }

  /** Every connection, local first, then the other nodes' (unless `localOnly`). */
  everyone(): ServerConnection[] {
    const local = [...this.connections.values()];
    return this.localOnly || this.remotes.size === 0 ? local : [...local, ...this.remotes.values()];
  }

  join(connection: ServerConnection, room: string, record: unknown): void {
    connection.rooms.add(room);
    if (record !== undefined) connection.roomRecords.set(room, record);
    const members = this.rooms.get(room) ?? new Set();
    members.add(connection);
    this.rooms.set(room, members);
    this.notify(connection);
  }

  leave(connection: ServerConnection, room: string): void {
    connection.rooms.delete(room);
    connection.roomRecords.delete(room);
    const members = this.rooms.get(room);
    members?.delete(connection);
    if (members?.size === 0) this.rooms.delete(room);
    this.notify(connection);
  }

  members(room: string): ServerConnection[] {
    return this.visible(this.rooms.get(room));
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
    const local = this.connections.delete(connection.id);
    this.remotes.delete(connection.id);
    if (local) this.observer?.removed(connection);
  }

  clearPresence(connection: ServerConnection): void {
    if (connection.presenceKey === undefined) return;
    const holders = this.presence.get(connection.presenceKey);
    holders?.delete(connection);
    this.presentLists.delete(connection.presenceKey);
    if (holders?.size === 0) this.presence.delete(connection.presenceKey);
    this.notify(connection);
  }

  private visible(holders: Set<ServerConnection> | undefined): ServerConnection[] {
    if (holders === undefined) return [];
    const all = [...holders];
    return this.localOnly ? all.filter((holder) => !this.remotes.has(holder.id)) : all;
  }

  /** Only local connections are published; the mirror of a remote one changes silently. */
  private notify(connection: ServerConnection): void {
    if (this.observer !== undefined && this.connections.has(connection.id)) this.observer.changed(connection);
  }
}
