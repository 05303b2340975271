import type { z } from "zod";
import type { EventDispatch, GuardTable, KeyedDispatch, MessageMap, ShapeDispatch, Validators } from "./dispatch.js";
import type { JsonValue } from "./json.js";
import type { RpcDispatch } from "./json-rpc.js";

/**
 * What a generated package tells the runtime about its protocol (`src/protocol.gen.ts`): everything the
 * spec says about framing, answers, heartbeats, sessions and forwarding, keyed by **message key** (the
 * wire name: `action`/`id` value, Socket.IO event or event template, JSON-RPC method; for JSON-RPC
 * results and errors, which have no wire name, the component key). The runtime is generic: it never
 * names a protocol.
 */

export type FrameType = "text" | "binary";

export type FramingDescriptor =
  | { readonly kind: "json"; readonly discriminator: string; readonly frames: readonly FrameType[] }
  | {
      /** JSON frames no member names: each message key's guard is tried in `order`, the first match wins. */
      readonly kind: "json-shape";
      readonly order: readonly string[];
      readonly frames: readonly FrameType[];
    }
  | { readonly kind: "socket.io"; readonly path: string; readonly versions: readonly string[] }
  | { readonly kind: "json-rpc"; readonly version: string; readonly frames: readonly FrameType[] };

/** A path into a message (`["to_userid"]`), from the spec's `$message.payload#/…` expressions. */
export type PayloadPath = readonly string[];

export type RpcRole = "request" | "notification" | "result" | "error";

/** A compiled guard: all a browser client needs to decide (zod only explains what it refuses). */
export interface GuardValidator {
  readonly guard: (value: unknown) => boolean;
}

/** The validator pair of one reply alternative (a union when several messages may answer). */
export interface ReplyValidator extends GuardValidator {
  readonly schema: z.ZodType;
}

/** How the other side answers one message key, as a client needs it (guards only). */
export interface ClientReplyDescriptor {
  /** Keys of the answering messages on the other side (empty for JSON-RPC, where results have none). */
  readonly keys: readonly string[];
  /** Keys among them that are failures (`x-wiretype-error`), or JSON-RPC error role. */
  readonly failures: readonly string[];
  /** JSON-RPC: guards of the `result` and of the `error` object. */
  readonly result?: GuardValidator;
  readonly error?: GuardValidator;
}

/** How the other side answers one message key. */
export interface ReplyDescriptor extends ClientReplyDescriptor {
  /** JSON-RPC: validators of the `result` and of the `error` object. */
  readonly result?: ReplyValidator;
  readonly error?: ReplyValidator;
}

/** One side's messages as a browser client needs them: compiled guards, no zod schema. */
export interface ClientSideDescriptor<M extends MessageMap> {
  readonly guards: GuardTable<M>;
  /**
   * The guards of the keys whose guard checks a `format`, with `format` taken as an annotation: a client
   * created with `formats: "annotate"` decides with them (generated for what a client receives).
   */
  readonly formatFreeGuards?: Partial<GuardTable<M>>;
  /** Every key this side sends. */
  readonly keys: readonly (keyof M & string)[];
  /** Correlation id path per key (Socket.IO `transaction`, a json `requestId`). */
  readonly correlation: { readonly [K in keyof M & string]?: PayloadPath };
  /** JSON-RPC role per key: requests expect a result, notifications do not. */
  readonly rpc: { readonly [K in keyof M & string]?: RpcRole };
  /** Keys whose message reports a failure. */
  readonly failures: readonly (keyof M & string)[];
  /** Event templates with `{field}` placeholders (Socket.IO), by key. */
  readonly eventPatterns: {
    readonly [K in keyof M & string]?: { readonly template: string; readonly fields: readonly string[] };
  };
  /** What the other side answers, by the asking key. */
  readonly replies: { readonly [K in keyof M & string]?: ClientReplyDescriptor };
}

/** One side's messages: validators by key, plus what the spec says about each. */
export interface SideDescriptor<M extends MessageMap> extends Validators<M>, ClientSideDescriptor<M> {
  /** What the other side answers, by the asking key. */
  readonly replies: { readonly [K in keyof M & string]?: ReplyDescriptor };
  /** The generated package's dispatch of these messages: the runtime uses it (with its frame limits), not a rebuilt one. */
  readonly dispatch?: SideDispatch<M>;
}

/** A generated dispatch, of the kind the channel's framing calls for. */
export type SideDispatch<M extends MessageMap> =
  | KeyedDispatch<M>
  | ShapeDispatch<M>
  | EventDispatch<M>
  | RpcDispatch<M>;

