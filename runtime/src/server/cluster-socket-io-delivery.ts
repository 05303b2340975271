import type { ClusterNamespace } from "./cluster-socket-io.js";
import type { Engine } from "./engine.js";

interface Batch {
  readonly event: string;
  readonly data: unknown;
  readonly ids: string[];
}

/**
 * Messages for members of other nodes, through the Socket.IO adapter: each to the rooms named by socket
 * ids, so the owning node delivers it. The recipients of one broadcast (the same event and data) go out
 * as one adapter emit at the end of the current task, in the order they were sent.
 */
export class RemoteDelivery {
  private batches: Batch[] = [];
  private readonly announced = new WeakSet<object>();

  constructor(
    private readonly engine: Engine,
    private readonly namespace: ClusterNamespace,
  ) {}

  send(id: string, event: string, data: unknown): void {
    const last = this.batches[this.batches.length - 1];
    if (last !== undefined && last.event === event && last.data === data) {
      last.ids.push(id);
      return;
    }
    if (this.batches.length === 0) queueMicrotask(() => this.flush());
    this.batches.push({ event, data, ids: [id] });
  }

  /**
   * A server-decided room announcement (workspace `user-selected-channel`) reaching another node's
   * member: the node serving the member it names applies it (once per message, whoever receives it).
   */
  announce(key: string, message: unknown): void {
    const rooms = this.engine.descriptor.rooms;
    const announcing =
      rooms !== undefined && [rooms.join, rooms.leave].some((end) => end.side === "server" && end.key === key);
    if (!announcing || message === null || typeof message !== "object" || this.announced.has(message)) return;
    this.announced.add(message);
    this.namespace.serverSideEmit("wiretype:announce", key, message);
  }

  private flush(): void {
    const batches = this.batches;
    this.batches = [];
    for (const { event, data, ids } of batches) this.namespace.to(ids).emit(event, data);
  }
}
