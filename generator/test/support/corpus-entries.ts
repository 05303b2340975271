/**
 * The third-party corpus (generator/test/corpus/): AsyncAPI documents as people publish them, none
 * carrying an `x-wiretype-*` extension, each with what the generator must make of it. The corpus test
 * holds every entry to its expectation; nothing here is marked as an expected failure.
 */

/** The document must generate (exit 0) and its output must type-check. */
export interface GeneratesExpectation {
  readonly outcome: "generates";
  /** Each must match some printed warning (the issue requires them, e.g. overlapping shapes). */
  readonly warns?: readonly RegExp[];
  /** The generated package.json `name` must match (named after info.title, not the file). */
  readonly packageName?: RegExp;
  /** A transport that is not WebSocket: no generated file may build a WebSocket client. */
  readonly noWebSocketClient?: true;
  /**
   * Types src/types.gen.ts must export, named after the document's own keys (component keys survive a
   * 2.x document too), and none of them as `unknown`: a schema the document gives is never untyped.
   */
  readonly types?: readonly string[];
}

/** The run must end with exit code 1 and print an error matching `match` (no crash, no output). */
export interface DiagnosticExpectation {
  readonly outcome: "diagnostic";
  readonly match: RegExp;
}

export type CorpusExpectation = GeneratesExpectation | DiagnosticExpectation;

export interface CorpusEntry {
  /** Unique; names the entry's output folder. */
  readonly name: string;
  /** Paths under generator/test/corpus/, given to one `wiretype generate` run together. */
  readonly documents: readonly string[];
  readonly expect: CorpusExpectation;
  /** The constructs of issue 10 this document exercises. */
  readonly covers: string;
}

const generates: GeneratesExpectation = { outcome: "generates" };
const notWebSocket: GeneratesExpectation = { outcome: "generates", noWebSocketClient: true };
const overlapWarning: GeneratesExpectation = { outcome: "generates", warns: [/overlap/i] };

function typed(types: readonly string[], base: GeneratesExpectation = generates): GeneratesExpectation {
  return { ...base, types };
}

function single(name: string, document: string, expect: CorpusExpectation, covers: string): CorpusEntry {
  return { name, documents: [document], expect, covers };
}

