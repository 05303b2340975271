import { type ForwardDescriptor, type PayloadPath, valueAtPath } from "../protocol.js";
import { callStep } from "./call-state.js";
import type { Engine } from "./engine.js";
import type { Exchange } from "./exchange.js";
import { buildMessage } from "./fill.js";
import { buildForward, forwardEncoding } from "./forward-build.js";
import type { ServerConnection } from "./internal.js";
import { authorizeJoin, checkSession } from "./session-check.js";

/**
 * What the server does for a client key that has no handler (documented in the server README):
 * 1. the session handshake is checked first (`authenticate`, else the insecure development mode, else
 *    refused with the protocol's failure answer: no session opens unchecked);
 * 2. a rooms `join` key puts the sender in the room(s) named at the rooms `room` path that
 *    `authorizeJoin` allows;
 * 3. the session handshake, a rooms `join` key with an answer, and every JSON-RPC request are answered
 *    with a message built from the request, the sender's records and the known lists (members present,
 *    rooms joined), when the answer's schema accepts it (handshake: empty strings and zeros allowed);
 *    a handshake whose answer cannot be built still opens the session;
 * 4. a call step (`x-wiretype-calls`) moves the sender's call along; a call the server refuses itself
 *    (busy, no such user) is answered and not forwarded;
 * 5. the spec's forwarding rules run;
 * 6. a rooms `leave` key takes the sender out of the room(s) named, or all its rooms.
 * `approved`: a handler calls this after its own check, so the handshake is not checked again.
 * Asynchronous only when an application hook is.
 */
export function runDefaults(exchange: Exchange, approved = false): void | Promise<void> {
  const { engine, connection, inbound } = exchange;
  const isHandshake = engine.descriptor.session?.handshake === inbound.key && !connection.authenticated;
  if (!isHandshake || approved) return openAndJoin(exchange, isHandshake, undefined);
  exchange.untouched = false;
  return after(checkSession(exchange), (verdict) => {
    if (verdict === false) return exchange.fail({ message: `${inbound.key} refused`, kind: "session-refused" });
    return openAndJoin(exchange, true, typeof verdict === "string" ? verdict : undefined);
  });
}

const noRooms: readonly string[] = [];

/** Calls `next` with the value, at once or once the promise settles. */
function after<T>(value: T | Promise<T>, next: (settled: T) => void | Promise<void>): void | Promise<void> {
  return value instanceof Promise ? value.then(next) : next(value);
}

function openAndJoin(exchange: Exchange, isHandshake: boolean, presenceKey: string | undefined): void | Promise<void> {
  const { engine, inbound } = exchange;
  const rooms = engine.descriptor.rooms;
  const requested =
    rooms?.join.side === "client" && rooms.join.key === inbound.key ? roomNames(engine, inbound.message) : noRooms;
  if (requested.length === 0) return finishDefaults(exchange, requested, isHandshake, presenceKey);
  exchange.untouched = false;
  const decisions = requested.map((room) => authorizeJoin(exchange, room));
  const allowed = (verdicts: readonly boolean[]) => requested.filter((_, index) => verdicts[index] === true);
  if (decisions.some((decision) => decision instanceof Promise)) {
    return Promise.all(decisions).then((verdicts) =>
      finishDefaults(exchange, allowed(verdicts), isHandshake, presenceKey),
    );
  }
  return finishDefaults(exchange, allowed(decisions as boolean[]), isHandshake, presenceKey);
}

function finishDefaults(
  exchange: Exchange,
  joined: readonly string[],
  isHandshake: boolean,
  presenceKey: string | undefined,
): void {
  const { engine, connection, inbound } = exchange;
  const rooms = engine.descriptor.rooms;
  for (const room of joined) exchange.join(room);
  // The session opens before its answer goes out, under the presence key the check chose.
  if (isHandshake && !connection.authenticated) exchange.authenticate(presenceKey);
  const isCall = inbound.rpcId !== undefined;
  if (!exchange.answered && (isHandshake || joined.length > 0 || isCall)) {
    const answer = defaultAnswer(exchange, joined, isHandshake);
    if (answer !== undefined) exchange.reply(answer);
  }
  if (!callStep(exchange)) forward(exchange);
  if (rooms?.leave.side === "client" && rooms.leave.key === inbound.key) {
    const named = roomNames(engine, inbound.message);
    for (const room of named.length > 0 ? named : [...connection.rooms]) exchange.leave(room);
  }
}

/** The room(s) a message names at the rooms `room` path (a name or a list of names). */
export function roomNames(engine: Engine, message: unknown): string[] {
  const path = engine.descriptor.rooms?.room;
  return path === undefined ? [] : namesAt(message, path);
}

function namesAt(message: unknown, path: PayloadPath): string[] {
  const value = valueAtPath(message, path);
  const names = Array.isArray(value) ? value : [value];
  return names.filter((name) => typeof name === "string" || typeof name === "number").map(String);
}

