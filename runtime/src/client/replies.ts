import { eventPattern } from "../dispatch.js";
import { type PayloadPath, valueAtPath } from "../protocol.js";
import type { Connection } from "./connection.js";
import type { LooseDescriptor } from "./loose.js";
import type { PendingRequest } from "./pending.js";

/** An answer as received: its key (templates resolved), the concrete event name, the message. */
export interface ReceivedAnswer {
  readonly key: string;
  readonly event: string;
  readonly message: unknown;
}

function scalar(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** Fills an event template (`socket-api-error-{transaction}`) from `values`, or undefined if one is missing. */
export function fillTemplate(template: string, values: (field: string) => string | undefined): string | undefined {
  let complete = true;
  const filled = template.replace(/\{([^}]+)\}/g, (_, field: string) => {
    const value = values(field);
    if (value === undefined) complete = false;
    return value ?? "";
  });
  return complete ? filled : undefined;
}

/**
 * The correlation value an answer carries for `request`, read where the spec puts it: the answer's own
 * correlation path, the placeholder of its event template named like the request's correlation field,
 * or the request's correlation path in the answer.
 */
function answerCorrelation(
  descriptor: LooseDescriptor,
  requestPath: PayloadPath,
  answer: ReceivedAnswer,
): string | undefined {
  const answerPath = descriptor.server.correlation[answer.key];
  if (answerPath !== undefined) {
    const value = scalar(valueAtPath(answer.message, answerPath));
    if (value !== undefined) return value;
  }
  const template = descriptor.server.eventPatterns[answer.key];
  const field = requestPath[requestPath.length - 1];
  const index = field === undefined ? -1 : (template?.fields.indexOf(field) ?? -1);
  if (template !== undefined && index >= 0)
    return eventPattern(template.template).pattern.exec(answer.event)?.[index + 1];
  return scalar(valueAtPath(answer.message, requestPath));
}

/** Whether `answer` answers `request`: its key is an answer key, and correlation values (when both have one) agree. */
export function answers(descriptor: LooseDescriptor, request: PendingRequest, answer: ReceivedAnswer): boolean {
  if (!request.replyKeys.has(answer.key)) return false;
  const requestPath = descriptor.client.correlation[request.key];
  if (request.correlation === undefined || requestPath === undefined) return true;
  const value = answerCorrelation(descriptor, requestPath, answer);
  return value === undefined || value === request.correlation;
}

/** The concrete event names of a request's templated answers (what Socket.IO 2.x must listen to). */
export function replyEventNames(
  descriptor: LooseDescriptor,
  key: string,
  replyKeys: Iterable<string>,
  message: unknown,
  correlation: string | undefined,
): string[] {
  const path = descriptor.client.correlation[key];
  const correlationField = path?.[path.length - 1];
  const names: string[] = [];
  for (const replyKey of replyKeys) {
    const template = descriptor.server.eventPatterns[replyKey];
    if (template === undefined) continue;
    const filled = fillTemplate(template.template, (field) =>
      field === correlationField && correlation !== undefined ? correlation : scalar(valueAtPath(message, [field])),
    );
    if (filled !== undefined) names.push(filled);
  }
  return names;
}

/** Every templated server event name a sent message's own fields fill in (`socket-api-error-<transaction>`). */
export function templatedEventNames(descriptor: LooseDescriptor, message: unknown): string[] {
  return replyEventNames(descriptor, "", Object.keys(descriptor.server.eventPatterns), message, undefined);
}

/**
 * Socket.IO 2.x has no `onAny`: the events a sent message names (`socket-api-error-<transaction>`) are
 * listened to for a request timeout, so `on(template)` hears them, also after a request settled.
 */
export function watchNamedEvents(
  descriptor: LooseDescriptor,
  connection: Connection,
  payload: unknown,
  forMs: number,
): void {
  const names = templatedEventNames(descriptor, payload);
  if (names.length === 0) return;
  const unwatch = names.map((name) => connection.watch(name));
  const stop = () => {
    for (const each of unwatch) each();
  };
  const timer: unknown = setTimeout(stop, forMs);
  (timer as { unref?: () => void }).unref?.();
}