export const corpusEntries: readonly CorpusEntry[] = [
  single(
    "simple-asyncapi",
    "simple-asyncapi.yml",
    { outcome: "generates", packageName: /account-service/ },
    "no servers (JSON over WebSocket by default); package named from info.title, not simple-asyncapi.yml",
  ),
  single("oneof-asyncapi", "oneof-asyncapi.yml", overlapWarning, "oneOf payload; shape decoding; overlapping shapes"),
  single("oneof-2.0", "oneof-2.0.yml", overlapWarning, "2.0 publish/subscribe; message oneOf; overlapping shapes"),
  single("anyof-asyncapi", "anyof-asyncapi.yml", generates, "anyOf payload"),
  single("anyof-2.4", "anyof-2.4.yml", generates, "2.4; anyOf payload"),
  single("not-asyncapi", "not-asyncapi.yml", generates, "not"),
  single("not-2.0", "not-2.0.yml", generates, "2.0; not"),
  single(
    "application-headers-asyncapi",
    "application-headers-asyncapi.yml",
    notWebSocket,
    "MQTT; headers; header correlationId",
  ),
  single(
    "application-headers-2.6",
    "application-headers-2.6.yml",
    notWebSocket,
    "2.6; MQTT; headers; channel parameters",
  ),
  single(
    "correlation-id-asyncapi",
    "correlation-id-asyncapi.yml",
    notWebSocket,
    "MQTT; header and payload correlationId",
  ),
  single(
    "correlation-id-2.6",
    "correlation-id-2.6.yml",
    typed(["LightMeasured", "DimLight"], notWebSocket),
    "2.6; correlationId components",
  ),
  single("mercure-asyncapi", "mercure-asyncapi.yml", notWebSocket, "Mercure (HTTP); parameters in an absolute address"),
  single(
    "rpc-server-asyncapi",
    "rpc-server-asyncapi.yml",
    notWebSocket,
    "AMQP; header correlationId; parameter-only address",
  ),
  single("rpc-client-asyncapi", "rpc-client-asyncapi.yml", notWebSocket, "3.1; AMQP; request/response over two queues"),
  single("rpc-server-2.2", "rpc-server-2.2.yml", notWebSocket, "2.2; AMQP; parameter schema"),
  single(
    "streetlights-mqtt",
    "streetlights-mqtt-asyncapi.yml",
    notWebSocket,
    "MQTT; message and operation traits; parameters",
  ),
  single(
    "streetlights-kafka-2.6",
    "streetlights-kafka-2.6.yml",
    typed(["LightMeasured", "TurnOnOff", "DimLight"], notWebSocket),
    "2.6; Kafka; traits; parameters",
  ),
  single(
    "gitter-streaming",
    "gitter-streaming-asyncapi.yml",
    typed(["ChatMessage", "Heartbeat"], notWebSocket),
    "HTTP streaming; draft-07 schemaFormat; string payload",
  ),
  single(
    "slack-rtm-asyncapi",
    "slack-rtm-asyncapi.yml",
    typed(["Hello", "Goodbye", "Message", "OutgoingMessage", "EmojiAdded", "EmojiRemoved"]),
    "many events keyed by a single-value `type` enum; two share a type",
  ),
  single(
    "slack-rtm-2.0",
    "slack-rtm-2.0.yml",
    typed(["Hello", "Goodbye", "Message", "OutgoingMessage", "ConnectionError"]),
    "2.0; events keyed by a single-value `type` enum",
  ),
  single(
    "websocket-gemini-asyncapi",
    "websocket-gemini-asyncapi.yml",
    typed(["MarketData", "Heartbeat", "Update"]),
    "channel parameter /v1/marketdata/{symbol}; ws query binding; oneOf of allOf variants",
  ),
  single(
    "websocket-gemini-2.4",
    "websocket-gemini-2.4.yml",
    typed(["MarketData", "Heartbeat", "Update"]),
    "2.4; channel parameter; ws query binding",
  ),
  single(
    "kraken-websocket",
    "kraken-websocket-asyncapi.yml",
    generates,
    "`event` discriminator; several channels on one address; reply without messages; heartbeat",
  ),
  single(
    "social-media-frontend",
    "social-media/frontend/asyncapi.yaml",
    generates,
    "multi-file: servers and messages in ../common",
  ),
  single(
    "social-media-backend",
    "social-media/backend/asyncapi.yaml",
    typed(["LikeComment", "CommentLiked", "CommentChanged", "UpdateCommentLikes"]),
    "multi-file; WebSocket and MQTT servers in one document",
  ),
  single(
    "lightning-jsonrpc",
    "lightning-jsonrpc.yaml",
    typed(["GetInfo", "GetInfoResult", "Pay", "PayResult", "RpcError", "InvoicePaid"]),
    "JSON-RPC 2.0 recognised from payloads; results and errors; notification",
  ),
  single(
    "ethereum-subscriptions-2.6",
    "ethereum-subscriptions-2.6.yaml",
    typed(["EthSubscribe", "EthUnsubscribe", "SubscriptionResult", "EthSubscription"]),
    "2.6; JSON-RPC 2.0; correlationId component; tuple items",
  ),
  single("telemetry-shapes", "telemetry-shapes.yaml", generates, "no discriminator: decoded by shape"),
  single(
    "overlapping-shapes-2.6",
    "overlapping-shapes-2.6.yaml",
    typed(["Post", "Posted", "Edited", "Presence"], overlapWarning),
    "2.6; no discriminator; two shapes overlap",
  ),
  single(
    "schema-keywords",
    "schema-keywords.yaml",
    generates,
    "3.1; not, patternProperties, if/then/else, min/maxProperties",
  ),
  single(
    "schemaformat-draft07",
    "schemaformat-draft07.yaml",
    generates,
    "schemaFormat draft-07 (JSON, YAML) and application/vnd.aai.asyncapi",
  ),
  single(
    "avro-kafka",
    "avro-kafka.yaml",
    typed(["EntryPosted", "AccountClosed"], notWebSocket),
    "Avro payloads (records, enums, unions, maps); Kafka",
  ),
  single(
    "user-events-avro-2.4",
    "user-events-avro-2.4.yaml",
    typed(["UserSignedUp"], notWebSocket),
    "2.4; Avro schemaFormat on the message; Kafka",
  ),
  single(
    "awkward-names",
    "awkward-names.yaml",
    generates,
    "case-only collisions, reserved words, leading digits, CJK, `$`",
  ),
  single(
    "remote-ref-offline",
    "remote-ref-offline.yaml",
    { outcome: "diagnostic", match: /error .*schemas\.example\.invalid/ },
    "remote $ref that cannot be fetched",
  ),
  single(
    "oneof-discriminated-payload",
    "oneof-discriminated-payload.yaml",
    typed(["LobbyEvent", "Join", "PlayerJoined", "PlayerLeft", "MatchReady", "Player"]),
    "oneOf payload of `type`-discriminated variants",
  ),
  single(
    "order-service",
    "order-service/asyncapi.yaml",
    typed(["PlaceOrder", "OrderAccepted", "OrderRejected", "OrderShipped"]),
    "multi-file: messages and nested schemas in sibling files; request/reply",
  ),
  single(
    "title-from-info",
    "title-from-info/asyncapi.yaml",
    { outcome: "generates", packageName: /payments-gateway-events/ },
    "package named from info.title, not asyncapi.yaml; dotted wire values",
  ),
  {
    name: "collision",
    documents: ["collision/team-a/asyncapi.yaml", "collision/team-b/asyncapi.yaml"],
    expect: { outcome: "diagnostic", match: /^(?=.* error )(?=.*team-a)(?=.*team-b)/ },
    covers: "two documents that would write to the same folder: one error naming both",
  },
  single(
    "nats-fleet-2.4",
    "nats-fleet-2.4.yml",
    // 3.x parameters have no schema: the `vehicleId` pattern cannot survive, and must be reported.
    typed(["Position", "Command"], { ...notWebSocket, warns: [/vehicleId/] }),
    "2.4; NATS; subject parameters (one with a pattern); headers; header correlationId",
  ),
  single(
    "support-chat",
    "support-chat.yaml",
    generates,
    "3.1; headers; reply without messages; reply.address; ws query/headers; parameters",
  ),
  single(
    "broken-yaml",
    "broken-yaml.yaml",
    { outcome: "diagnostic", match: /broken-yaml\.yaml:\d+:\d+ error unparsable/ },
    "YAML syntax error",
  ),
  single(
    "broken-missing-asyncapi",
    "broken-missing-asyncapi.yaml",
    { outcome: "diagnostic", match: /broken-missing-asyncapi\.yaml(:\d+)? error .*asyncapi/ },
    "no `asyncapi` field",
  ),
  single(
    "broken-local-ref",
    "broken-local-ref.yaml",
    { outcome: "diagnostic", match: /broken-local-ref\.yaml:\d+ error .*Tick/ },
    "local $ref to a missing component",
  ),
];