function defaultAnswer(exchange: Exchange, joined: readonly string[], lenient: boolean): unknown {
  const { engine, connection, inbound } = exchange;
  const { descriptor, registry } = engine;
  const others = joined.flatMap((room) => registry.members(room).filter((member) => member !== connection));
  const collections =
    joined.length > 0
      ? [joined, others.map((member) => member.roomRecords.get(joined[0] ?? ""))]
      : [registry.presentRecords(connection)];
  const options = { sources: [inbound.message, ...connection.records()], collections, lenient };
  const replies = engine.client.replies(inbound.key);
  if (descriptor.framing.kind === "json-rpc") {
    const schema = replies?.result?.schema;
    return schema && buildMessage(schema, inbound.message, options);
  }
  const success = lenient ? (descriptor.session?.success ?? []) : [];
  const keys = [...success, ...(replies?.keys ?? []).filter((key) => !replies?.failures.includes(key))];
  for (const key of keys) {
    const schema = engine.server.schema(key);
    const built =
      schema && buildMessage(schema, engine.serverKeyed(key, inbound.message), { ...options, lenient: true });
    if (built !== undefined) return built;
  }
  return undefined;
}

/** The spec's forwarding rules for the received key; `onPeerMissing` when nobody received anything. */
export function forward(exchange: Exchange): void {
  const { engine, connection, inbound } = exchange;
  const rules = Object.hasOwn(engine.descriptor.forward, inbound.key)
    ? engine.descriptor.forward[inbound.key]
    : undefined;
  if (rules === undefined) return;
  // What each rule sent to whom, so two rules never send one connection the same key twice (kept only
  // when there are several rules: the common single rule needs no bookkeeping).
  let sent: { readonly as: string; readonly to: readonly ServerConnection[] }[] | undefined;
  let missing: { rule: ForwardDescriptor; peer: string }[] | undefined;
  let delivered = false;
  for (const rule of rules) {
    if (rule.when !== undefined && valueAtPath(inbound.message, rule.when.path) !== rule.when.equals) continue;
    const targets = recipients(exchange, rule);
    if (typeof targets === "string") {
      missing ??= [];
      missing.push({ rule, peer: targets });
      continue;
    }
    const seen = sent === undefined ? undefined : reachedWith(sent, rule.as);
    const fresh = freshTargets(targets, rule.includeSender ? undefined : connection, seen);
    if (fresh.length === 0) continue;
    const message = buildForward(exchange, rule);
    if (message === undefined) {
      engine.emit(
        "error",
        connection,
        new Error(`cannot build ${rule.as} from ${inbound.key}: the schemas do not fit`),
      );
      continue;
    }
    if (rules.length > 1) {
      sent ??= [];
      sent.push({ as: rule.as, to: fresh });
    }
    const encoded = forwardEncoding(exchange, message);
    engine.deliver(fresh, rule.as, message, undefined, encoded?.text, encoded?.bytes);
    delivered = true;
  }
  if (delivered || missing === undefined) return;
  for (const { rule, peer } of missing) {
    engine.options.onPeerMissing?.({
      connection,
      key: inbound.key,
      message: inbound.message,
      as: rule.as as never,
      peer,
    });
  }
}

/** The targets but the sender (when left out) and those an earlier rule reached; the list itself when none is. */
function freshTargets(
  targets: readonly ServerConnection[],
  sender: ServerConnection | undefined,
  seen: Set<string> | undefined,
): readonly ServerConnection[] {
  let fresh: ServerConnection[] | undefined;
  for (let index = 0; index < targets.length; index += 1) {
    const target = targets[index] as ServerConnection;
    const skipped = target === sender || seen?.has(target.id) === true;
    if (skipped) fresh ??= targets.slice(0, index);
    else fresh?.push(target);
  }
  return fresh ?? targets;
}

/** The ids an earlier rule sent `key` to (none: undefined). */
function reachedWith(
  sent: readonly { as: string; to: readonly ServerConnection[] }[],
  key: string,
): Set<string> | undefined {
  let ids: Set<string> | undefined;
  for (const { as, to } of sent) {
    if (as !== key) continue;
    ids ??= new Set();
    for (const target of to) ids.add(target.id);
  }
  return ids;
}

/** Who a rule reaches, or the peer value looked up in vain. */
function recipients(exchange: Exchange, rule: ForwardDescriptor): readonly ServerConnection[] | string {
  const { engine, connection, inbound } = exchange;
  if (rule.to === "everyone") return engine.everyone();
  if (rule.to === "room") {
    // The rule's own room path (verto's `eventChannel`), else the spec's rooms path, else the sender's rooms.
    const rulePath = (rule as { readonly room?: PayloadPath }).room;
    const named = rulePath ? namesAt(inbound.message, rulePath) : roomNames(engine, inbound.message);
    const rooms = named.length > 0 ? named : [...connection.rooms];
    // One room's audience has each member once already (the common case: no Set to build).
    if (rooms.length === 1) return engine.roomAudience(rooms[0] as string);
    return [...new Set(rooms.flatMap((room) => engine.roomAudience(room)))];
  }
  const value = valueAtPath(inbound.message, rule.peer ?? []);
  if (typeof value !== "string" && typeof value !== "number") return "";
  const present = engine.registry.present(String(value));
  return present.length > 0 ? present : String(value);
}
