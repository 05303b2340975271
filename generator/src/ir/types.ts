/**
 * wiretype's intermediate representation: everything an emitter needs to know about one protocol,
 * built from an AsyncAPI document and its `x-wiretype-…` extensions. Emitters see only these types;
 * no object of the AsyncAPI parser gets past the IR builder.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** Where something came from: the seed document, the field notes, or wiretype itself. */
export interface Provenance {
  readonly source: "document" | "notes" | "wiretype";
  readonly ref?: string;
  readonly note?: string;
}

/** A documented value of an open or closed set, with its meaning. */
export interface DocumentedValue {
  readonly value: JsonPrimitive;
  readonly name?: string;
  readonly description?: string;
}

/** What every schema node may carry besides its shape. */
export interface SchemaDocs {
  readonly title?: string;
  readonly description?: string;
  readonly original?: string;
  readonly open?: string;
  readonly values?: readonly DocumentedValue[];
  readonly examples?: readonly JsonValue[];
  readonly defaultValue?: JsonValue;
  readonly deprecated?: boolean;
  readonly provenance?: Provenance;
}

export interface StringConstraints {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
}

export interface NumberConstraints {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
}

export type SchemaNode =
  | { readonly kind: "ref"; readonly name: string; readonly docs: SchemaDocs }
  | { readonly kind: "any"; readonly docs: SchemaDocs }
  | ({ readonly kind: "string"; readonly docs: SchemaDocs } & StringConstraints)
  | ({ readonly kind: "number"; readonly integer: boolean; readonly docs: SchemaDocs } & NumberConstraints)
  | { readonly kind: "boolean"; readonly docs: SchemaDocs }
  | { readonly kind: "null"; readonly docs: SchemaDocs }
  | { readonly kind: "literal"; readonly value: JsonPrimitive; readonly docs: SchemaDocs }
  | { readonly kind: "enum"; readonly values: readonly JsonPrimitive[]; readonly docs: SchemaDocs }
  /** `const` or `enum` with an object or array among its values: compared by JSON equality. */
  | { readonly kind: "constant"; readonly values: readonly JsonValue[]; readonly docs: SchemaDocs }
  | ArrayNode
  | TupleNode
  | ObjectNode
  | UnionNode
  | { readonly kind: "intersection"; readonly parts: readonly SchemaNode[]; readonly docs: SchemaDocs }
  | NotNode
  | ConditionalNode;

/**
 * `not` and `if`/`then`/`else` validate without shaping the type: they appear as parts of an
 * intersection next to the shape they constrain, and the types leave them out (TypeScript has no negation).
 */
export interface NotNode {
  readonly kind: "not";
  readonly schema: SchemaNode;
  readonly docs: SchemaDocs;
}

/** `if`/`then`/`else`: when the value matches `condition`, it must match `consequent`, else `alternative`. */
export interface ConditionalNode {
  readonly kind: "conditional";
  readonly condition: SchemaNode;
  readonly consequent?: SchemaNode;
  readonly alternative?: SchemaNode;
  readonly docs: SchemaDocs;
}

/** `contains` with its bounds: how many items must match `schema`. */
export interface ContainsRule {
  readonly schema: SchemaNode;
  readonly min: number;
  readonly max?: number;
}

export interface ArrayNode {
  readonly kind: "array";
  readonly items: SchemaNode;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly contains?: ContainsRule;
  readonly docs: SchemaDocs;
}

export interface TupleNode {
  readonly kind: "tuple";
  readonly items: readonly SchemaNode[];
  /** Elements past the tuple: `false` forbids them, a schema types them. */
  readonly rest: SchemaNode | false;
  readonly minItems: number;
  readonly maxItems?: number;
  readonly contains?: ContainsRule;
  readonly docs: SchemaDocs;
}

export interface PropertyNode {
  readonly name: string;
  readonly required: boolean;
  readonly schema: SchemaNode;
}

export interface ObjectNode {
  readonly kind: "object";
  readonly properties: readonly PropertyNode[];
  /** Members not listed: kept and unchecked (`open`), refused (`closed`), or typed by a schema. */
  readonly additional: "open" | "closed" | SchemaNode;
  /** `patternProperties`: members whose name matches `pattern` (unanchored, `u` flag) must match `schema`. */
  readonly patternProperties?: readonly { readonly pattern: string; readonly schema: SchemaNode }[];
  /** `propertyNames`: every member name must match this (string) schema. */
  readonly propertyNames?: SchemaNode;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  /** `dependentRequired`: when `property` is present, so must `required` be. */
  readonly dependentRequired?: readonly { readonly property: string; readonly required: readonly string[] }[];
  readonly docs: SchemaDocs;
}

