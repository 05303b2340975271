import type { ClusterNamespace } from "./cluster-socket-io.js";
import { RemoteDelivery } from "./cluster-socket-io-delivery.js";
import { applyEntry, entryOf, type MemberEntry } from "./cluster-socket-io-entry.js";
import type { Engine } from "./engine.js";
import { type Link, ServerConnection } from "./internal.js";
import { applyRoomAnnouncement } from "./room-announcement.js";

/** Redis went away (`lost`) or came back (`back`). */
export type ClusterStatusListener = (status: "lost" | "back") => void;

/** Events between nodes, sent with the adapter's `serverSideEmit` (Redis pub/sub, in order). */
const events = {
  /** A node's members changed: `(node, entries, goneIds)`. */
  members: "wiretype:members",
  /**
   * A node's whole membership: `(node, entries, answering)`. `answering` a `hello` proves the node is
   * subscribed (it heard one), so messages published for its members now reach it.
   */
  state: "wiretype:state",
  /** A node asks every other for its state: `(node, rejoined)`; `rejoined`: its Redis link came back. */
  hello: "wiretype:hello",
  /** A node is alive: `(node)`. */
  alive: "wiretype:alive",
  /** A node closes: `(node)`. */
  leaving: "wiretype:leaving",
  /** A room announcement (workspace `user-selected-channel`) for its owning node to apply: `(key, message)`. */
  announce: "wiretype:announce",
} as const;

/** Another node as this one knows it: when it was last heard, whether it can be reached, its members. */
interface KnownNode {
  seen: number;
  /** It answered a hello since it was met or Redis came back: it is subscribed, messages reach it. */
  reachable: boolean;
  readonly members: Map<string, ServerConnection>;
}

/**
 * The other nodes' members, mirrored into this node's registry as remote connections whose messages go
 * out through the Socket.IO adapter (to the socket's own room, so only its node delivers). A node beats
 * every third of `expiryMs`; a node silent for `expiryMs` (killed, cut off) loses its members here at the
 * next sweep, so within 1.25 × `expiryMs` of its last beat. While Redis is away nothing is published
 * (nor queued) and no node expires; what the others missed is published again when it is back.
 */
export class SocketIoMirror {
  private readonly nodes = new Map<string, KnownNode>();
  private readonly dirty = new Set<ServerConnection>();
  private readonly delivery: RemoteDelivery;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly namespace: ClusterNamespace,
    private readonly nodeId: string,
    private readonly expiryMs: number,
    /** The publishing Redis connection is ready (else a publish would wait in ioredis' offline queue). */
    private readonly linkUp: () => boolean,
  ) {
    const reachable = (node: string) => linkUp() && this.nodes.get(node)?.reachable === true;
    this.delivery = new RemoteDelivery(engine, namespace, reachable, linkUp);
  }

  start(): void {
    this.engine.registry.observer = {
      changed: (connection) => this.markDirty(connection),
      removed: (connection) => this.markDirty(connection),
    };
    this.listen();
    this.publish(events.hello, this.nodeId, false);
    this.publishState(false);
    const beat = setInterval(() => this.publish(events.alive, this.nodeId), this.expiryMs / 3);
    const sweep = setInterval(() => this.sweep(), this.expiryMs / 4);
    this.timers = [beat, sweep];
    for (const timer of this.timers) timer.unref();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.publish(events.leaving, this.nodeId);
    this.engine.registry.observer = undefined;
  }

  /**
   * Redis is back: what the others missed (and forgot, past `expiryMs`) is told again, both ways, and once
   * more a beat later, for nodes whose subscription came back after this node's first word.
   */
  readonly onStatus: ClusterStatusListener = (status) => {
    const now = Date.now();
    for (const known of this.nodes.values()) {
      // Unreachable until it answers a hello (its subscription may come back after this node's).
      known.reachable = false;
      // Silent while Redis was away is not dead: each has `expiryMs` from now to beat again.
      known.seen = now;
    }
    if (status !== "back") return;
    const resync = () => {
      if (this.stopped) return;
      this.publish(events.hello, this.nodeId, true);
      this.publishState(false);
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
    on(events.state, (node: string, entries: MemberEntry[], answering: boolean) => {
      this.replace(node, entries);
      if (answering) this.nodeFor(node).reachable = true;
    });
    on(events.hello, (node: string, rejoined: boolean) => {
      const known = this.nodeFor(node);
      // Its subscription may be younger than its hello: reachable once it answers one of ours.
      if (rejoined) known.reachable = false;
      this.publishState(true);
      if (!known.reachable) this.publish(events.hello, this.nodeId, false);
    });
    on(events.alive, (node: string) => {
      // A node not known or not reachable (met while Redis was away, expired here by mistake): ask for its state.
      if (this.nodes.get(node)?.reachable !== true) this.publish(events.hello, this.nodeId, false);
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
    if (this.publish(events.members, this.nodeId, entries, gone)) return;
    const changed = entries.length + gone.length;
    const error = new Error(`${changed} member change(s) not published: Redis is away (all sent again when back)`);
    this.engine.emit("cluster", { kind: "delivery-failed", recipients: 0, error });
  }

  private publishState(answering: boolean): void {
    const entries = [...this.engine.registry.connections.values()].filter((c) => !c.closed).map(entryOf);
    this.publish(events.state, this.nodeId, entries, answering);
  }

  /** Emits to the other nodes only while Redis is up (never into ioredis' offline queue); false if not. */
  private publish(event: string, ...args: unknown[]): boolean {
    if (!this.linkUp()) return false;
    this.namespace.serverSideEmit(event, ...args);
    return true;
  }

  private nodeFor(node: string): KnownNode {
    let known = this.nodes.get(node);
    if (known === undefined) {
      known = { seen: 0, reachable: false, members: new Map<string, ServerConnection>() };
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
      const mirror = members.get(entry.id) ?? this.create(node, entry);
      members.set(entry.id, mirror);
      applyEntry(this.engine, mirror, entry);
    }
  }

  private replace(node: string, entries: readonly MemberEntry[]): void {
    const listed = new Set(entries.map((entry) => entry.id));
    for (const id of [...(this.nodes.get(node)?.members.keys() ?? [])]) if (!listed.has(id)) this.forget(node, id);
    this.update(node, entries);
  }

  private create(node: string, entry: MemberEntry): ServerConnection {
    const link: Link = {
      id: entry.id,
      deliver: (packet) => this.delivery.send(node, entry.id, packet.event ?? "message", packet.data),
      close: () => {},
    };
    const mirror = new ServerConnection(entry.id, link, entry.authenticated, (target, key, message, packet) => {
      this.delivery.announce(key, message);
      this.delivery.send(node, target.id, packet?.event ?? key, packet === undefined ? message : packet.data);
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
    if (!this.linkUp()) return;
    const oldest = Date.now() - this.expiryMs;
    for (const [node, known] of this.nodes) if (known.seen < oldest) this.drop(node, true);
  }
}
