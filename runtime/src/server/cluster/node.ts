import { allCalls, mirrorCall, mirrorCallEnd } from "../call-state.js";
import type { Engine } from "../engine.js";
import type { ServerConnection } from "../internal.js";
import type { RegistryObserver } from "../registry.js";
import type { ClusterEvent } from "../types.js";
import { HeldOutput } from "./hold.js";
import { setCallSync } from "./hooks.js";
import { Mirror } from "./mirror.js";
import { Outbox, type PublishFailure } from "./outbox.js";
import type { RedisClient } from "./redis.js";
import { livingNodes, readCalls, readMembers, writeState } from "./state.js";
import type { Timing } from "./timing.js";
import {
  type ClusterKeys,
  type ClusterMessage,
  isShared,
  memberRecord,
  parseDeliveries,
  parseMessage,
} from "./wire.js";

/**
 * One node of a cluster: publishes its members' state (a hash per node, kept alive by a TTL its timer
 * refreshes) and changes (the events channel), mirrors the other nodes', and delivers what they publish
 * to its inbox channel. A node whose `alive` key expired is dead: its members leave, announced locally.
 */
export class ClusterNode implements RegistryObserver {
  readonly outbox: Outbox;
  readonly mirror: Mirror;
  private readonly dirty = new Set<ServerConnection>();
  /** Local connections' output, held while their change is not in Redis yet (read-your-writes across nodes). */
  private readonly output = new HeldOutput();
  private readonly shared = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private lost = false;
  private closed = false;
  /** After Redis came back, nodes need a refresh period to publish again before any is taken for dead. */
  private graceUntil = 0;

  constructor(
    private readonly engine: Engine,
    readonly id: string,
    private readonly keys: ClusterKeys,
    private readonly timing: Timing,
    private readonly redis: RedisClient,
    private readonly subscriber: RedisClient,
  ) {
    this.outbox = new Outbox(
      redis,
      (node) => keys.inbox(node),
      (failure) => this.publishFailed(failure),
    );
    this.outbox.beforeDelivery = () => this.drainDirty();
    this.mirror = new Mirror(engine, this.outbox);
  }

  async start(): Promise<void> {
    this.subscriber.on("message", (channel: string, payload: string) => this.received(channel, payload));
    await this.subscriber.subscribe(this.keys.events, this.keys.inbox(this.id));
    this.engine.registry.observer = this;
    setCallSync(this.engine, {
      changed: (call) => this.publishCall("call", call),
      ended: (call) => this.publishCall("call-end", call),
    });
    await this.publishAll();
    await this.readSnapshot(false);
    this.watchRedis();
    this.every(this.timing.refreshMs, () => this.refresh());
    this.every(this.timing.pollMs, () => this.findDeadNodes());
  }

  changed(connection: ServerConnection): void {
    if (this.closed) return;
    if (this.dirty.size === 0) queueMicrotask(() => this.drainDirty());
    this.dirty.add(connection);
    this.output.hold(connection);
  }

  removed(connection: ServerConnection): void {
    this.dirty.delete(connection);
    this.output.forget(connection);
    if (this.closed || !this.shared.delete(connection.id)) return;
    this.tolerate(this.redis.hdel(this.keys.members(this.id), connection.id));
    this.announce({ op: "remove", node: this.id, id: connection.id });
  }

