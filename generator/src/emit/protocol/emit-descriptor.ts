import {
  type CodeBlockWriter,
  type Project,
  type StatementStructures,
  StructureKind,
  VariableDeclarationKind,
} from "ts-morph";
import { lowerFirst, propertyKey } from "../../ir/naming.js";
import type {
  CallAnswerRule,
  CallStepRule,
  Calls,
  Channel,
  ForwardRule,
  Message,
  Operation,
  Protocol,
  Side,
} from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import {
  channelPrefix,
  dispatchConstName,
  guardFunctionName,
  messageKey,
  messageMapName,
  schemaConstName,
  sentMessages,
} from "../names.js";
import { forwardFacts } from "./forward-facts.js";

/** `voxyProtocol`: the runtime descriptor of a channel. */
export function descriptorConstName(protocol: Protocol, channel: Channel): string {
  return `${lowerFirst(channelPrefix(protocol, channel))}Protocol`;
}

/** The key a message has in the descriptor: its wire name, or its component key for JSON-RPC answers. */
function keyOf(message: Message): string {
  return message.rpc === "result" || message.rpc === "error" ? message.id : messageKey(message);
}

interface Lookup {
  readonly message: (id: string) => Message | undefined;
  readonly operation: (id: string) => Operation | undefined;
}

function lookup(protocol: Protocol): Lookup {
  const messages = new Map(protocol.messages.map((message) => [message.id, message]));
  const operations = new Map(protocol.operations.map((operation) => [operation.id, operation]));
  return { message: (id) => messages.get(id), operation: (id) => operations.get(id) };
}

/** The key of an operation's (first) message. */
function operationKey(protocol: Protocol, id: string): string | undefined {
  const { message, operation } = lookup(protocol);
  const first = operation(id)?.messages[0];
  const found = first === undefined ? undefined : message(first);
  return found === undefined ? undefined : keyOf(found);
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

function writeEntries(writer: CodeBlockWriter, entries: readonly [string, string][]): void {
  writer.inlineBlock(() => {
    for (const [key, value] of entries) writer.writeLine(`${propertyKey(key)}: ${value},`);
  });
}

/** `{ schema, guard }` accepting any of the messages (a union when several). */
function validatorOf(messages: readonly Message[]): string {
  const schemas = messages.map((message) => schemaConstName(message.typeName));
  const guards = messages.map((message) => guardFunctionName(message.typeName));
  const schema = schemas.length === 1 ? schemas[0] : `z.union([${schemas.join(", ")}])`;
  const guard =
    guards.length === 1 ? guards[0] : `(value: unknown) => ${guards.map((name) => `${name}(value)`).join(" || ")}`;
  return `{ schema: ${schema}, guard: ${guard} }`;
}

function replyEntry(protocol: Protocol, replyIds: readonly string[]): string {
  const { message } = lookup(protocol);
  const replies = replyIds.flatMap((id) => message(id) ?? []);
  const failures = replies.filter((reply) => reply.isError || reply.rpc === "error");
  const results = replies.filter((reply) => reply.rpc === "result");
  const errors = replies.filter((reply) => reply.rpc === "error");
  const parts = [
    `keys: ${json(replies.map(keyOf))}`,
    `failures: ${json(failures.map(keyOf))}`,
    ...(results.length > 0 ? [`result: ${validatorOf(results)}`] : []),
    ...(errors.length > 0 ? [`error: ${validatorOf(errors)}`] : []),
  ];
  return `{ ${parts.join(", ")} }`;
}

function sideWriter(protocol: Protocol, channel: Channel, side: Side) {
  const sent = sentMessages(protocol, channel, side);
  const dispatch = dispatchConstName(protocol, channel, side);
  const replyRows = new Map<string, string[]>();
  for (const operation of protocol.operations) {
    if (operation.channel !== channel.id || operation.sender !== side || operation.replies.length === 0) continue;
    for (const id of operation.messages) {
      const asking = lookup(protocol).message(id);
      if (asking !== undefined)
        replyRows.set(keyOf(asking), [...(replyRows.get(keyOf(asking)) ?? []), ...operation.replies]);
    }
  }
  const correlation = sent
    .filter((m) => m.correlationPath)
    .map((m): [string, string] => [keyOf(m), json(m.correlationPath)]);
  const rpc = sent.filter((m) => m.rpc).map((m): [string, string] => [keyOf(m), json(m.rpc)]);
  const patterns = sent.filter((m) => m.eventPattern).map((m): [string, string] => [keyOf(m), json(m.eventPattern)]);
  return (writer: CodeBlockWriter) =>
    writer.inlineBlock(() => {
      writer.writeLine(`schemas: ${dispatch}.schemas,`);
      writer.writeLine(`guards: ${dispatch}.guards,`);
      writer.writeLine(`keys: ${json([...new Set(sent.map(keyOf))].sort())},`);
      writer.write("correlation: ");
      writeEntries(writer, correlation);
      writer.write(",").newLine().write("rpc: ");
      writeEntries(writer, rpc);
      writer.write(",").newLine();
      writer.writeLine(`failures: ${json(sent.filter((m) => m.isError || m.rpc === "error").map(keyOf))},`);
      writer.write("eventPatterns: ");
      writeEntries(writer, patterns);
      writer.write(",").newLine().write("replies: ");
      writeEntries(
        writer,
        [...replyRows.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, ids]) => [key, replyEntry(protocol, ids)]),
      );
      writer.write(",").newLine();
    });
}

