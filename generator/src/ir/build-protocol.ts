import { type Diagnostic, DiagnosticSink, joinPointer, SpecError } from "../diagnostics.js";
import type { LoadedSpec, ParsedDocument } from "../load/load-spec.js";
import { lineOfPointer } from "../load/source-lines.js";
import { buildChannel } from "./build-channel.js";
import { buildDiscovery } from "./build-discovery.js";
import { type ReplyFacts, readMessageExpression, readReply, resolveChannelReplies } from "./build-replies.js";
import { SchemaBuilder } from "./build-schema.js";
import { checkProtocol } from "./check-protocol.js";
import { checkWebSocketLimits } from "./check-transport.js";
import { readForward } from "./extensions.js";
import { inferFramings } from "./infer-framing.js";
import { packageIdentity } from "./infer-package.js";
import { mergeChannelsByAddress } from "./merge-channels.js";
import { allocateTypeNames, pascalCase, TypeNameAllocator } from "./naming.js";
import { isRawObject, optionalString, toJsonValue } from "./raw.js";
import { readSchemaDocs } from "./schema-docs.js";
import type { Message, MessageExample, NamedSchema, Operation, Protocol, RpcRole, Server, Side } from "./types.js";

type ParsedMessage = ReturnType<ParsedDocument["messages"]>["all"] extends () => (infer M)[] ? M : never;
type ParsedOperation = ReturnType<ParsedDocument["operations"]>["all"] extends () => (infer O)[] ? O : never;

export interface BuildOptions {
  /** The protocol id and package folder; by default the package name without its scope. */
  readonly id?: string | undefined;
  /** The npm package name (`--name`), over `info.x-wiretype-package` and `info.title`. */
  readonly packageName?: string | undefined;
  /** Collects the warnings (what the document says that wiretype leaves out), located by line. */
  readonly warnings?: Diagnostic[];
}

function extension(
  model: { extensions(): { get(id: string): { value(): unknown } | undefined } },
  name: string,
): unknown {
  return model.extensions().get(name)?.value();
}

const rpcRoles = new Set<RpcRole>(["request", "notification", "result", "error"]);

class ProtocolBuilder {
  readonly #spec: LoadedSpec;
  readonly #document: ParsedDocument;
  readonly #sink: DiagnosticSink;
  readonly #schemas: SchemaBuilder;
  /** Component key → type name; every generated type name comes from `#names`, so none collide. */
  readonly #componentNames: ReadonlyMap<string, string>;
  readonly #names = new TypeNameAllocator();
  /** Schemas that are neither components nor payloads but get types and validators: message headers. */
  readonly #extraSchemas: NamedSchema[] = [];
  /** Operations whose reply lists no messages, resolved once every operation is known. */
  readonly #channelReplies = new Map<string, NonNullable<ReplyFacts["fromChannel"]>>();

