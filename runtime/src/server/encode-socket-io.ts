import { valueAtPath } from "../protocol.js";
import type { Encoder } from "./encoder.js";
import { setPath } from "./encoder.js";
import { buildMessage } from "./fill.js";
import type { Failure, Inbound, Packet, ServerConnection } from "./internal.js";
import { type AnyDescriptor, fillTemplate, type SideView, sideView } from "./view.js";

/** Socket.IO events: the key is the event name; failures go to every failure event the spec lists. */
export function socketIoEncoder(descriptor: AnyDescriptor): Encoder {
  const client = sideView(descriptor.client);
  const server = sideView(descriptor.server);
  const emit = (connection: ServerConnection, event: string, data: unknown) => connection.link.deliver({ event, data });

  /** The event name of a server key: a template is filled from the request (its `transaction`). */
  const eventOf = (key: string, request: unknown) => {
    const fields = server.patternFields(key);
    return fields === undefined ? key : fillTemplate(key, fields, request);
  };

  const sendFailure = (
    connection: ServerConnection,
    keys: readonly string[],
    event: string,
    request: unknown,
    message: string,
  ) => {
    for (const key of keys) {
      const name = eventOf(key, request);
      const schema = server.schema(key);
      const built = schema && buildMessage(schema, {}, { sources: [{ event, message }], lenient: true });
      if (name !== undefined && built !== undefined) emit(connection, name, built);
    }
  };

  return {
    push: (connection, key, message) => emit(connection, key, message),
    packet: (key, message) => ({ event: key, data: message }),
    reply(connection, inbound, answer) {
      const key = answerKey(server, client.replies(inbound.key)?.keys ?? [], answer);
      const event = key === undefined ? undefined : eventOf(key, inbound.message);
      if (key === undefined || event === undefined) return undefined;
      const from = client.correlation(inbound.key);
      const to = server.correlation(key);
      if (from && to) setPath(answer, to, valueAtPath(inbound.message, from));
      emit(connection, event, answer);
      inbound.ack?.(answer);
      return key;
    },
    fail(connection, inbound: Inbound, failure: Failure) {
      const keys = failureKeys(client, server, inbound.key);
      sendFailure(connection, keys, inbound.event ?? inbound.key, inbound.message, failure.message);
    },
    refuse(connection, refusal) {
      const event = refusal.event ?? refusal.error.messageName ?? "";
      const keys = failureKeys(client, server, event);
      sendFailure(connection, keys, event, refusal.data, refusal.error.summary);
    },
  };
}

/** The failure events that answer a key: its own, else every failure event of the server. */
function failureKeys(client: SideView, server: SideView, key: string): readonly string[] {
  const listed = client.replies(key)?.failures ?? [];
  return listed.length > 0 ? listed : server.failures;
}

/** The first answering key whose schema accepts the answer. */
function answerKey(server: SideView, keys: readonly string[], answer: unknown): string | undefined {
  return keys.find((key) => server.guard(key)?.(answer) === true);
}

/**
 * The part of a namespace the outbox emits through. socket.io 4 only (it has `except`): 2.x's `local` is a
 * flag getter on the namespace itself, and its `to` takes one room at a time, so 2.x emits per socket.
 */
export interface OutboxNamespace {
  /** This node's sockets only: no cluster adapter publish for them. */
  readonly local?: { to(rooms: string[]): { emit(event: string, data: unknown): unknown } };
  readonly except?: unknown;
}

interface OutboxSocket {
  readonly id?: unknown;
  emit(event: string, ...args: unknown[]): unknown;
}

interface Batch {
  readonly packet: Packet;
  readonly sockets: OutboxSocket[];
}

/**
 * What the server emits, at the end of the current task: one packet for several sockets (a broadcast
 * or forward, the engine's shared packet) goes out as one emit to the rooms named by their socket ids,
 * so Socket.IO encodes it once, as a bare `io.to(room).emit` does. Emits keep their order.
 */
export class SocketIoOutbox {
  private batches: Batch[] = [];
  private readonly rooms: OutboxNamespace | undefined;

  constructor(namespace: OutboxNamespace) {
    this.rooms = typeof namespace.except === "function" ? namespace : undefined;
  }

  deliver(socket: OutboxSocket, packet: Packet): void {
    const last = this.batches[this.batches.length - 1];
    if (last?.packet === packet) {
      last.sockets.push(socket);
      return;
    }
    if (this.batches.length === 0) queueMicrotask(() => this.flush());
    this.batches.push({ packet, sockets: [socket] });
  }

  /** Emits what waits (also before a socket is closed, so what was sent to it goes first). */
  flush(): void {
    const batches = this.batches;
    this.batches = [];
    for (const { packet, sockets } of batches) this.emit(sockets, packet.event ?? "message", packet.data);
  }

  private emit(sockets: readonly OutboxSocket[], event: string, data: unknown): void {
    const ids = sockets.map((socket) => socket.id);
    // Each socket is in the room of its own id.
    if (this.rooms?.local && sockets.length > 1 && ids.every((id): id is string => typeof id === "string")) {
      this.rooms.local.to(ids).emit(event, data);
      return;
    }
    for (const socket of sockets) socket.emit(event, data);
  }
}
