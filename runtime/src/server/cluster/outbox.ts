import type { Packet } from "../internal.js";
import type { RedisClient } from "./redis.js";
import { deliveryPayload } from "./wire.js";

/** A publish that failed: the node and how many of its members a delivery missed (0 for state). */
export interface PublishFailure {
  readonly node: string | undefined;
  readonly recipients: number;
  readonly error: Error;
}

interface Delivery {
  readonly node: string;
  readonly channel: string;
  readonly packet: Packet;
  readonly ids: string[];
}

interface Notice {
  readonly channel: string;
  readonly payload: string;
}

type Entry = Delivery | Notice;

/**
 * Everything a node publishes, in the order it happened, sent once per tick (the client pipelines the
 * commands): a member's state change reaches the other nodes before the deliveries that followed it.
 * One packet sent to several members of a node goes as one message naming them all.
 */
export class Outbox {
  private entries: Entry[] = [];
  private packet: Packet | undefined;
  private readonly forPacket = new Map<string, Delivery>();
  private scheduled = false;
  private waiters: (() => void)[] = [];
  /** Called before each delivery is queued, so state changes made before it go first. */
  beforeDelivery: () => void = () => {};

  constructor(
    private readonly redis: RedisClient,
    private readonly inbox: (node: string) => string,
    private readonly failed: (failure: PublishFailure) => void,
  ) {}

  deliver(node: string, id: string, packet: Packet): void {
    this.beforeDelivery();
    if (packet !== this.packet) {
      this.packet = packet;
      this.forPacket.clear();
    }
    const same = this.forPacket.get(node);
    if (same !== undefined) {
      same.ids.push(id);
      return;
    }
    const delivery: Delivery = { node, channel: this.inbox(node), packet, ids: [id] };
    this.forPacket.set(node, delivery);
    this.push(delivery);
  }

  notice(channel: string, payload: string): void {
    this.push({ channel, payload });
  }

  /** Calls `done` once what is queued now has been published or refused (at once when nothing is queued). */
  whenPublished(done: () => void): void {
    if (this.entries.length === 0) done();
    else this.waiters.push(done);
  }

  /** Publishes what is queued now; resolves once Redis took it (or refused it). */
  flush(): Promise<void> {
    const entries = this.entries;
    const waiters = this.waiters;
    this.entries = [];
    this.waiters = [];
    this.packet = undefined;
    this.forPacket.clear();
    this.scheduled = false;
    return Promise.all(batched(entries).map((entry) => this.publish(entry))).then(() => {
      for (const done of waiters) done();
    });
  }

  private push(entry: Entry): void {
    this.entries.push(entry);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => void this.flush());
  }

  private publish(entry: Notice | Batch): Promise<void> {
    const batch = "deliveries" in entry ? entry : undefined;
    const payload = batch === undefined ? (entry as Notice).payload : deliveryPayload(batch.deliveries.map(encoded));
    return this.redis.publish(entry.channel, payload).then(
      () => {},
      (cause: unknown) =>
        this.failed({
          node: batch?.node,
          recipients: batch?.deliveries.reduce((sum, delivery) => sum + delivery.ids.length, 0) ?? 0,
          error: cause instanceof Error ? cause : new Error(String(cause)),
        }),
    );
  }
}

/** Deliveries to one node published as one message. */
interface Batch {
  readonly node: string;
  readonly channel: string;
  readonly deliveries: Delivery[];
}

/**
 * Consecutive deliveries to a node become one message (fewer commands for Redis and for the node that
 * receives them); a notice ends every batch, so no delivery overtakes a state change made before it.
 */
function batched(entries: readonly Entry[]): (Notice | Batch)[] {
  const out: (Notice | Batch)[] = [];
  const open = new Map<string, Batch>();
  for (const entry of entries) {
    if (!("packet" in entry)) {
      open.clear();
      out.push(entry);
      continue;
    }
    const batch = open.get(entry.node);
    if (batch !== undefined) {
      batch.deliveries.push(entry);
      continue;
    }
    const fresh: Batch = { node: entry.node, channel: entry.channel, deliveries: [entry] };
    open.set(entry.node, fresh);
    out.push(fresh);
  }
  return out;
}

function encoded(delivery: Delivery): { readonly ids: readonly string[]; readonly text: string } {
  return { ids: delivery.ids, text: delivery.packet.text ?? JSON.stringify(delivery.packet.data) };
}
