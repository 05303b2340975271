import type { RpcId } from "../json-rpc.js";
import { valueAtPath } from "../protocol.js";
import type { LooseDescriptor } from "./loose.js";
import { newCorrelationValue, withValueAt } from "./outbound.js";
import type { PendingRequest } from "./pending.js";
import { replyEventNames } from "./replies.js";

export interface RequestInput {
  readonly key: string;
  readonly message: unknown;
  readonly rpcId: RpcId | undefined;
  /** Answer keys beyond the spec's replies (the session's success and failure keys for a handshake). */
  readonly extraReplies: readonly string[];
  readonly extraFailures: readonly string[];
}

/**
 * A request to register, and the message to send for it: with a correlation value when the spec
 * correlates this key and the message has none (a fresh unique one, e.g. Socket.IO `transaction`).
 */
export function buildRequest(
  descriptor: LooseDescriptor,
  input: RequestInput,
): { request: PendingRequest; payload: unknown } {
  const { key, rpcId } = input;
  const replies = descriptor.client.replies[key];
  const path = descriptor.client.correlation[key];
  let payload = input.message;
  let correlation: string | undefined;
  if (path !== undefined) {
    const existing = valueAtPath(payload, path);
    correlation = typeof existing === "string" || typeof existing === "number" ? String(existing) : undefined;
    if (correlation === undefined) {
      correlation = newCorrelationValue();
      payload = withValueAt(payload, path, correlation);
    }
  }
  const replyKeys = new Set([...(replies?.keys ?? []), ...input.extraReplies]);
  const failureKeys = new Set([...(replies?.failures ?? []), ...input.extraFailures]);
  const request: PendingRequest = {
    key,
    replyKeys,
    failureKeys,
    replyEvents: replyEventNames(descriptor, key, replyKeys, payload, correlation),
    ...(rpcId === undefined ? {} : { rpcId }),
    ...(correlation === undefined ? {} : { correlation }),
  };
  return { request, payload };
}
