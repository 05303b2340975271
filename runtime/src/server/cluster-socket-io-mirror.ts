import type { ClusterNamespace } from "./cluster-socket-io.js";
import { RemoteDelivery } from "./cluster-socket-io-delivery.js";
import type { Engine } from "./engine.js";
import { type Link, ServerConnection } from "./internal.js";
import { applyRoomAnnouncement } from "./room-announcement.js";

/** What the other nodes know of one member: enough for presence, rooms, `everyone` and forwarding fills. */
interface MemberEntry {
  readonly id: string;
  readonly authenticated: boolean;
  readonly presence?: readonly [key: string, record: unknown];
  readonly rooms: readonly (readonly [room: string, record: unknown])[];
}

/** Redis went away (`lost`) or came back (`back`). */
export type ClusterStatusListener = (status: "lost" | "back") => void;

/** Events between nodes, sent with the adapter's `serverSideEmit` (Redis pub/sub, in order). */
const events = {
  /** A node's members changed: `(node, entries, goneIds)`. */
  members: "wiretype:members",
  /** A node's whole membership, answering `hello`: `(node, entries)`. */
  state: "wiretype:state",
  /** A node asks every other for its state: `(node)`. */
  hello: "wiretype:hello",
  /** A node is alive: `(node)`. */
  alive: "wiretype:alive",
  /** A node closes: `(node)`. */
  leaving: "wiretype:leaving",
  /** A room announcement (workspace `user-selected-channel`) for its owning node to apply: `(key, message)`. */
  announce: "wiretype:announce",
} as const;

/**
 * The other nodes' members, mirrored into this node's registry as remote connections whose messages go
 * out through the Socket.IO adapter (to the socket's own room, so only its node delivers). A node beats
 * every third of `expiryMs`; a node silent for `expiryMs` (killed, cut off) loses its members here at the
 * next sweep, so within 1.25 × `expiryMs` of its last beat.
 */
