import type { Engine } from "../engine.js";
import { ServerConnection } from "../internal.js";
import type { Outbox } from "./outbox.js";

/**
 * Another node's member, as this node sees it: its presence and rooms, and a link that publishes what
 * is sent to it (already encoded) to its node, which delivers it. It cannot be closed from here.
 */
export class RemoteConnection extends ServerConnection {
  constructor(
    id: string,
    readonly node: string,
    engine: Engine,
    outbox: Outbox,
  ) {
    super(
      id,
      { id, deliver: (packet) => outbox.deliver(node, id, packet), close: () => {} },
      false,
      (target, key, message, packet) => {
        if (packet === undefined) engine.encoder.push(target, key, message);
        else target.link.deliver(packet);
      },
    );
  }
}