function sideOfOperation(protocol: Protocol, id: string): Side {
  return lookup(protocol).operation(id)?.sender ?? "client";
}

/** The spec's connection rules, translated from operation and message ids to message keys. */
function connectionRules(protocol: Protocol, channel: Channel): [string, string][] {
  const key = (operationId: string) => json(operationKey(protocol, operationId));
  const messageKeys = (ids: readonly string[]) =>
    json(
      ids.flatMap((id) => {
        const found = lookup(protocol).message(id);
        return found === undefined ? [] : [keyOf(found)];
      }),
    );
  const rules: [string, string][] = [];
  if (channel.greeting) rules.push(["greeting", key(channel.greeting)]);
  if (channel.invalidFrame) rules.push(["invalidFrame", key(channel.invalidFrame)]);
  const session = channel.session;
  if (session) {
    const allowBefore = json(session.allowBefore.map((id) => operationKey(protocol, id)));
    rules.push([
      "session",
      `{ handshake: ${key(session.handshake)}, success: ${messageKeys(session.success)}, failure: ${messageKeys(session.failure)}, allowBefore: ${allowBefore} }`,
    ]);
  }
  const heartbeat = channel.heartbeat;
  if (heartbeat) {
    const { operation: _operation, ...rest } = heartbeat as typeof heartbeat & { operation?: string };
    const extra = "operation" in heartbeat ? { key: operationKey(protocol, heartbeat.operation) } : {};
    rules.push(["heartbeat", json({ ...rest, ...extra })]);
  }
  if (channel.presence) {
    rules.push(["presence", `{ key: ${key(channel.presence.operation)}, path: ${json(channel.presence.key)} }`]);
  }
  if (channel.rooms) {
    const rooms = channel.rooms;
    const end = (id: string) => `{ side: ${json(sideOfOperation(protocol, id))}, key: ${key(id)} }`;
    rules.push([
      "rooms",
      `{ join: ${end(rooms.join)}, leave: ${end(rooms.leave)}, room: ${json(rooms.room)}, member: ${json(rooms.member)} }`,
    ]);
  }
  if (channel.signature) rules.push(["signature", json(channel.signature)]);
  if (channel.calls) rules.push(["calls", callsEntry(protocol, channel.calls)]);
  return rules;
}

/** A forward rule keyed by message keys, with what it carries, removes and fills. */
function forwardEntry(protocol: Protocol, channel: Channel, operation: Operation, rule: ForwardRule) {
  const { message, operation: find } = lookup(protocol);
  const firstMessage = (ids: readonly string[] | undefined) => (ids?.[0] === undefined ? undefined : message(ids[0]));
  const discriminator = channel.framing.kind === "json" ? channel.framing.discriminator : undefined;
  const { carry: _carry, remove: _remove, ...rest } = rule;
  const received = firstMessage(operation.messages);
  const facts = forwardFacts(protocol, rule, received, firstMessage(find(rule.as)?.messages), discriminator);
  return { ...rest, as: operationKey(protocol, rule.as), ...facts };
}

/** `x-wiretype-calls` keyed by message keys. */
function callsEntry(protocol: Protocol, calls: Calls): string {
  const steps = (rules: readonly CallStepRule[]) =>
    rules.map(({ operation, ...rest }) => ({ key: operationKey(protocol, operation), ...rest }));
  const answer = (rule: CallAnswerRule) => {
    const { operation, ...rest } = rule;
    return { key: operationKey(protocol, operation), ...rest };
  };
  return json({
    peer: calls.peer,
    start: steps(calls.start),
    answer: steps(calls.answer),
    end: steps(calls.end),
    busy: answer(calls.busy),
    ...(calls.absent === undefined ? {} : { absent: answer(calls.absent) }),
  });
}

