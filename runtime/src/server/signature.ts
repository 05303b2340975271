import { describeValue } from "../frame-error.js";
import { phpJsonSign } from "../sign/php-json.js";
import type { Inbound } from "./internal.js";
import type { FrameRefusal } from "./types.js";
import type { AnyDescriptor } from "./view.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The spec's client signature (`x-wiretype-signature`, `appliesTo: client`) checked on a client frame
 * that carries the field: a refusal when it does not match what the frame hashes to. Frames without the
 * field are left to validation (a schema that requires it refuses them there).
 */
export function signatureRefusal(descriptor: AnyDescriptor, inbound: Inbound): FrameRefusal | undefined {
  const signature = descriptor.signature;
  const message = inbound.message;
  if (signature?.appliesTo !== "client" || !isRecord(message) || !(signature.field in message)) return undefined;
  const received = message[signature.field];
  const expected = phpJsonSign(message, signature.field);
  if (received === expected) return undefined;
  return {
    kind: "bad-signature",
    summary: `${inbound.key}: ${signature.field} does not match the frame (expected ${expected})`,
    issues: [{ path: signature.field, expected, received: describeValue(received), message: "wrong signature" }],
    messageName: inbound.key,
    frame: message,
  };
}