export interface UnionNode {
  readonly kind: "union";
  readonly variants: readonly SchemaNode[];
  /** `oneOf` demands exactly one variant; `anyOf` at least one. */
  readonly exclusive: boolean;
  /** A property whose literal value tells the variants apart, when every variant has one. */
  readonly discriminator?: string;
  readonly docs: SchemaDocs;
}

/** A named, reusable schema: a component schema or a message payload. */
export interface NamedSchema {
  readonly name: string;
  readonly schema: SchemaNode;
  /** JSON pointer of the schema in the document. */
  readonly pointer: string;
}

export type Side = "client" | "server";

export type Framing =
  | { readonly kind: "json"; readonly discriminator: string; readonly frames: readonly FrameType[] }
  | {
      /** JSON objects with no discriminator: told apart by shape, guards tried in `order` (message keys). */
      readonly kind: "json-shape";
      readonly order: readonly string[];
      readonly frames: readonly FrameType[];
    }
  | { readonly kind: "socket.io"; readonly path: string; readonly versions: readonly string[] }
  | { readonly kind: "json-rpc"; readonly version: string; readonly frames: readonly FrameType[] };

/** Where a channel's framing comes from: its `x-wiretype-framing`, or inferred (the sentence says how). */
export type FramingOrigin = { readonly source: "extension" } | { readonly source: "inferred"; readonly reason: string };

export type FrameType = "text" | "binary";

export type RpcRole = "request" | "notification" | "result" | "error";

export interface MessageExample {
  readonly name?: string;
  readonly summary?: string;
  readonly payload: JsonValue;
}

export interface Message {
  /** Component key: unique in the protocol, the basis of generated identifiers. */
  readonly id: string;
  /** PascalCase type name of the payload. */
  readonly typeName: string;
  /** The wire name: discriminator value, Socket.IO event, or JSON-RPC method. */
  readonly wireName: string;
  /** Who sends it (both sides when one component is used in both directions). */
  readonly senders: readonly Side[];
  readonly payload: SchemaNode;
  readonly rpc?: RpcRole;
  readonly isError: boolean;
  /** Socket.IO event names built at run time: the template and the request fields it uses. */
  readonly eventPattern?: { readonly template: string; readonly fields: readonly string[] };
  /** Field path of the correlation id in the payload (`["transaction"]`). */
  readonly correlationPath?: readonly string[];
  /** Field path of the correlation id in the headers (`$message.header#/requestId`). */
  readonly headerCorrelationPath?: readonly string[];
  /** Name of the named schema (in `Protocol.schemas`) of the message's `headers`, when it has some. */
  readonly headersType?: string;
  readonly title?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly original?: string;
  readonly provenance?: Provenance;
  readonly examples: readonly MessageExample[];
  readonly pointer: string;
}

/** A runtime expression into a message payload (`$message.payload#/to_userid` → `["to_userid"]`). */
export type PayloadPath = readonly string[];

export interface ForwardRule {
  /** Operation whose message the recipients get. */
  readonly as: string;
  readonly to: "peer" | "room" | "everyone";
  readonly peer?: PayloadPath;
  /** For `to: room`: the room named in the message; absent means the sender's rooms. */
  readonly room?: PayloadPath;
  readonly includeSender: boolean;
  readonly when?: { readonly path: PayloadPath; readonly equals: JsonPrimitive };
  /** Values the forwarded message gets whatever the received one says (voxy's incoming-call `used_phone: 0`). */
  readonly set?: readonly { readonly path: PayloadPath; readonly value: JsonPrimitive }[];
  /** Where the forwarded message names its sender: filled from the sender's session (presence), never the frame. */
  readonly sender?: PayloadPath;
  /** Top-level members of the received message passed on: `all` (the default) or a list. */
  readonly carry?: "all" | readonly string[];
  /** Members never passed on (what the sender addressed to the server only). */
  readonly remove?: readonly string[];
  /** Members whose spelling the forward changes to the `as` message's type (`"true"` → `true`). */
  readonly convert?: readonly ForwardConversion[];
}

/** A value the forward rewrites: the text `"true"`/`"false"` to a boolean, numeric text to a number, a scalar to text. */
export interface ForwardConversion {
  readonly path: PayloadPath;
  readonly to: "boolean" | "number" | "string";
}

/** A condition on a message: the value at `path` equals `equals`. */
export interface Condition {
  readonly path: PayloadPath;
  readonly equals: JsonPrimitive;
}

/** An operation that moves a call along (`x-wiretype-calls` start, answer, end). */
export interface CallStepRule {
  readonly operation: string;
  readonly when?: Condition;
}

/** The answer the server sends itself for a call it refuses (busy, no such user). */
export interface CallAnswerRule {
  readonly operation: string;
  readonly carry: readonly string[];
  readonly set: readonly { readonly path: PayloadPath; readonly value: JsonPrimitive }[];
  /** Where the answer names its receiver, and the other side. */
  readonly self?: PayloadPath;
  readonly peer?: PayloadPath;
}