function forwardEntries(protocol: Protocol, channel: Channel): [string, string][] {
  const entries = new Map<string, unknown[]>();
  for (const operation of protocol.operations) {
    if (operation.channel !== channel.id || operation.forward.length === 0) continue;
    const asking = operationKey(protocol, operation.id);
    if (asking === undefined) continue;
    const rules = operation.forward.map((rule) => forwardEntry(protocol, channel, operation, rule));
    entries.set(asking, [...(entries.get(asking) ?? []), ...rules]);
  }
  return [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, rules]) => [key, json(rules)]);
}

function discoveryEntry(protocol: Protocol): [string, string][] {
  const discovery = protocol.discovery;
  if (discovery === undefined) return [];
  const typeName = `${protocol.identifier}DiscoveryResponse`;
  const { response: _response, query: _query, ...rest } = discovery;
  const response = `{ schema: ${schemaConstName(typeName)}, guard: ${guardFunctionName(typeName)} }`;
  return [["discovery", `{ ...${json(rest)}, response: ${response} }`]];
}

/** The address's parameters with their defaults, when it has any (the client fills them, the server reads them). */
function parameterEntry(channel: Channel): [string, string][] {
  if (channel.parameters.length === 0) return [];
  const parameters = channel.parameters.map((parameter) => ({
    name: parameter.name,
    ...(parameter.defaultValue === undefined ? {} : { default: parameter.defaultValue }),
  }));
  return [["parameters", json(parameters)]];
}

function descriptorStatement(protocol: Protocol, channel: Channel): StatementStructures {
  const client = messageMapName(protocol, channel, "client");
  const server = messageMapName(protocol, channel, "server");
  const head: [string, string][] = [
    ["id", json(protocol.id)],
    ["title", json(protocol.title)],
    ["version", json(protocol.version)],
    ["address", json(channel.address)],
    ...parameterEntry(channel),
    ["servers", json(protocol.servers)],
    ["framing", json(channel.framing)],
  ];
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      { description: `The runtime's view of ${protocol.title} on \`${channel.address}\`, as the spec states it.` },
    ],
    declarations: [
      {
        name: descriptorConstName(protocol, channel),
        type: `ProtocolDescriptor<${client}, ${server}>`,
        initializer: (writer) =>
          writer.inlineBlock(() => {
            for (const [name, value] of [...head, ...connectionRules(protocol, channel), ...discoveryEntry(protocol)]) {
              writer.writeLine(`${name}: ${value},`);
            }
            writer.write("client: ");
            sideWriter(protocol, channel, "client")(writer);
            writer.write(",").newLine().write("server: ");
            sideWriter(protocol, channel, "server")(writer);
            writer.write(",").newLine().write("forward: ");
            writeEntries(writer, forwardEntries(protocol, channel));
            writer.write(",").newLine();
          }),
      },
    ],
  };
}

/** Every schema and guard name a descriptor refers to, for its imports. */
function referencedValidators(protocol: Protocol): { schemas: string[]; guards: string[] } {
  const names = new Set<string>();
  for (const message of protocol.messages)
    if (message.rpc === "result" || message.rpc === "error") names.add(message.typeName);
  if (protocol.discovery) names.add(`${protocol.identifier}DiscoveryResponse`);
  const sorted = [...names].sort();
  return { schemas: sorted.map(schemaConstName), guards: sorted.map(guardFunctionName) };
}

/** `src/protocol.gen.ts`: the runtime descriptor of each channel, built from the IR. */
export function emitDescriptor(project: Project, protocol: Protocol): GeneratedFile {
  const statements = protocol.channels.map((channel) => descriptorStatement(protocol, channel));
  const { schemas, guards } = referencedValidators(protocol);
  const dispatches = protocol.channels.flatMap((channel) =>
    (["client", "server"] as const).map((side) => dispatchConstName(protocol, channel, side)),
  );
  const maps = protocol.channels.flatMap((channel) =>
    (["client", "server"] as const).map((side) => messageMapName(protocol, channel, side)),
  );
  const usesUnion = protocol.messages.some((m) => m.rpc === "result" || m.rpc === "error");
  return printSourceFile(project, "src/protocol.gen.ts", generatedHeader(protocol), statements, () => [
    ...(usesUnion
      ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: "zod", namedImports: ["z"] }]
      : []),
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "@wiretype/runtime",
      namedImports: ["ProtocolDescriptor"],
    },
    ...(guards.length > 0
      ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: "./guards.gen.js", namedImports: guards }]
      : []),
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./schemas.gen.js",
      namedImports: [...dispatches, ...schemas].sort(),
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./types.gen.js",
      namedImports: maps.sort(),
    },
  ]);
}
