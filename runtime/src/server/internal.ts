import type { MessageMap } from "../dispatch.js";
import type { JsonValue } from "../json.js";
import type { RpcErrorObject, RpcId } from "../json-rpc.js";
import type { Connection, FrameRefusal } from "./types.js";

/** What a transport delivers: a Socket.IO event with its data, or a JSON frame's value. */
export interface Packet {
  readonly event?: string;
  readonly data: unknown;
  /** The data's JSON text, when already encoded (once for every recipient; a forward's spliced text). */
  readonly text?: string | undefined;
  /** The text's UTF-8, when a forward made it from the received frame's bytes (sent as they are). */
  readonly bytes?: Uint8Array | undefined;
}

/** One transport connection, as the protocol layer drives it. */
export interface Link {
  /** The transport's own id for the connection (Socket.IO `socket.id`), used as the connection's id. */
  readonly id?: string;
  /** Query parameters of the connection request. */
  readonly query?: Readonly<Record<string, string>>;
  /** Values of the address's `{parameter}` placeholders in the request path. */
  readonly parameters?: Readonly<Record<string, string>>;
  deliver(packet: Packet): void;
  close(code: number, reason: string): void;
}

/** A client message that passed decoding and validation. */
export interface Inbound {
  readonly key: string;
  readonly message: unknown;
  /** The frame's raw text, when the transport kept it: signatures are checked on it, as PHP does. */
  readonly text?: string | undefined;
  /** The bytes `text` was decoded from (a text frame), which a forward passes on without encoding again. */
  readonly bytes?: Uint8Array | undefined;
  /** Socket.IO: the event name as received (templates resolved). */
  readonly event?: string;
  /** JSON-RPC: the request's id; undefined for a notification. */
  readonly rpcId?: RpcId | undefined;
  /** Socket.IO: the client's acknowledgement callback. */
  readonly ack?: ((answer: unknown) => void) | undefined;
}

/** A frame refused before any handler saw it. */
export interface Refusal {
  readonly error: FrameRefusal;
  /** JSON-RPC: the code and id to answer with. */
  readonly rpcCode?: number;
  readonly rpcId?: RpcId | null;
  /** Socket.IO: the event name and data received. */
  readonly event?: string;
  readonly data?: unknown;
}

export type Failure =
  | RpcErrorObject
  | {
      readonly message: string;
      readonly code?: number;
      readonly data?: JsonValue;
      /** Why, for protocols answering with wiretype's error frame (default `handler-failed`). */
      readonly kind?: "session-refused";
    };

export interface PendingRequest {
  readonly key: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  readonly timer: NodeJS.Timeout;
}

/** The server's state for one connection. */
export class ServerConnection<S extends MessageMap = MessageMap> implements Connection<S> {
  authenticated: boolean;
  presenceKey: string | undefined = undefined;
  /** The message that made the connection present (a member record for lists). */
  presenceRecord: unknown;
  readonly rooms = new Set<string>();
  /** The join message per room (member records for lists and for leave messages). */
  readonly roomRecords = new Map<string, unknown>();
  readonly data = new Map<string, unknown>();
  readonly pending = new Map<RpcId, PendingRequest>();
  lastHeard = Date.now();
  closed = false;

  constructor(
    readonly id: string,
    /** Not readonly: a cluster node holds a connection's output behind another link for a round trip. */
    public link: Link,
    authenticated: boolean,
    private readonly push: (connection: ServerConnection<S>, key: string, message: unknown, packet?: Packet) => void,
  ) {
    this.authenticated = authenticated;
  }

  get query(): Readonly<Record<string, string>> {
    return this.link.query ?? {};
  }

  get parameters(): Readonly<Record<string, string>> {
    return this.link.parameters ?? {};
  }

  send(key: string, message: unknown): void {
    if (!this.closed) this.push(this, key, message);
  }

  /** Sends a message already encoded for several recipients (the same packet for each). */
  sendPacket(key: string, message: unknown, packet: Packet): void {
    if (!this.closed) this.push(this, key, message, packet);
  }

  close(code = 1000, reason = ""): void {
    this.link.close(code, reason);
  }

  /** What the connection is known by for default messages: its join and presence records. */
  records(): unknown[] {
    return [...this.roomRecords.values(), this.presenceRecord].filter((record) => record !== undefined);
  }
}
