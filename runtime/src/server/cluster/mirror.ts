import { leaveCalls } from "../call-state.js";
import type { Engine } from "../engine.js";
import type { Outbox } from "./outbox.js";
import { RemoteConnection } from "./remote.js";
import type { MemberRecord } from "./wire.js";

/** This node's copy of the other nodes' members, kept in the registry as remote connections. */
export class Mirror {
  private readonly byNode = new Map<string, Map<string, RemoteConnection>>();

  constructor(
    private readonly engine: Engine,
    private readonly outbox: Outbox,
  ) {}

  nodes(): string[] {
    return [...this.byNode.keys()];
  }

  count(node: string): number {
    return this.byNode.get(node)?.size ?? 0;
  }

  /** Total remote members (for figures and events). */
  size(): number {
    let total = 0;
    for (const members of this.byNode.values()) total += members.size;
    return total;
  }

  upsert(node: string, record: MemberRecord): void {
    const { registry } = this.engine;
    const members = this.byNode.get(node) ?? new Map<string, RemoteConnection>();
    this.byNode.set(node, members);
    let remote = members.get(record.id);
    if (remote === undefined) {
      remote = new RemoteConnection(record.id, node, this.engine, this.outbox);
      members.set(record.id, remote);
      registry.addRemote(remote);
    }
    remote.authenticated = record.authenticated;
    this.applyPresence(remote, record);
    const rooms = new Map(record.rooms.map(([room, joined]) => [room, joined ?? undefined]));
    for (const room of [...remote.rooms]) if (!rooms.has(room)) registry.leave(remote, room);
    for (const [room, joined] of rooms) {
      if (remote.rooms.has(room)) remote.roomRecords.set(room, joined);
      else registry.join(remote, room, joined);
    }
  }

  /**
   * A member gone. `announce`: its node could not say so (it died, or Redis lost what it published),
   * so this node tells its own connections, the way the protocol does (leave messages, dropped calls).
   */
  remove(node: string, id: string, announce: boolean): void {
    const members = this.byNode.get(node);
    const remote = members?.get(id);
    if (members === undefined || remote === undefined) return;
    if (announce && this.engine.defaults) this.announceDeparture(remote);
    this.engine.registry.remove(remote);
    remote.closed = true;
    members.delete(id);
    if (members.size === 0) this.byNode.delete(node);
  }

  /** The node's members are exactly `records` now: the others are removed. */
  reconcile(node: string, records: readonly MemberRecord[], announce: boolean): void {
    const kept = new Set(records.map((record) => record.id));
    for (const id of [...(this.byNode.get(node)?.keys() ?? [])]) if (!kept.has(id)) this.remove(node, id, announce);
    for (const record of records) this.upsert(node, record);
  }

  dropNode(node: string, announce: boolean): number {
    const ids = [...(this.byNode.get(node)?.keys() ?? [])];
    for (const id of ids) this.remove(node, id, announce);
    return ids.length;
  }

  private applyPresence(remote: RemoteConnection, record: MemberRecord): void {
    const { registry } = this.engine;
    if (record.presenceKey === undefined) {
      registry.clearPresence(remote);
      remote.presenceKey = undefined;
      remote.presenceRecord = undefined;
    } else if (record.presenceKey !== remote.presenceKey) {
      registry.setPresence(remote, record.presenceKey, record.presenceRecord);
    } else {
      remote.presenceRecord = record.presenceRecord;
    }
  }

  /** Every node tells only its own connections, so each hears of the departure once. */
  private announceDeparture(remote: RemoteConnection): void {
    const { engine } = this;
    engine.registry.localOnly = true;
    try {
      engine.leaveEverything(remote);
      leaveCalls(engine, remote);
    } catch (cause) {
      engine.emit("cluster", {
        kind: "error",
        error: cause instanceof Error ? cause : new Error(String(cause)),
      });
    } finally {
      engine.registry.localOnly = false;
    }
  }
}
