import { DiagnosticSink, joinPointer, SpecError } from "../diagnostics.js";
import type { LoadedSpec, ParsedDocument } from "../load/load-spec.js";
import { lineOfPointer } from "../load/source-lines.js";
import { buildChannel } from "./build-channel.js";
import { buildDiscovery } from "./build-discovery.js";
import { SchemaBuilder } from "./build-schema.js";
import { checkProtocol } from "./check-protocol.js";
import { readForward } from "./extensions.js";
import { pascalCase } from "./naming.js";
import { isRawObject, optionalString, parseRuntimeExpression, toJsonValue } from "./raw.js";
import { readSchemaDocs } from "./schema-docs.js";
import type { Message, MessageExample, NamedSchema, Operation, Protocol, RpcRole, Server, Side } from "./types.js";

type ParsedMessage = ReturnType<ParsedDocument["messages"]>["all"] extends () => (infer M)[] ? M : never;
type ParsedOperation = ReturnType<ParsedDocument["operations"]>["all"] extends () => (infer O)[] ? O : never;

export interface BuildOptions {
  /** The protocol id, normally the spec file's stem. */
  readonly id: string;
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
  readonly #componentNames: ReadonlySet<string>;

  constructor(spec: LoadedSpec, sink: DiagnosticSink) {
    this.#spec = spec;
    this.#document = spec.document;
    this.#sink = sink;
    this.#componentNames = new Set(
      this.#document
        .components()
        .schemas()
        .all()
        .map((schema) => schema.id()),
    );
    this.#schemas = new SchemaBuilder(this.#componentNames, sink);
  }

  build(options: BuildOptions): Protocol {
    const info = this.#document.info();
    const packageInfo = extension(info, "x-wiretype-package");
    const identifier = isRawObject(packageInfo) ? optionalString(packageInfo.identifier) : undefined;
    const packageName = isRawObject(packageInfo) ? optionalString(packageInfo.name) : undefined;
    const operations = this.#operations();
    const senders = collectSenders(operations);
    const description = optionalString(info.description());
    const discovery = buildDiscovery(extension(this.#document, "x-wiretype-discovery"), this.#schemas, this.#sink);
    return {
      id: options.id,
      specPath: this.#spec.source.path,
      title: info.title(),
      version: info.version(),
      ...(description === undefined ? {} : { description }),
      packageName: packageName ?? `@wiretype/${options.id}`,
      identifier: identifier ?? pascalCase(options.id),
      servers: this.#servers(),
      channels: this.#document
        .channels()
        .all()
        .map((channel) => buildChannel(channel, this.#schemas, this.#sink))
        .sort((a, b) => a.id.localeCompare(b.id)),
      ...(discovery === undefined ? {} : { discovery }),
      schemas: this.#componentSchemas(),
      messages: this.#messages(senders),
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
          name: schema.id(),
          pointer,
          schema: this.#schemas.build(schema.json(), { pointer, defining: schema.id() }),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  #operations(): Operation[] {
    return this.#document
      .operations()
      .all()
      .map((operation) => this.#operation(operation))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  #operation(operation: ParsedOperation): Operation {
    const id = operation.id() ?? "";
    const pointer = joinPointer("/operations", id);
    const channels = operation.channels().all();
    if (channels.length !== 1)
      this.#sink.error("bad-operation", `${pointer}/channel`, "an operation needs exactly one channel");
    const summary = optionalString(operation.summary());
    const description = optionalString(operation.description());
    return {
      id,
      channel: channels[0]?.id() ?? "",
      sender: operation.action() === "receive" ? "client" : "server",
      messages: operation
        .messages()
        .all()
        .map((message) => message.id()),
      replies:
        operation
          .reply()
          ?.messages()
          .all()
          .map((message) => message.id()) ?? [],
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
    let name = pascalCase(id);
    if (this.#componentNames.has(name) || taken.has(name)) name = `${name}Message`;
    taken.add(name);
    return name;
  }

  #message(message: ParsedMessage, senders: Side[], typeNames: Set<string>): Message {
    const pointer = joinPointer("/components/messages", message.id());
    const raw = message.json();
    const docs = isRawObject(raw) ? readSchemaDocs(raw, pointer, this.#sink) : {};
    const rpc = this.#rpcRole(extension(message, "x-wiretype-rpc"), pointer);
    const eventPattern = readEventPattern(extension(message, "x-wiretype-event-pattern"));
    const correlationPath = parseRuntimeExpression(message.correlationId()?.location(), ["$message.payload"]);
    const title = optionalString(message.title());
    const summary = optionalString(message.summary());
    return {
      id: message.id(),
      typeName: this.#typeName(message.id(), typeNames),
      wireName: optionalString(message.name()) ?? message.id(),
      senders,
      payload: this.#schemas.build(message.payload()?.json(), { pointer: `${pointer}/payload` }),
      ...(rpc === undefined ? {} : { rpc }),
      isError: extension(message, "x-wiretype-error") === true,
      ...(eventPattern === undefined ? {} : { eventPattern }),
      ...(correlationPath === undefined ? {} : { correlationPath }),
      ...(title === undefined ? {} : { title }),
      ...(summary === undefined ? {} : { summary }),
      ...(docs.description === undefined ? {} : { description: docs.description }),
      ...(docs.original === undefined ? {} : { original: docs.original }),
      ...(docs.provenance === undefined ? {} : { provenance: docs.provenance }),
      examples: message.examples().all().map(readExample),
      pointer,
    };
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
  const protocol = new ProtocolBuilder(spec, sink).build(options);
  if (!sink.hasErrors) checkProtocol(protocol, sink);
  if (sink.hasErrors) {
    throw new SpecError(
      sink.items
        .filter((item) => item.severity === "error")
        .map((item) => ({ ...item, line: lineOfPointer(spec.source.text, item.pointer) })),
    );
  }
  return protocol;
}