export class SocketIoMirror {
  private readonly nodes = new Map<string, { seen: number; members: Map<string, ServerConnection> }>();
  private readonly dirty = new Set<ServerConnection>();
  private readonly delivery: RemoteDelivery;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly namespace: ClusterNamespace,
    private readonly nodeId: string,
    private readonly expiryMs: number,
  ) {
    this.delivery = new RemoteDelivery(engine, namespace);
  }

  start(): void {
    this.engine.registry.observer = {
      changed: (connection) => this.markDirty(connection),
      removed: (connection) => this.markDirty(connection),
    };
    this.listen();
    this.namespace.serverSideEmit(events.hello, this.nodeId);
    this.publishState();
    const beat = setInterval(() => this.namespace.serverSideEmit(events.alive, this.nodeId), this.expiryMs / 3);
    const sweep = setInterval(() => this.sweep(), this.expiryMs / 4);
    this.timers = [beat, sweep];
    for (const timer of this.timers) timer.unref();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.namespace.serverSideEmit(events.leaving, this.nodeId);
    this.engine.registry.observer = undefined;
  }

  /**
   * Redis is back: what the others missed (and forgot, past `expiryMs`) is told again, both ways, and once
   * more a beat later, for nodes whose subscription came back after this node's first word.
   */
  readonly onStatus: ClusterStatusListener = (status) => {
    if (status !== "back") return;
    const resync = () => {
      if (this.stopped) return;
      this.namespace.serverSideEmit(events.hello, this.nodeId);
      this.publishState();
    };
    resync();
    const again = setTimeout(resync, this.expiryMs / 3);
    again.unref();
  };

  private listen(): void {
    const on = (event: string, listener: (...args: never[]) => void) =>
      this.namespace.on(event, listener as (...args: unknown[]) => void);
    on(events.members, (node: string, entries: MemberEntry[], gone: string[]) => {
      this.update(node, entries);
      for (const id of gone) this.forget(node, id);
    });
    on(events.state, (node: string, entries: MemberEntry[]) => this.replace(node, entries));
    on(events.hello, (node: string) => {
      this.nodeFor(node);
      this.publishState();
    });
    on(events.alive, (node: string) => {
      // A node not known (met while Redis was away, or expired here by mistake): ask for its state.
      if (!this.nodes.has(node)) this.namespace.serverSideEmit(events.hello, this.nodeId);
      this.nodeFor(node);
    });
    on(events.leaving, (node: string) => this.drop(node, false));
    on(events.announce, (key: string, message: unknown) => applyRoomAnnouncement(this.engine, key, message));
  }

  /** A local connection changed: published with every other change of this task, at its end. */
  private markDirty(connection: ServerConnection): void {
    if (this.dirty.size === 0) queueMicrotask(() => this.flush());
    if (!this.dirty.has(connection)) this.watchSession(connection);
    this.dirty.add(connection);
  }

  private readonly watched = new WeakSet<ServerConnection>();

  /** An accessor on `authenticated`: opening a session (no registry change in workspace) is published too. */
  private watchSession(connection: ServerConnection): void {
    if (this.watched.has(connection)) return;
    this.watched.add(connection);
    let authenticated = connection.authenticated;
    Object.defineProperty(connection, "authenticated", {
      get: () => authenticated,
      set: (value: boolean) => {
        authenticated = value;
        this.markDirty(connection);
      },
    });
  }

  private flush(): void {
    if (this.stopped) return;
    const { registry } = this.engine;
    const entries: MemberEntry[] = [];
    const gone: string[] = [];
    for (const connection of this.dirty) {
      if (registry.connections.get(connection.id) === connection && !connection.closed)
        entries.push(entryOf(connection));
      else gone.push(connection.id);
    }
    this.dirty.clear();
    this.namespace.serverSideEmit(events.members, this.nodeId, entries, gone);
  }

  private publishState(): void {
    const entries = [...this.engine.registry.connections.values()].filter((c) => !c.closed).map(entryOf);
    this.namespace.serverSideEmit(events.state, this.nodeId, entries);
  }

  private nodeFor(node: string) {
    let known = this.nodes.get(node);
    if (known === undefined) {
      known = { seen: 0, members: new Map<string, ServerConnection>() };
      this.nodes.set(node, known);
      this.engine.emit("cluster", { kind: "node-joined", node });
    }
    known.seen = Date.now();
    return known;
  }

  private update(node: string, entries: readonly MemberEntry[]): void {
    const { members } = this.nodeFor(node);
    const { registry } = this.engine;
    for (const entry of entries) {
      // An id this node serves itself is never mirrored (ids are socket ids, unique across nodes).
      if (registry.connections.has(entry.id)) continue;
      const mirror = members.get(entry.id) ?? this.create(entry);
      members.set(entry.id, mirror);
      applyEntry(this.engine, mirror, entry);
    }
  }

  private replace(node: string, entries: readonly MemberEntry[]): void {
    const listed = new Set(entries.map((entry) => entry.id));
    for (const id of [...(this.nodes.get(node)?.members.keys() ?? [])]) if (!listed.has(id)) this.forget(node, id);
    this.update(node, entries);
  }

  private create(entry: MemberEntry): ServerConnection {
    const link: Link = {
      id: entry.id,
      deliver: (packet) => this.delivery.send(entry.id, packet.event ?? "message", packet.data),
      close: () => {},
    };
    const mirror = new ServerConnection(entry.id, link, entry.authenticated, (target, key, message, packet) => {
      this.delivery.announce(key, message);
      this.delivery.send(target.id, packet?.event ?? key, packet === undefined ? message : packet.data);
    });
    this.engine.registry.addRemote(mirror);
    return mirror;
  }

  private forget(node: string, id: string): void {
    const members = this.nodes.get(node)?.members;
    const mirror = members?.get(id);
    if (mirror === undefined) return;
    members?.delete(id);
    mirror.closed = true;
    this.engine.registry.remove(mirror);
  }

  /** A node closed, or fell silent (`expired`): its members leave here. */
  private drop(node: string, expired: boolean): void {
    const known = this.nodes.get(node);
    if (known === undefined) return;
    const members = known.members.size;
    for (const id of [...known.members.keys()]) this.forget(node, id);
    this.nodes.delete(node);
    this.engine.emit("cluster", { kind: "node-left", node, members, expired });
  }

  private sweep(): void {
    const oldest = Date.now() - this.expiryMs;
    for (const [node, known] of this.nodes) if (known.seen < oldest) this.drop(node, true);
  }
}

function entryOf(connection: ServerConnection): MemberEntry {
  const { id, authenticated, presenceKey, presenceRecord, roomRecords } = connection;
  const rooms = [...connection.rooms].map((room) => [room, roomRecords.get(room)] as const);
  return presenceKey === undefined
    ? { id, authenticated, rooms }
    : { id, authenticated, rooms, presence: [presenceKey, presenceRecord] };
}

/** Brings a mirror to what its node published: session, presence, rooms and their records. */
function applyEntry(engine: Engine, mirror: ServerConnection, entry: MemberEntry): void {
  const { registry } = engine;
  mirror.authenticated = entry.authenticated;
  if (entry.presence === undefined) registry.clearPresence(mirror);
  else registry.setPresence(mirror, entry.presence[0], entry.presence[1]);
  const rooms = new Map(entry.rooms);
  for (const room of [...mirror.rooms]) if (!rooms.has(room)) registry.leave(mirror, room);
  for (const [room, record] of rooms) registry.join(mirror, room, record);
}