export type HeartbeatDescriptor =
  | { readonly sender: "client"; readonly key: string; readonly intervalMs: number; readonly timeoutMs: number }
  | { readonly sender: "server"; readonly key: string; readonly idleMs: number }
  | { readonly sender: "transport"; readonly intervalMs: number; readonly timeoutMs: number };

export interface SessionDescriptor {
  /** The client key whose success opens the session (bind, auth, login). */
  readonly handshake: string;
  /** Server keys (or JSON-RPC reply component keys) that mean success / failure. */
  readonly success: readonly string[];
  readonly failure: readonly string[];
  /** Client keys accepted before the session is open. */
  readonly allowBefore: readonly string[];
}

export interface ForwardDescriptor {
  /** Server key the recipients get, built from the received message. */
  readonly as: string;
  readonly to: "peer" | "room" | "everyone";
  readonly peer?: PayloadPath;
  /** For `to: room`: the room named in the message; absent means the sender's rooms. */
  readonly room?: PayloadPath;
  readonly includeSender: boolean;
  readonly when?: { readonly path: PayloadPath; readonly equals: string | number | boolean | null };
  /** Values the forwarded message gets whatever the received one says. */
  readonly set?: readonly { readonly path: PayloadPath; readonly value: string | number | boolean | null }[];
  /** Where the forwarded message names its sender: the sender's presence value, never what the frame says. */
  readonly sender?: PayloadPath;
  /** Top-level members of the received message passed on: all of them (absent: all), or the ones listed. */
  readonly carry?: "all" | readonly string[];
  /** Members never passed on (what the sender addressed to the server only, such as a join's token). */
  readonly remove?: readonly string[];
  /** Members the forwarded message needs that the received one may lack, filled in this order. */
  readonly fill?: readonly ForwardFill[];
  /** Members whose spelling the forward changes to the `as` message's type (`"true"` → `true`). */
  readonly convert?: readonly ForwardConversion[];
}

/**
 * A value a forward rewrites: to `boolean` the text `"true"`/`"false"`, to `number` numeric text, to
 * `string` a number or boolean. Any other value is passed on as received.
 */
export interface ForwardConversion {
  readonly path: PayloadPath;
  readonly to: "boolean" | "number" | "string";
}

/** A JSON type as JSON Schema names it. */
export type JsonType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";

/**
 * A member a forward fills when the carried message lacks it: the value of the same name in the received
 * message or the sender's records (when its type is one of `types`), else `fallback`.
 */
export interface ForwardFill {
  readonly path: PayloadPath;
  readonly types: readonly JsonType[];
  readonly fallback: JsonValue;
}

/** A client key that moves a call along, optionally only when the value at `when.path` equals `when.equals`. */
export interface CallStep {
  readonly key: string;
  readonly when?: { readonly path: PayloadPath; readonly equals: string | number | boolean | null };
}

/** The answer the server sends itself for a call it refuses (busy, no such user). */
export interface CallAnswer {
  readonly key: string;
  /** Members of the asking message the answer repeats. */
  readonly carry: readonly string[];
  readonly set: readonly { readonly path: PayloadPath; readonly value: string | number | boolean | null }[];
  /** Where the answer names its receiver (the asking side's presence value). */
  readonly self?: PayloadPath;
  /** Where the answer names the other side (the peer the call asked for). */
  readonly peer?: PayloadPath;
}

/**
 * One-to-one calls the server keeps track of (`x-wiretype-calls`): who is in a call with whom, from the
 * steps that start, answer and end one (and from disconnects), so that it can answer busy by itself.
 */
export interface CallsDescriptor {
  /** Where a call message names the other side (a presence value). */
  readonly peer: PayloadPath;
  readonly start: readonly CallStep[];
  readonly answer: readonly CallStep[];
  readonly end: readonly CallStep[];
  /** Sent to the caller instead of forwarding when either side is in another call. */
  readonly busy: CallAnswer;
  /** Sent to the caller instead of forwarding when nobody is present under the peer value. */
  readonly absent?: CallAnswer;
  /**
   * Sent by the server to the other side when a member's connection goes away during a call (ringing or
   * answered), so the call never hangs open: `self` names the receiver, `peer` the member who went away.
   */
  readonly dropped?: CallAnswer;
}