/** One-to-one calls the default server keeps track of (`x-wiretype-calls`). */
export interface Calls {
  readonly peer: PayloadPath;
  readonly start: readonly CallStepRule[];
  readonly answer: readonly CallStepRule[];
  readonly end: readonly CallStepRule[];
  readonly busy: CallAnswerRule;
  readonly absent?: CallAnswerRule;
  /** Sent to the other side when a member's connection goes away during a call. */
  readonly dropped?: CallAnswerRule;
}

export interface Operation {
  readonly id: string;
  /** The channel (connection endpoint) it travels on. */
  readonly channel: string;
  /** Who sends the operation's message(s): `receive` operations are client-sent. */
  readonly sender: Side;
  readonly messages: readonly string[];
  /** Messages that answer it, failures included, sent by the other side. */
  readonly replies: readonly string[];
  /** Where answers go, when the operation's `reply` says (`address`, or a reply channel elsewhere). */
  readonly replyAddress?: ReplyAddress;
  readonly forward: readonly ForwardRule[];
  readonly summary?: string;
  readonly description?: string;
}

/** A reply address: a fixed channel address, or a runtime expression into the request. */
export type ReplyAddress =
  | { readonly kind: "static"; readonly address: string }
  | { readonly kind: "expression"; readonly location: "payload" | "header"; readonly path: PayloadPath };

export interface Server {
  readonly id: string;
  readonly url: string;
  readonly protocol: string;
  readonly description?: string;
}

export type Heartbeat =
  | {
      readonly sender: "client";
      readonly operation: string;
      readonly intervalMs: number;
      readonly timeoutMs: number;
    }
  | { readonly sender: "server"; readonly operation: string; readonly idleMs: number }
  | { readonly sender: "transport"; readonly intervalMs: number; readonly timeoutMs: number };

export interface Session {
  readonly handshake: string;
  readonly success: readonly string[];
  readonly failure: readonly string[];
  readonly allowBefore: readonly string[];
}

export interface Signature {
  readonly field: string;
  readonly algorithm: "md5";
  readonly canonical: "php-json-sorted";
  readonly appliesTo: Side;
}

export interface Discovery {
  readonly method: string;
  readonly path: string;
  readonly alternatePaths: readonly string[];
  readonly query?: SchemaNode;
  readonly response: SchemaNode;
  readonly endpoint: PayloadPath;
  readonly pingInterval?: PayloadPath;
}

export interface ChannelParameter {
  readonly name: string;
  readonly description?: string;
  readonly values?: readonly string[];
  readonly defaultValue?: string;
  readonly examples?: readonly string[];
}

/** One connection endpoint and the rules of its connections. */
export interface Channel {
  readonly id: string;
  /** WebSocket path or Socket.IO namespace, with `{parameter}` placeholders. */
  readonly address: string;
  readonly parameters: readonly ChannelParameter[];
  readonly description?: string;
  readonly framing: Framing;
  readonly framingOrigin: FramingOrigin;
  /**
   * The transport, lowercase: `ws` (also `wss`, Socket.IO, or no server named) gets a WebSocket client
   * and server; any other (`mqtt`, `kafka`, `amqp`, `http`…) gets types, validators and dispatch only.
   */
  readonly transport: string;
  readonly query?: SchemaNode;
  /** Connection request headers (`bindings.ws.headers`): Node clients can set them, browsers cannot. */
  readonly headers?: SchemaNode;
  readonly greeting?: string;
  readonly session?: Session;
  readonly heartbeat?: Heartbeat;
  readonly presence?: { readonly operation: string; readonly key: PayloadPath };
  readonly rooms?: {
    readonly join: string;
    readonly leave: string;
    readonly room: PayloadPath;
    readonly member: PayloadPath;
    /** A message to room `a<prefix>b` also reaches room `a`'s members (verto's main event channel). */
    readonly prefix?: string;
  };
  readonly signature?: Signature;
  /** Calls the server keeps track of, to answer busy by itself (`x-wiretype-calls`). */
  readonly calls?: Calls;
  /** The server operation whose message answers a refused frame (`x-wiretype-invalid-frame`). */
  readonly invalidFrame?: string;
}

export interface Protocol {
  /** The spec file's stem (`voxy`), also the package folder. */
  readonly id: string;
  /** Spec path relative to the repository (for headers and docs). */
  readonly specPath: string;
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  readonly packageName: string;
  /** PascalCase prefix of exported names (`Voxy`). */
  readonly identifier: string;
  readonly servers: readonly Server[];
  readonly channels: readonly Channel[];
  readonly discovery?: Discovery;
  readonly schemas: readonly NamedSchema[];
  readonly messages: readonly Message[];
  readonly operations: readonly Operation[];
}