  /** Graceful leave: this node's state is removed from Redis at once, and the others told. */
  async close(): Promise<void> {
    this.drainDirty();
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.engine.registry.observer = undefined;
    setCallSync(this.engine, undefined);
    this.announce({ op: "bye", node: this.id });
    this.output.releaseAll();
    await this.outbox.flush();
    const removal = this.redis
      .multi()
      .del(this.keys.alive(this.id), this.keys.members(this.id))
      .srem(this.keys.nodes, this.id);
    await removal.exec().catch(() => undefined);
    this.subscriber.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** State changes of local connections, published in the order they happened (before later deliveries). */
  private drainDirty(): void {
    if (this.dirty.size === 0) return;
    const changed = [...this.dirty];
    this.dirty.clear();
    const published = new Set<ServerConnection>();
    for (const connection of changed) {
      if (connection.closed || !this.engine.registry.connections.has(connection.id)) continue;
      if (!isShared(connection) && !this.shared.has(connection.id)) continue;
      const member = memberRecord(connection);
      this.shared.add(connection.id);
      this.tolerate(this.redis.hset(this.keys.members(this.id), member.id, JSON.stringify(member)));
      this.announce({ op: "upsert", node: this.id, member });
      published.add(connection);
    }
    // What is not published (a connection nobody else can see yet) needs no wait.
    for (const connection of changed) if (!published.has(connection)) this.output.release(connection);
    this.outbox.whenPublished(() => {
      for (const connection of published) this.output.release(connection);
    });
  }

  private announce(message: ClusterMessage): void {
    this.outbox.notice(this.keys.events, JSON.stringify(message));
  }

  private publishCall(op: "call" | "call-end", call: { caller: string; callee: string; state: string }): void {
    if (this.closed) return;
    const record = {
      caller: call.caller,
      callee: call.callee,
      state: call.state === "connected" ? "connected" : "ringing",
    } as const;
    if (op === "call") {
      const json = JSON.stringify(record);
      this.tolerate(this.redis.hset(this.keys.calls, record.caller, json, record.callee, json));
    } else {
      this.tolerate(this.redis.hdel(this.keys.calls, record.caller, record.callee));
      // A dead node's call is dropped by every survivor on its own: telling the others would make them
      // forget it before they tell their own member that it dropped.
      if (this.engine.registry.localOnly) return;
    }
    this.announce({ op, node: this.id, call: record });
  }

  /** Everything this node knows of itself, written again (at start, and when Redis lost it). */
  private async publishAll(): Promise<void> {
    this.drainDirty();
    const local = [...this.engine.registry.connections.values()].filter((connection) => !connection.closed);
    const members = local.filter((connection) => isShared(connection)).map(memberRecord);
    for (const member of members) this.shared.add(member.id);
    const calls = allCalls(this.engine).map(({ caller, callee, state }) => ({ caller, callee, state }));
    await writeState(this.redis, this.keys, this.id, this.timing, { members, calls });
    this.announce({ op: "hello", node: this.id });
    await this.outbox.flush();
  }

  /** The other nodes' members and the calls, read once (at start, and when Redis is back). */
  private async readSnapshot(afterLoss: boolean): Promise<void> {
    for (const node of await livingNodes(this.redis, this.keys, this.id, afterLoss)) await this.readNode(node, false);
    for (const call of await readCalls(this.redis, this.keys)) mirrorCall(this.engine, call);
  }

  /** One node's members as Redis has them; `exact`: members not listed are gone (announced here). */
  private async readNode(node: string, exact: boolean): Promise<void> {
    const records = await readMembers(this.redis, this.keys, node);
    if (exact) this.mirror.reconcile(node, records, true);
    else for (const record of records) this.mirror.upsert(node, record);
  }

  private received(channel: string, payload: string): void {
    if (this.closed) return;
    if (channel === this.keys.events) {
      this.apply(parseMessage(payload));
      return;
    }
    for (const delivery of parseDeliveries(payload)) {
      const packet = { data: undefined, text: delivery.text };
      for (const id of delivery.ids) {
        const local = this.engine.registry.connections.get(id);
        if (local !== undefined && !local.closed) this.output.deliver(local, packet);
      }
    }
  }

  private apply(message: ClusterMessage | undefined): void {
    if (message === undefined || message.node === this.id) return;
    const { node } = message;
    if (message.op === "upsert") this.mirror.upsert(node, message.member);
    else if (message.op === "remove") this.mirror.remove(node, message.id, false);
    else if (message.op === "bye") this.nodeLeft(node, false);
    else if (message.op === "call") mirrorCall(this.engine, message.call);
    else if (message.op === "call-end") mirrorCallEnd(this.engine, message.call);
    else {
      // hello: the node (re)wrote its whole state; what is not in it is gone.
      this.emit({ kind: "node-joined", node });
      this.readNode(node, true).catch((cause: unknown) => this.failed(cause));
    }
  }

  private nodeLeft(node: string, expired: boolean): void {
    const members = this.mirror.dropNode(node, true);
    this.emit({ kind: "node-left", node, members, expired });
  }

  /** Keeps this node alive in Redis; a node found missing (presumed dead, or Redis lost its data) writes itself again. */
  private async refresh(): Promise<void> {
    if (this.lost) return;
    const alive = await this.redis.pexpire(this.keys.alive(this.id), this.timing.ttlMs);
    if (alive === 1) await this.redis.pexpire(this.keys.members(this.id), this.timing.ttlMs);
    else await this.publishAll();
  }

  /** Nodes whose `alive` key expired died: their members leave, for this node's connections. */
  private async findDeadNodes(): Promise<void> {
    if (this.lost || Date.now() < this.graceUntil) return;
    for (const node of this.mirror.nodes()) {
      if ((await this.redis.exists(this.keys.alive(node))) === 1) continue;
      if (this.closed || this.mirror.count(node) === 0) continue;
      this.nodeLeft(node, true);
      this.tolerate(this.redis.srem(this.keys.nodes, node));
    }
  }

  private watchRedis(): void {
    this.redis.on("close", () => {
      if (this.closed || this.lost) return;
      this.lost = true;
      this.emit({ kind: "redis-lost", error: new Error("the connection to Redis closed") });
    });
    this.redis.on("ready", () => {
      if (this.closed || !this.lost) return;
      this.lost = false;
      this.graceUntil = Date.now() + this.timing.ttlMs;
      this.emit({ kind: "redis-back" });
      this.publishAll()
        .then(() => this.readSnapshot(true))
        .catch((cause: unknown) => this.failed(cause));
    });
  }

  private publishFailed(failure: PublishFailure): void {
    if (failure.node !== undefined) {
      this.emit({ kind: "delivery-failed", node: failure.node, recipients: failure.recipients, error: failure.error });
    }
  }

  private every(ms: number, task: () => Promise<void>): void {
    const timer = setInterval(() => void task().catch((cause: unknown) => this.failed(cause)), ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** A state write that fails while Redis is away is written again once it is back (`publishAll`). */
  private tolerate(command: Promise<unknown>): void {
    command.catch(() => undefined);
  }

  private failed(cause: unknown): void {
    if (this.lost || this.closed) return;
    this.emit({ kind: "error", error: cause instanceof Error ? cause : new Error(String(cause)) });
  }

  private emit(event: ClusterEvent): void {
    this.engine.emit("cluster", event);
  }
}
