import type { Link, Packet, ServerConnection } from "../internal.js";

/**
 * One local connection's output on a cluster node: what it is sent goes out at the end of the tick,
 * unless its state changed meanwhile; then it waits until Redis took the change. So a client hears the
 * answer to its handshake, join or leave only once every node knows of it, whatever order the handler
 * or the defaults answered and changed the state in (one tick, as in one process).
 */
class Outlet {
  private packets: Packet[] = [];
  private scheduled = false;
  waiting = false;

  constructor(readonly link: Link) {}

  deliver(packet: Packet): void {
    // Encoded now, as it would have been: a handler may change the message object after sending it.
    const frozen = packet.text === undefined && packet.bytes === undefined;
    this.packets.push(frozen ? { ...packet, text: JSON.stringify(packet.data) } : packet);
    if (this.scheduled || this.waiting) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (!this.waiting) this.flush();
    });
  }

  /** Straight to the transport, unless something queued must go first. */
  pass(packet: Packet): void {
    if (this.waiting || this.packets.length > 0) this.deliver(packet);
    else this.link.deliver(packet);
  }

  flush(): void {
    const packets = this.packets;
    this.packets = [];
    for (const packet of packets) this.link.deliver(packet);
  }
}

export class HeldOutput {
  private readonly outlets = new Map<ServerConnection, Outlet>();

  /** The connection's state changed: its output waits for `release`. */
  hold(connection: ServerConnection): void {
    if (connection.closed) return;
    this.outletOf(connection).waiting = true;
  }

  /** Redis took the change (or it needed no publishing): what waited goes out, in order. */
  release(connection: ServerConnection): void {
    const outlet = this.outlets.get(connection);
    if (outlet === undefined || !outlet.waiting) return;
    outlet.waiting = false;
    if (!connection.closed) outlet.flush();
  }

  /**
   * A message another node published for this connection: it answers nothing here, so it goes out at
   * once (the cross-node relay path takes no extra turn), after whatever waits.
   */
  deliver(connection: ServerConnection, packet: Packet): void {
    const outlet = this.outlets.get(connection);
    if (outlet === undefined) connection.link.deliver(packet);
    else outlet.pass(packet);
  }

  /** The connection is gone: its own link again (nothing more can reach it). */
  forget(connection: ServerConnection): void {
    const outlet = this.outlets.get(connection);
    if (outlet === undefined) return;
    this.outlets.delete(connection);
    connection.link = outlet.link;
  }

  releaseAll(): void {
    for (const connection of [...this.outlets.keys()]) this.release(connection);
  }

  private outletOf(connection: ServerConnection): Outlet {
    const known = this.outlets.get(connection);
    if (known !== undefined) return known;
    const link = connection.link;
    const outlet = new Outlet(link);
    this.outlets.set(connection, outlet);
    // Transports make links as plain objects: the copy keeps id, query and parameters. A close sends
    // what is queued first (a refusal's answer before the close, as on one node).
    connection.link = {
      ...link,
      deliver: (packet) => outlet.deliver(packet),
      close: (code, reason) => {
        outlet.flush();
        link.close(code, reason);
      },
    };
    return outlet;
  }
}
