import type { ServerConnection } from "../internal.js";

/** What other nodes know of one member: its session, presence and rooms with their records. */
export interface MemberRecord {
  readonly id: string;
  readonly authenticated: boolean;
  readonly presenceKey?: string | undefined;
  readonly presenceRecord?: unknown;
  /** Each room with the member's join record (null when it has none). */
  readonly rooms: readonly (readonly [string, unknown])[];
}

/** One call between two presence values, as the call book keeps it. */
export interface CallRecord {
  readonly caller: string;
  readonly callee: string;
  readonly state: "ringing" | "connected";
}

/** What nodes tell each other on the events channel. */
export type ClusterMessage =
  | { readonly op: "upsert"; readonly node: string; readonly member: MemberRecord }
  | { readonly op: "remove"; readonly node: string; readonly id: string }
  | { readonly op: "hello" | "bye"; readonly node: string }
  | { readonly op: "call"; readonly node: string; readonly call: CallRecord }
  | { readonly op: "call-end"; readonly node: string; readonly call: CallRecord };

/** The Redis keys and channels of one deployment (`prefix`) and node. */
export class ClusterKeys {
  readonly nodes: string;
  readonly events: string;
  readonly calls: string;

  constructor(readonly prefix: string) {
    this.nodes = `${prefix}nodes`;
    this.events = `${prefix}events`;
    this.calls = `${prefix}calls`;
  }

  /** Exists (with a TTL) while the node is alive. */
  alive(node: string): string {
    return `${this.prefix}alive:${node}`;
  }

  /** Hash of the node's members: connection id → MemberRecord JSON. */
  members(node: string): string {
    return `${this.prefix}members:${node}`;
  }

  /** The channel of deliveries to the node's connections. */
  inbox(node: string): string {
    return `${this.prefix}to:${node}`;
  }
}

export function memberRecord(connection: ServerConnection): MemberRecord {
  const rooms = [...connection.rooms].map((room) => [room, connection.roomRecords.get(room) ?? null] as const);
  return {
    id: connection.id,
    authenticated: connection.authenticated,
    presenceKey: connection.presenceKey,
    presenceRecord: connection.presenceRecord,
    rooms,
  };
}

/** Whether other nodes need to know the connection: it can be reached by presence, room or broadcast. */
export function isShared(connection: ServerConnection): boolean {
  return connection.authenticated || connection.presenceKey !== undefined || connection.rooms.size > 0;
}

/**
 * Deliveries to one node, in order, in one message: for each, the recipients' ids, a newline, the
 * text's length, a newline, and the frame's text as it goes on the wire (which may hold newlines).
 */
export function deliveryPayload(deliveries: readonly { readonly ids: readonly string[]; readonly text: string }[]) {
  let payload = "";
  for (const { ids, text } of deliveries) payload += `${ids.join(",")}\n${text.length}\n${text}`;
  return payload;
}

export interface Delivery {
  readonly ids: string[];
  readonly text: string;
}

/** The deliveries of a message, or those before the first malformed one. */
export function parseDeliveries(payload: string): Delivery[] {
  const deliveries: Delivery[] = [];
  let at = 0;
  while (at < payload.length) {
    const idsEnd = payload.indexOf("\n", at);
    const lengthEnd = idsEnd < 0 ? -1 : payload.indexOf("\n", idsEnd + 1);
    const length = Number(payload.slice(idsEnd + 1, lengthEnd));
    if (lengthEnd < 0 || !Number.isInteger(length) || length < 0) break;
    const text = payload.slice(lengthEnd + 1, lengthEnd + 1 + length);
    deliveries.push({ ids: payload.slice(at, idsEnd).split(","), text });
    at = lengthEnd + 1 + length;
  }
  return deliveries;
}

/** A member record read from Redis, or undefined when it is not one (another version, a stray key). */
export function parseMember(json: string): MemberRecord | undefined {
  const value = parseJson(json);
  return isMember(value) ? value : undefined;
}

export function parseMessage(json: string): ClusterMessage | undefined {
  const value = parseJson(json);
  if (!isObject(value) || typeof value.node !== "string") return undefined;
  switch (value.op) {
    case "upsert":
      return isMember(value.member) ? (value as ClusterMessage) : undefined;
    case "remove":
      return typeof value.id === "string" ? (value as ClusterMessage) : undefined;
    case "hello":
    case "bye":
      return value as ClusterMessage;
    case "call":
    case "call-end":
      return isCall(value.call) ? (value as ClusterMessage) : undefined;
    default:
      return undefined;
  }
}

export function parseCall(json: string): CallRecord | undefined {
  const value = parseJson(json);
  return isCall(value) ? value : undefined;
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isMember(value: unknown): value is MemberRecord {
  return (
    isObject(value) &&
    typeof value.id === "string" &&
    typeof value.authenticated === "boolean" &&
    (value.presenceKey === undefined || typeof value.presenceKey === "string") &&
    Array.isArray(value.rooms) &&
    value.rooms.every((room) => Array.isArray(room) && typeof room[0] === "string")
  );
}

function isCall(value: unknown): value is CallRecord {
  return (
    isObject(value) &&
    typeof value.caller === "string" &&
    typeof value.callee === "string" &&
    (value.state === "ringing" || value.state === "connected")
  );
}
