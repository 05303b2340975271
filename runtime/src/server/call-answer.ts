import type { CallAnswer } from "../protocol.js";
import type { Exchange } from "./exchange.js";
import { buildForward } from "./forward-build.js";

/**
 * The answer the server sends a caller whose call it refuses: the members of the asking message the spec
 * repeats, the spec's fixed values (busy, no such user), and who is who (the receiver and the peer asked for).
 */
export function buildCallAnswer(exchange: Exchange, spec: CallAnswer, self: string, peer: string): unknown {
  const set = [
    ...spec.set,
    ...(spec.self === undefined ? [] : [{ path: spec.self, value: self }]),
    ...(spec.peer === undefined ? [] : [{ path: spec.peer, value: peer }]),
  ];
  return buildForward(exchange, { as: spec.key, to: "peer", includeSender: true, carry: spec.carry, set });
}
