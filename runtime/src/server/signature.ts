import { describeValue } from "../frame-error.js";
import { phpJsonSign, phpSignText } from "../sign/php-json.js";
import type { Inbound } from "./internal.js";
import type { FrameRefusal } from "./types.js";
import type { AnyDescriptor } from "./view.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * What the PHP reference server computes for the frame: from its raw text when the transport kept it
 * (PHP's result depends on the text's key order), else from the decoded value. Undefined when PHP could
 * not decode the frame, or anything goes wrong: that frame is refused, never a thrown error.
 */
function expectedSignature(inbound: Inbound, message: Record<string, unknown>, field: string): string | undefined {
  try {
    return inbound.text === undefined ? phpJsonSign(message, field) : phpSignText(inbound.text, field);
  } catch {
    return undefined;
  }
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
  const expected = expectedSignature(inbound, message, signature.field);
  if (expected !== undefined && received === expected) return undefined;
  const shown = expected ?? "nothing: PHP cannot decode this frame";
  return {
    kind: "bad-signature",
    summary: `${inbound.key}: ${signature.field} does not match the frame (expected ${shown})`,
    issues: [{ path: signature.field, expected: shown, received: describeValue(received), message: "wrong signature" }],
    messageName: inbound.key,
    frame: message,
  };
}

/**
 * A frame refused only because it lacks the client signature the spec requires: the reference server
 * checks the signature before anything else and drops such a frame unanswered (wsyandy/t1
 * `BaseRequest::checkSign` returns false without `sign`; `SwooleEvents::onMessageEvent` sends nothing back).
 * Returns the refusal as `invalid` listeners see it, or undefined for any other refusal.
 */
export function missingSignature(descriptor: AnyDescriptor, error: FrameRefusal): FrameRefusal | undefined {
  const field = descriptor.signature?.appliesTo === "client" ? descriptor.signature.field : undefined;
  if (field === undefined || error.kind !== "invalid-message") return undefined;
  const missing = describeValue(undefined);
  if (!error.issues.some((issue) => issue.path === field && issue.received === missing)) return undefined;
  return {
    ...error,
    kind: "bad-signature",
    summary: `${error.messageName ?? "frame"}: no ${field} (dropped unanswered)`,
  };
}
