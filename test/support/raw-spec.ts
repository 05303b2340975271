import { isJsonObject, type JsonObject, type JsonValue } from "./spec-files.js";

/** Follows a local JSON pointer (`#/components/schemas/X`) inside the raw document. */
export function resolvePointer(document: JsonObject, ref: string): JsonValue {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are used in specs, found ${ref}`);
  let node: JsonValue = document;
  for (const rawSegment of ref.slice(2).split("/")) {
    const segment = rawSegment.replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isJsonObject(node) || !(segment in node)) throw new Error(`dangling $ref ${ref}`);
    node = node[segment] as JsonValue;
  }
  return node;
}

/** Replaces a `$ref` node by its target, repeatedly. */
export function deref(document: JsonObject, node: JsonValue | undefined): JsonValue | undefined {
  let current = node;
  while (isJsonObject(current) && typeof current.$ref === "string") {
    current = resolvePointer(document, current.$ref);
  }
  return current;
}

export type Direction = "client" | "server";

export interface RawMessage {
  /** Component key (or channel message key when not a component reference). */
  readonly id: string;
  /** Pointer to the message object, for validators. */
  readonly pointer: string;
  readonly wireName: string | undefined;
  readonly message: JsonObject;
  readonly senders: ReadonlySet<Direction>;
}

function messagePointer(document: JsonObject, ref: JsonValue): string {
  if (!isJsonObject(ref) || typeof ref.$ref !== "string") throw new Error("operation message is not a $ref");
  const target = resolvePointer(document, ref.$ref);
  if (isJsonObject(target) && typeof target.$ref === "string") return target.$ref;
  return ref.$ref;
}

function addSender(map: Map<string, Set<Direction>>, pointer: string, sender: Direction): void {
  const set = map.get(pointer) ?? new Set<Direction>();
  set.add(sender);
  map.set(pointer, set);
}

function collectSenders(document: JsonObject): Map<string, Set<Direction>> {
  const senders = new Map<string, Set<Direction>>();
  const operations = isJsonObject(document.operations) ? document.operations : {};
  for (const operation of Object.values(operations)) {
    if (!isJsonObject(operation)) continue;
    const sender: Direction = operation.action === "receive" ? "client" : "server";
    const answerer: Direction = sender === "client" ? "server" : "client";
    for (const ref of Array.isArray(operation.messages) ? operation.messages : []) {
      addSender(senders, messagePointer(document, ref), sender);
    }
    const reply = deref(document, operation.reply);
    if (isJsonObject(reply) && Array.isArray(reply.messages)) {
      for (const ref of reply.messages) addSender(senders, messagePointer(document, ref), answerer);
    }
  }
  return senders;
}

/** Every message reachable from an operation, with who sends it. */
export function listMessages(document: JsonObject): RawMessage[] {
  const senders = collectSenders(document);
  return [...senders.entries()]
    .map(([pointer, set]) => {
      const message = deref(document, { $ref: pointer });
      if (!isJsonObject(message)) throw new Error(`${pointer} is not a message object`);
      return {
        id: pointer.split("/").at(-1) ?? pointer,
        pointer,
        wireName: typeof message.name === "string" ? message.name : undefined,
        message,
        senders: set,
      };
    })
    .sort((a, b) => a.pointer.localeCompare(b.pointer));
}

/** Every message component, used or not. */
export function listComponentMessageIds(document: JsonObject): string[] {
  const components = isJsonObject(document.components) ? document.components : {};
  const messages = isJsonObject(components.messages) ? components.messages : {};
  return Object.keys(messages).sort();
}
