import type { ClusterNamespace } from "./cluster-socket-io.js";
import type { Engine } from "./engine.js";

interface Recipient {
  readonly id: string;
  readonly node: string;
}

interface Batch {
  readonly event: string;
  readonly data: unknown;
  readonly recipients: Recipient[];
}

/** Whether a message published now would reach `node` (Redis is up and that node has been heard since). */
export type Reachable = (node: string) => boolean;

/**
 * Messages for members of other nodes, through the Socket.IO adapter: each to the rooms named by socket
 * ids, so the owning node delivers it. The recipients of one broadcast (the same event and data) go out
 * as one adapter emit at the end of the current task, in the order they were sent. Recipients on a node
 * that cannot be reached are not queued (ioredis would hold them, and Redis pub/sub would drop them if
 * the node has not subscribed again): each such message is a `delivery-failed` event per node.
 */
export class RemoteDelivery {
  private batches: Batch[] = [];
  private readonly announced = new WeakSet<object>();

  constructor(
    private readonly engine: Engine,
    private readonly namespace: ClusterNamespace,
    private readonly reachable: Reachable,
    private readonly linkUp: () => boolean,
  ) {}

  send(node: string, id: string, event: string, data: unknown): void {
    const last = this.batches[this.batches.length - 1];
    if (last !== undefined && last.event === event && last.data === data) {
      last.recipients.push({ id, node });
      return;
    }
    if (this.batches.length === 0) queueMicrotask(() => this.flush());
    this.batches.push({ event, data, recipients: [{ id, node }] });
  }

  /**
   * A server-decided room announcement (workspace `user-selected-channel`) reaching another node's
   * member: the node serving the member it names applies it (once per message, whoever receives it).
   * Not sent while Redis is away: the announcement itself, to that node's members, fails with an event.
   */
  announce(key: string, message: unknown): void {
    const rooms = this.engine.descriptor.rooms;
    const announcing =
      rooms !== undefined && [rooms.join, rooms.leave].some((end) => end.side === "server" && end.key === key);
    if (!announcing || message === null || typeof message !== "object" || this.announced.has(message)) return;
    this.announced.add(message);
    if (this.linkUp()) this.namespace.serverSideEmit("wiretype:announce", key, message);
  }

  private flush(): void {
    const batches = this.batches;
    this.batches = [];
    for (const { event, data, recipients } of batches) {
      const ids: string[] = [];
      const missed = new Map<string, number>();
      for (const { id, node } of recipients) {
        if (this.reachable(node)) ids.push(id);
        else missed.set(node, (missed.get(node) ?? 0) + 1);
      }
      if (ids.length > 0) this.namespace.to(ids).emit(event, data);
      for (const [node, count] of missed) this.failed(node, count, event);
    }
  }

  private failed(node: string, recipients: number, event: string): void {
    const why = this.linkUp() ? "not heard from since Redis came back" : "Redis is away";
    const error = new Error(`${event} not delivered to ${recipients} member(s) of node ${node}: ${why}`);
    this.engine.emit("cluster", { kind: "delivery-failed", node, recipients, error });
  }
}
