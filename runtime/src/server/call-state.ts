import { type CallAnswer, type CallStep, type CallsDescriptor, valueAtPath } from "../protocol.js";
import { buildCallAnswer } from "./call-answer.js";
import { callSyncOf } from "./cluster/hooks.js";
import type { Engine } from "./engine.js";
import type { Exchange } from "./exchange.js";
import { setCreating } from "./forward-build.js";
import type { ServerConnection } from "./internal.js";

/** One call between two presence values: asked (ringing) or answered (connected). */
export interface Call {
  readonly caller: string;
  readonly callee: string;
  state: "ringing" | "connected";
}

/** Calls per engine, by each side's presence value (both sides point at the same call). */
const books = new WeakMap<Engine, Map<string, Call>>();

function bookOf(engine: Engine): Map<string, Call> {
  let book = books.get(engine);
  if (book === undefined) {
    book = new Map();
    books.set(engine, book);
  }
  return book;
}

/** The call a presence value is in, if any. */
export function callOf(engine: Engine, presenceKey: string): Call | undefined {
  return books.get(engine)?.get(presenceKey);
}

/**
 * Moves the sender's call along for a call step (`x-wiretype-calls`). Returns true when the server
 * answered the caller itself (busy, no such user): then nothing is forwarded.
 */
export function callStep(exchange: Exchange): boolean {
  const { engine, connection, inbound } = exchange;
  const calls = engine.descriptor.calls;
  const self = connection.presenceKey;
  if (calls === undefined || self === undefined) return false;
  const peerValue = valueAtPath(inbound.message, calls.peer);
  if (typeof peerValue !== "string" && typeof peerValue !== "number") return false;
  const peer = String(peerValue);
  if (matches(calls.start, exchange)) return start(exchange, calls, self, peer);
  const call = callOf(engine, self);
  const withPeer = call !== undefined && (call.caller === peer || call.callee === peer) ? call : undefined;
  if (withPeer !== undefined && matches(calls.answer, exchange)) {
    withPeer.state = "connected";
    callSyncOf(engine)?.changed(withPeer);
  }
  if (withPeer !== undefined && matches(calls.end, exchange)) forget(engine, withPeer);
  return false;
}

function start(exchange: Exchange, calls: CallsDescriptor, self: string, peer: string): boolean {
  const { engine } = exchange;
  if (engine.registry.present(peer).length === 0) {
    return calls.absent === undefined ? false : answer(exchange, calls.absent, self, peer);
  }
  const book = bookOf(engine);
  const isOther = (call: Call | undefined) =>
    call !== undefined &&
    !(new Set([call.caller, call.callee]).has(self) && new Set([call.caller, call.callee]).has(peer));
  if (isOther(book.get(peer)) || isOther(book.get(self))) return answer(exchange, calls.busy, self, peer);
  const call: Call = { caller: self, callee: peer, state: "ringing" };
  book.set(self, call);
  book.set(peer, call);
  callSyncOf(engine)?.changed(call);
  return false;
}

function answer(exchange: Exchange, spec: CallAnswer, self: string, peer: string): boolean {
  const message = buildCallAnswer(exchange, spec, self, peer);
  if (message === undefined) {
    exchange.engine.emit("error", exchange.connection, new Error(`cannot build ${spec.key} for a refused call`));
    return false;
  }
  exchange.engine.deliver([exchange.connection], spec.key, message);
  exchange.answered = true;
  return true;
}

function matches(steps: readonly CallStep[], exchange: Exchange): boolean {
  const { key, message } = exchange.inbound;
  return steps.some(
    (step) =>
      step.key === key && (step.when === undefined || valueAtPath(message, step.when.path) === step.when.equals),
  );
}

function forget(engine: Engine, call: Call): void {
  const book = bookOf(engine);
  for (const side of [call.caller, call.callee]) if (book.get(side) === call) book.delete(side);
  callSyncOf(engine)?.ended(call);
}

/** Every call in the book, each once (a cluster node republishes them after Redis lost its data). */
export function allCalls(engine: Engine): Call[] {
  return [...new Set(books.get(engine)?.values() ?? [])];
}

/** Another node's call change: the book follows without telling the cluster again. */
export function mirrorCall(engine: Engine, record: { caller: string; callee: string; state: Call["state"] }): void {
  const book = bookOf(engine);
  const known = book.get(record.caller);
  if (known !== undefined && known.callee === record.callee) {
    known.state = record.state;
    return;
  }
  const call: Call = { ...record };
  book.set(call.caller, call);
  book.set(call.callee, call);
}

/** Another node's call ended (or its node died): forgotten here too. */
export function mirrorCallEnd(engine: Engine, record: { caller: string; callee: string }): void {
  const book = bookOf(engine);
  for (const side of [record.caller, record.callee]) {
    const call = book.get(side);
    if (call?.caller === record.caller && call.callee === record.callee) book.delete(side);
  }
}

/**
 * A member whose last connection goes away leaves its call: the other side is free to take calls again
 * and, when the spec names a `dropped` message, is told the call ended.
 */
export function leaveCalls(engine: Engine, connection: ServerConnection): void {
  const self = connection.presenceKey;
  const call = self === undefined ? undefined : callOf(engine, self);
  if (self === undefined || call === undefined) return;
  const stillHere = engine.registry.present(self).some((other) => other !== connection && !other.closed);
  if (stillHere) return;
  forget(engine, call);
  const dropped = engine.descriptor.calls?.dropped;
  if (dropped !== undefined) tellDropped(engine, connection, dropped, call.caller === self ? call.callee : call.caller);
}

/** The `dropped` message to every connection of the side that stays. */
function tellDropped(engine: Engine, left: ServerConnection, spec: CallAnswer, stays: string): void {
  const message = engine.serverKeyed(spec.key, {}) as Record<string, unknown>;
  for (const { path, value } of spec.set) setCreating(message, path, value);
  if (spec.self !== undefined) setCreating(message, spec.self, stays);
  if (spec.peer !== undefined) setCreating(message, spec.peer, left.presenceKey);
  const guard = engine.server.guard(spec.key);
  if (guard !== undefined && !guard(message)) {
    engine.emit("error", left, new Error(`cannot build ${spec.key} for a dropped call`));
    return;
  }
  engine.deliver(engine.registry.present(stays), spec.key, message);
}
