import type { ForwardDescriptor } from "../protocol.js";
import { setPath } from "./encoder.js";

/**
 * A copy of a forwarded message with the rule's `set` values in place, whatever the received frame said
 * (voxy: the callee's `call_remote_callback` notice is `used_phone: 0`, incoming call). The received
 * frame is never touched.
 */
export function withForwardValues(message: unknown, set: ForwardDescriptor["set"]): unknown {
  if (set === undefined || message === null || typeof message !== "object") return message;
  const copy = structuredClone(message);
  for (const { path, value } of set) setPath(copy, path, value);
  return copy;
}