export interface RoomsDescriptor {
  readonly join: { readonly side: "client" | "server"; readonly key: string };
  readonly leave: { readonly side: "client" | "server"; readonly key: string };
  readonly room: PayloadPath;
  readonly member: PayloadPath;
  /**
   * A message to a room whose name holds this separator also reaches the members of the room named by
   * the part before its first occurrence (verto: `conference-liveArray` gets `conference-liveArray.3000@host`).
   */
  readonly prefix?: string;
}

/** The HTTP discovery call, as a client needs it (the answer's guard only). */
export interface ClientDiscoveryDescriptor {
  readonly method: string;
  readonly path: string;
  readonly alternatePaths: readonly string[];
  readonly endpoint: PayloadPath;
  readonly pingInterval?: PayloadPath;
  readonly response: GuardValidator;
}

export interface DiscoveryDescriptor extends ClientDiscoveryDescriptor {
  readonly response: ReplyValidator;
}

export interface SignatureDescriptor {
  readonly field: string;
  readonly algorithm: "md5";
  readonly canonical: "php-json-sorted";
  readonly appliesTo: "client" | "server";
}

export interface ChannelParameterDescriptor {
  readonly name: string;
  /** Used when the client's `parameters` option leaves the parameter out. */
  readonly default?: string;
}

export interface ServerEntry {
  readonly id: string;
  readonly url: string;
  readonly protocol: string;
  readonly description?: string;
}

/** Everything the runtime needs to run one protocol's connections. `C`/`S`: what client/server send. */
export interface ProtocolDescriptor<C extends MessageMap, S extends MessageMap> {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  /** WebSocket path or Socket.IO namespace, with `{parameter}` placeholders when it has parameters. */
  readonly address: string;
  /** The address's parameters: the client fills them (`parameters` option), the server reads them back. */
  readonly parameters?: readonly ChannelParameterDescriptor[];
  readonly servers: readonly ServerEntry[];
  readonly framing: FramingDescriptor;
  readonly client: SideDescriptor<C>;
  readonly server: SideDescriptor<S>;
  /** The server's first, unprompted message. */
  readonly greeting?: string;
  /** The server key that answers a refused frame, when the spec declares one (`x-wiretype-invalid-frame`). */
  readonly invalidFrame?: string;
  readonly session?: SessionDescriptor;
  readonly heartbeat?: HeartbeatDescriptor;
  /** After `key` succeeds, its sender is known by the value at `path`. */
  readonly presence?: { readonly key: string; readonly path: PayloadPath };
  readonly rooms?: RoomsDescriptor;
  /** One-to-one calls the default server keeps track of. */
  readonly calls?: CallsDescriptor;
  /** Server-side default behaviour: what to pass on when a client key arrives. */
  readonly forward: { readonly [clientKey: string]: readonly ForwardDescriptor[] };
  readonly signature?: SignatureDescriptor;
  readonly discovery?: DiscoveryDescriptor;
}

/**
 * What a client runs on: the part of a descriptor a connection uses, with guards and no zod schema.
 * A full `ProtocolDescriptor` is one too.
 */
export interface ClientProtocolView<C extends MessageMap, S extends MessageMap> {
  readonly id: string;
  readonly address: string;
  readonly parameters?: readonly ChannelParameterDescriptor[];
  readonly framing: FramingDescriptor;
  readonly client: ClientSideDescriptor<C>;
  readonly server: ClientSideDescriptor<S>;
  readonly session?: SessionDescriptor;
  readonly heartbeat?: HeartbeatDescriptor;
  readonly rooms?: RoomsDescriptor;
  readonly signature?: SignatureDescriptor;
  readonly discovery?: ClientDiscoveryDescriptor;
}

/**
 * A generated package's browser client descriptor (`src/client-protocol.gen.ts`): compiled guards decide
 * validity, so zod stays out of the bundle a page loads up front; `explain` loads the full descriptor
 * (zod schemas, a separate chunk) only to say what is wrong with a refused frame.
 */
export interface ClientProtocolDescriptor<C extends MessageMap, S extends MessageMap> extends ClientProtocolView<C, S> {
  /** Client keys whose message carries the signature field (`x-wiretype-signature`): the client signs them. */
  readonly signed: readonly (keyof C & string)[];
  /** Loads the full descriptor, with zod schemas: a dynamic `import()`, so bundlers split it off. */
  readonly explain: () => Promise<ProtocolDescriptor<C, S>>;
}

/** Reads the value at a payload path (`["to_userid"]`). */
export function valueAtPath(message: unknown, path: PayloadPath): JsonValue | undefined {
  let node: unknown = message;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node as JsonValue | undefined;
}
