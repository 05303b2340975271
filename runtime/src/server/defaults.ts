import { type ForwardDescriptor, type PayloadPath, valueAtPath } from "../protocol.js";
import type { Engine } from "./engine.js";
import type { Exchange } from "./exchange.js";
import { buildMessage } from "./fill.js";
import { withForwardValues } from "./forward-values.js";
import type { ServerConnection } from "./internal.js";

/**
 * What the server does for a client key that has no handler (documented in the server README):
 * 1. a rooms `join` key puts the sender in the room(s) named at the rooms `room` path;
 * 2. the session handshake, a rooms `join` key with an answer, and every JSON-RPC request are answered
 *    with a message built from the request, the sender's records and the known lists (members present,
 *    rooms joined), when the answer's schema accepts it (handshake: empty strings and zeros allowed);
 *    a handshake whose answer cannot be built still opens the session;
 * 3. the spec's forwarding rules run;
 * 4. a rooms `leave` key takes the sender out of the room(s) named, or all its rooms.
 */
export function runDefaults(exchange: Exchange): void {
  const { engine, connection, inbound } = exchange;
  const { descriptor } = engine;
  const rooms = descriptor.rooms;
  const joined =
    rooms?.join.side === "client" && rooms.join.key === inbound.key ? roomNames(engine, inbound.message) : [];
  for (const room of joined) engine.registry.join(connection, room, inbound.message);
  const isHandshake = descriptor.session?.handshake === inbound.key && !connection.authenticated;
  const isCall = inbound.rpcId !== undefined;
  if (!exchange.answered && (isHandshake || joined.length > 0 || isCall)) {
    const answer = defaultAnswer(exchange, joined, isHandshake);
    if (answer !== undefined) exchange.reply(answer);
  }
  if (isHandshake && !connection.authenticated) exchange.authenticate();
  forward(exchange);
  if (rooms?.leave.side === "client" && rooms.leave.key === inbound.key) {
    const named = roomNames(engine, inbound.message);
    for (const room of named.length > 0 ? named : [...connection.rooms]) engine.registry.leave(connection, room);
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
    ? (engine.descriptor.forward[inbound.key] ?? [])
    : [];
  const reached = new Map<string, Set<string>>();
  const missing: { rule: ForwardDescriptor; peer: string }[] = [];
  for (const rule of rules) {
    if (rule.when !== undefined && valueAtPath(inbound.message, rule.when.path) !== rule.when.equals) continue;
    const targets = recipients(exchange, rule);
    if (typeof targets === "string") {
      missing.push({ rule, peer: targets });
      continue;
    }
    const seen = reached.get(rule.as) ?? new Set();
    reached.set(rule.as, seen);
    const fresh = targets.filter((target) => (rule.includeSender || target !== connection) && !seen.has(target.id));
    if (fresh.length === 0) continue;
    const message = withForwardValues(forwardedMessage(exchange, rule.as), rule.set);
    if (message === undefined) {
      engine.emit(
        "error",
        connection,
        new Error(`cannot build ${rule.as} from ${inbound.key}: the schemas do not fit`),
      );
      continue;
    }
    for (const target of fresh) seen.add(target.id);
    engine.deliver(fresh, rule.as, message);
  }
  const delivered = [...reached.values()].some((ids) => ids.size > 0);
  if (delivered) return;
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

/** Who a rule reaches, or the peer value looked up in vain. */
function recipients(exchange: Exchange, rule: ForwardDescriptor): ServerConnection[] | string {
  const { engine, connection, inbound } = exchange;
  if (rule.to === "everyone") return engine.everyone();
  if (rule.to === "room") {
    // The rule's own room path (verto's `eventChannel`), else the spec's rooms path, else the sender's rooms.
    const rulePath = (rule as { readonly room?: PayloadPath }).room;
    const named = rulePath ? namesAt(inbound.message, rulePath) : roomNames(engine, inbound.message);
    const rooms = named.length > 0 ? named : [...connection.rooms];
    return [...new Set(rooms.flatMap((room) => engine.registry.members(room)))];
  }
  const value = valueAtPath(inbound.message, rule.peer ?? []);
  if (typeof value !== "string" && typeof value !== "number") return "";
  const present = engine.registry.present(String(value));
  return present.length > 0 ? present : String(value);
}

/** A member a forward had to add: filled from the sources, else the value the first full build chose. */
interface LearntMember {
  readonly member: string;
  readonly fallback: unknown;
}

/** Members each (received key → `as` key) forward had to add: learnt once per engine, reused after. */
const forwardPatches = new WeakMap<Engine, Map<string, readonly LearntMember[]>>();

/**
 * The message recipients get: the received frame, re-keyed, keeping only the members the `as` message
 * declares (what the sender did not address to the recipients, such as a join's `token`, stays with the
 * server). When that is not yet a valid `as` message, the members the first full build had to add are
 * remembered and filled the same way next time (from the received message, then the sender's records,
 * then the value the build chose), checked with the compiled guard; only when that fails does the slow
 * schema-driven build run again.
 */
function forwardedMessage(exchange: Exchange, as: string): unknown {
  const { engine, connection, inbound } = exchange;
  const schema = engine.server.schema(as);
  const declared = schema === undefined ? undefined : declaredMembers(schema);
  const guard = engine.server.guard(as);
  const sources = [inbound.message, ...connection.records()];
  if (declared !== undefined && guard !== undefined) {
    // Only what the forwarded message declares is passed on (a join's `token` stays with the server).
    const candidate = pick(engine.serverKeyed(as, inbound.message) as Record<string, unknown>, declared);
    if (guard(candidate)) return candidate;
    for (const { member, fallback } of learntFor(engine).get(`${inbound.key} ${as}`) ?? []) {
      candidate[member] = memberFrom(sources, member, fallback);
    }
    if (guard(candidate)) return candidate;
  }
  const built = schema && buildMessage(schema, engine.serverKeyed(as, inbound.message), { sources, lenient: true });
  if (built !== null && typeof built === "object") {
    const record = built as Record<string, unknown>;
    const added = Object.keys(record).filter((member) => !Object.hasOwn(inbound.message as object, member));
    // A member the build composed from the sources (kurento `member` from userId/video/audio) differs
    // per message: its value cannot be learnt, so such forwards are built in full every time.
    if (added.some((member) => isComposed(record[member]))) return built;
    learntFor(engine).set(
      `${inbound.key} ${as}`,
      added.map((member) => ({ member, fallback: record[member] })),
    );
  }
  return built;
}

function learntFor(engine: Engine): Map<string, readonly LearntMember[]> {
  let learnt = forwardPatches.get(engine);
  if (learnt === undefined) {
    learnt = new Map();
    forwardPatches.set(engine, learnt);
  }
  return learnt;
}

const declaredCache = new WeakMap<object, readonly string[] | null>();

/** The top-level members an object schema declares (zod's `shape`); null for other schemas. */
function declaredMembers(schema: object): readonly string[] | undefined {
  let members = declaredCache.get(schema);
  if (members === undefined) {
    const shape = (schema as { shape?: unknown }).shape;
    members = shape !== null && typeof shape === "object" ? Object.keys(shape) : null;
    declaredCache.set(schema, members);
  }
  return members ?? undefined;
}

function pick(source: Record<string, unknown>, members: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const member of members) if (Object.hasOwn(source, member)) picked[member] = source[member];
  return picked;
}

/** A non-empty object or list: built from the message, not a constant. */
function isComposed(value: unknown): boolean {
  return value !== null && typeof value === "object" && Object.keys(value).length > 0;
}

function memberFrom(sources: readonly unknown[], member: string, fallback: unknown): unknown {
  for (const source of sources) {
    if (source !== null && typeof source === "object" && Object.hasOwn(source, member)) {
      return (source as Record<string, unknown>)[member];
    }
  }
  // A learnt list or object must not be shared between messages.
  return fallback !== null && typeof fallback === "object" ? structuredClone(fallback) : fallback;
}