  constructor(spec: LoadedSpec, sink: DiagnosticSink) {
    this.#spec = spec;
    this.#document = spec.document;
    this.#sink = sink;
    this.#componentNames = allocateTypeNames(
      this.#document
        .components()
        .schemas()
        .all()
        .map((schema) => schema.id()),
      this.#names,
    );
    this.#schemas = new SchemaBuilder(this.#componentNames, sink, this.#names, this.#document.json());
  }

  build(options: BuildOptions): Protocol {
    const info = this.#document.info();
    const packageInfo = extension(info, "x-wiretype-package");
    const identity = packageIdentity(
      { title: info.title(), specPath: this.#spec.source.path, extension: packageInfo, ...options },
      this.#sink,
    );
    const connections = mergeChannelsByAddress(
      this.#document
        .channels()
        .all()
        .map((channel) => buildChannel(channel, this.#schemas, this.#sink)),
      this.#operations(),
      this.#sink,
    );
    const operations = connections.operations;
    const senders = collectSenders(operations);
    const description = optionalString(info.description());
    const discovery = buildDiscovery(extension(this.#document, "x-wiretype-discovery"), this.#schemas, this.#sink);
    const messages = this.#messages(senders);
    return {
      id: identity.id,
      specPath: this.#spec.source.path,
      title: info.title(),
      version: info.version(),
      ...(description === undefined ? {} : { description }),
      packageName: identity.packageName,
      identifier: identity.identifier,
      servers: this.#servers(),
      channels: connections.channels,
      ...(discovery === undefined ? {} : { discovery }),
      schemas: [...this.#componentSchemas(), ...this.#extraSchemas, ...this.#schemas.discovered].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
      messages,
      operations,
    };
  }

  #servers(): Server[] {
    return this.#document
      .servers()
      .all()
      .map((server) => {
        const description = optionalString(server.description());
        return {
          id: server.id(),
          url: server.url(),
          protocol: server.protocol(),
          ...(description === undefined ? {} : { description }),
        };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  #componentSchemas(): NamedSchema[] {
    return this.#document
      .components()
      .schemas()
      .all()
      .map((schema) => {
        const pointer = joinPointer("/components/schemas", schema.id());
        return {
          name: this.#componentNames.get(schema.id()) ?? schema.id(),
          pointer,
          schema: this.#schemas.build(schema.json(), { pointer, defining: schema.id() }),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  #operations(): Operation[] {
    const operations = this.#document
      .operations()
      .all()
      .map((operation) => this.#operation(operation))
      .sort((a, b) => a.id.localeCompare(b.id));
    return operations.map((operation) => {
      const fromChannel = this.#channelReplies.get(operation.id);
      return fromChannel === undefined
        ? operation
        : { ...operation, replies: resolveChannelReplies(operation, fromChannel, operations) };
    });
  }

  #operation(operation: ParsedOperation): Operation {
    const id = operation.id() ?? "";
    const pointer = joinPointer("/operations", id);
    const channels = operation.channels().all();
    if (channels.length !== 1)
      this.#sink.error("bad-operation", `${pointer}/channel`, "an operation needs exactly one channel");
    const summary = optionalString(operation.summary());
    const description = optionalString(operation.description());
    const reply = readReply(operation, pointer, this.#sink);
    if (reply.fromChannel !== undefined) this.#channelReplies.set(id, reply.fromChannel);
    return {
      id,
      channel: channels[0]?.id() ?? "",
      sender: operation.action() === "receive" ? "client" : "server",
      messages: operation
        .messages()
        .all()
        .map((message) => message.id()),
      replies: reply.replies,
      ...(reply.address === undefined ? {} : { replyAddress: reply.address }),
      forward: readForward(extension(operation, "x-wiretype-forward"), `${pointer}/x-wiretype-forward`, this.#sink),
      ...(summary === undefined ? {} : { summary }),
      ...(description === undefined ? {} : { description }),
    };
  }

  #messages(senders: ReadonlyMap<string, ReadonlySet<Side>>): Message[] {
    const typeNames = new Set<string>();
    return this.#document
      .messages()
      .all()
      .filter((message) => senders.has(message.id()))
      .map((message) => this.#message(message, [...(senders.get(message.id()) ?? [])].sort(), typeNames))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  #typeName(id: string, taken: Set<string>): string {
    // A message named like a component type gets the `Message` suffix, then a number.
    const name = this.#names.claim([pascalCase(id), `${pascalCase(id)}Message`]);
    taken.add(name);
    return name;
  }

  /** A message without a payload schema says nothing of its data: the user should know it goes unchecked. */
  #noPayload(message: ParsedMessage, pointer: string): void {
    this.#sink.warning(
      "no-payload",
      pointer,
      `message \`${optionalString(message.name()) ?? message.id()}\` has no payload schema: its data is typed as any JSON value and only its framing is checked; add a \`payload\` to type and validate it`,
    );
  }

  #message(message: ParsedMessage, senders: Side[], typeNames: Set<string>): Message {
    const pointer = joinPointer("/components/messages", message.id());
    const raw = message.json();
    const docs = isRawObject(raw) ? readSchemaDocs(raw, pointer, this.#sink) : {};
    const rpc = this.#rpcRole(extension(message, "x-wiretype-rpc"), pointer);
    const eventPattern = readEventPattern(extension(message, "x-wiretype-event-pattern"));
    const correlation = this.#correlation(message, pointer);
    const typeName = this.#typeName(message.id(), typeNames);
    const headersType = this.#headersType(message, pointer, typeNames);
    const title = optionalString(message.title());
    const summary = optionalString(message.summary());
    if (!message.hasPayload()) this.#noPayload(message, pointer);
    return {
      id: message.id(),
      typeName,
      wireName: optionalString(message.name()) ?? message.id(),
      senders,
      payload: this.#schemas.build(message.payload()?.json(), { pointer: `${pointer}/payload` }),
      ...(rpc === undefined ? {} : { rpc }),
      isError: extension(message, "x-wiretype-error") === true,
      ...(eventPattern === undefined ? {} : { eventPattern }),
      ...correlation,
      ...(headersType === undefined ? {} : { headersType }),
      ...(title === undefined ? {} : { title }),
      ...(summary === undefined ? {} : { summary }),
      ...(docs.description === undefined ? {} : { description: docs.description }),
      ...(docs.original === undefined ? {} : { original: docs.original }),
      ...(docs.provenance === undefined ? {} : { provenance: docs.provenance }),
      examples: message.examples().all().map(readExample),
      pointer,
    };
  }

  /** Where the correlation id is: `correlationPath` (payload) or `headerCorrelationPath`. */
  #correlation(message: ParsedMessage, pointer: string): Pick<Message, "correlationPath" | "headerCorrelationPath"> {
    const location = message.correlationId()?.location();
    if (location === undefined) return {};
    const found = readMessageExpression(location);
    if (found === undefined) {
      this.#sink.warning(
        "correlation-ignored",
        `${pointer}/correlationId`,
        `correlation id location \`${location}\` is not a \`$message.payload#/…\` or \`$message.header#/…\` expression: left out, requests are paired with the next matching answer`,
      );
      return {};
    }
    return found.location === "payload" ? { correlationPath: found.path } : { headerCorrelationPath: found.path };
  }

  /** The type name of the message's headers: a component's, or a new named schema `<Message>Headers`. */
  #headersType(message: ParsedMessage, pointer: string, typeNames: Set<string>): string | undefined {
    const raw = message.headers()?.json();
    if (raw === undefined) return undefined;
    const headersPointer = `${pointer}/headers`;
    const schema = this.#schemas.build(raw, { pointer: headersPointer });
    if (schema.kind === "ref") return schema.name;
    const name = this.#typeName(`${message.id()}Headers`, typeNames);
    this.#extraSchemas.push({ name, pointer: headersPointer, schema });
    return name;
  }

  #rpcRole(raw: unknown, pointer: string): RpcRole | undefined {
    if (raw === undefined) return undefined;
    if (typeof raw === "string" && rpcRoles.has(raw as RpcRole)) return raw as RpcRole;
    this.#sink.error(
      "bad-extension",
      `${pointer}/x-wiretype-rpc`,
      "`x-wiretype-rpc` is request, notification, result or error",
    );
    return undefined;
  }
}

type ParsedExample = ReturnType<ParsedMessage["examples"]>["all"] extends () => (infer E)[] ? E : never;

function readExample(example: ParsedExample): MessageExample {
  const name = optionalString(example.name());
  const summary = optionalString(example.summary());
  return {
    ...(name === undefined ? {} : { name }),
    ...(summary === undefined ? {} : { summary }),
    payload: toJsonValue(example.payload() ?? null),
  };
}

function readEventPattern(raw: unknown): Message["eventPattern"] {
  if (typeof raw !== "string") return undefined;
  const fields = [...raw.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
  return { template: raw, fields };
}

/** Who sends each message: the operation's side for its messages, the other side for its replies. */
function collectSenders(operations: readonly Operation[]): Map<string, Set<Side>> {
  const senders = new Map<string, Set<Side>>();
  const add = (id: string, side: Side) => senders.set(id, (senders.get(id) ?? new Set<Side>()).add(side));
  for (const operation of operations) {
    const answerer: Side = operation.sender === "client" ? "server" : "client";
    for (const id of operation.messages) add(id, operation.sender);
    for (const id of operation.replies) add(id, answerer);
  }
  return senders;
}

/** Stage 2: the typed model of one protocol. Throws a SpecError listing every problem found. */
export function buildProtocol(spec: LoadedSpec, options: BuildOptions): Protocol {
  const sink = new DiagnosticSink(spec.source.path);
  const builder = new ProtocolBuilder(spec, sink);
  const protocol = inferFramings(builder.build(options), sink);
  if (!sink.hasErrors) {
    checkProtocol(protocol, sink);
    checkWebSocketLimits(protocol, sink);
  }
  const located = (severity: Diagnostic["severity"]) =>
    sink.items
      .filter((item) => item.severity === severity)
      .map((item) => ({ ...item, line: lineOfPointer(spec.source.text, item.pointer) }));
  if (sink.hasErrors) throw new SpecError(located("error"));
  options.warnings?.push(...located("warning"));
  return protocol;
}
