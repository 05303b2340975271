import { stringify } from "yaml";
import { type Diagnostic, SpecError } from "../../src/diagnostics.js";
import type { PackageState } from "../../src/emit/package/emit-package.js";
import { generate } from "../../src/pipeline.js";

/**
 * Narrow generator tests (the protobuf-es `createTestPluginAndRun` style): a minimal AsyncAPI 3.1.0
 * document is built around the few schemas, messages or extensions a test is about, generated in
 * memory, and the test asserts a handful of lines of the output or the diagnostics.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A message component of the inline document; everything but the options below is copied as is. */
export interface InlineMessage {
  /** The wire name (`name`); defaults to the component key. `null` leaves `name` out. */
  readonly name?: string | null;
  readonly payload?: Json;
  /** `receive` (the client sends it, the default) or `send` (the server sends it). */
  readonly action?: "receive" | "send";
  /** Message keys answering this message's operation (`operation.reply.messages`). */
  readonly reply?: readonly string[];
  /** Message keys that only appear as replies get no operation of their own. */
  readonly replyOnly?: boolean;
  /** Extra members of the message object (`x-wiretype-rpc`, `examples`, `correlationId`, …). */
  readonly extra?: JsonObject;
  /** Extra members of the message's operation (`x-wiretype-forward`, `summary`, …). */
  readonly operation?: JsonObject;
}

export interface InlineSpecOptions {
  /** `components.schemas`. */
  readonly schemas?: Readonly<Record<string, Json>>;
  /** `components.messages`; each gets one operation whose id is its key (unless `replyOnly`). */
  readonly messages?: Readonly<Record<string, InlineMessage>>;
  /** `x-wiretype-framing` of the channel: json keyed by `type` unless given; `null` leaves it out. */
  readonly framing?: JsonObject | null;
  /** Other members of the one channel (`x-wiretype-session`, `x-wiretype-heartbeat`, …). */
  readonly channel?: JsonObject;
  /** Members of `info` besides title and version. */
  readonly info?: JsonObject;
  /** Members of `components` besides schemas and messages (`correlationIds`). */
  readonly components?: JsonObject;
}

export const channelId = "main";
export const defaultFraming: JsonObject = { kind: "json", discriminator: "type" };
export const inlinePath = "inline.asyncapi.yaml";
export const inlineId = "inline";

function messageRef(key: string): JsonObject {
  return { $ref: `#/channels/${channelId}/messages/${key}` };
}

/** The AsyncAPI document as plain data: one channel, one operation per message. */
export function inlineDocument(options: InlineSpecOptions = {}): JsonObject {
  const messages = options.messages ?? {};
  const framing = options.framing === undefined ? defaultFraming : options.framing;
  const channel: JsonObject = {
    address: "/ws",
    ...(framing === null ? {} : { "x-wiretype-framing": framing }),
    ...options.channel,
  };
  const keys = Object.keys(messages);
  if (keys.length > 0)
    channel.messages = Object.fromEntries(keys.map((key) => [key, { $ref: `#/components/messages/${key}` }]));
  const operations: JsonObject = {};
  for (const [key, message] of Object.entries(messages)) {
    if (message.replyOnly === true) continue;
    operations[key] = {
      action: message.action ?? "receive",
      channel: { $ref: `#/channels/${channelId}` },
      messages: [messageRef(key)],
      ...(message.reply === undefined
        ? {}
        : { reply: { channel: { $ref: `#/channels/${channelId}` }, messages: message.reply.map(messageRef) } }),
      ...message.operation,
    };
  }
  const components: JsonObject = { ...options.components };
  if (options.schemas !== undefined) components.schemas = { ...options.schemas };
  if (keys.length > 0) {
    components.messages = Object.fromEntries(
      Object.entries(messages).map(([key, message]) => {
        const name = message.name === undefined ? key : message.name;
        const component: JsonObject = {
          ...(name === null ? {} : { name }),
          ...(message.payload === undefined ? {} : { payload: message.payload }),
          ...message.extra,
        };
        return [key, component];
      }),
    );
  }
  return {
    asyncapi: "3.1.0",
    info: { title: "Inline", version: "1.0.0", ...options.info },
    channels: { [channelId]: channel },
    ...(Object.keys(operations).length > 0 ? { operations } : {}),
    ...(Object.keys(components).length > 0 ? { components } : {}),
  };
}

/** The document as YAML text, one member per line, so that diagnostics have lines worth checking. */
export function inlineSpec(options: InlineSpecOptions = {}): string {
  return stringify(inlineDocument(options), { lineWidth: 0, aliasDuplicateObjects: false });
}

/** A json-framed payload: `type` fixed to the wire name, plus the given members. */
export function keyedPayload(wireName: string, properties: JsonObject = {}, required: readonly string[] = []): Json {
  return {
    type: "object",
    required: ["type", ...required],
    properties: { type: { const: wireName }, ...properties },
  };
}

/** A document whose component schemas are the ones under test, used by one `probe` message. */
export function schemaSpec(schemas: Readonly<Record<string, Json>>): string {
  const properties = Object.fromEntries(
    Object.keys(schemas).map((name) => [
      name.charAt(0).toLowerCase() + name.slice(1),
      { $ref: `#/components/schemas/${name}` },
    ]),
  );
  return inlineSpec({ schemas, messages: { probe: { payload: keyedPayload("probe", properties) } } });
}

export type InlineResult =
  | { readonly ok: true; readonly files: Readonly<Record<string, string>>; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export interface RunOptions {
  readonly packageState?: PackageState;
}

/** Runs the whole in-memory pipeline on the text: the files by path, or the SpecError's diagnostics. */
export async function runInline(text: string, options: RunOptions = {}): Promise<InlineResult> {
  try {
    const { packages, warnings } = await generate(
      [
        {
          id: inlineId,
          source: { path: inlinePath, text },
          ...(options.packageState === undefined ? {} : { packageState: options.packageState }),
        },
      ],
      // These tests read the emitters' printed text; format.test.ts covers the formatted output.
      { format: false },
    );
    const files = Object.fromEntries((packages[0]?.files ?? []).map((file) => [file.path, file.content]));
    return { ok: true, files, warnings };
  } catch (error) {
    if (error instanceof SpecError) return { ok: false, diagnostics: error.diagnostics };
    throw error;
  }
}

/** The generated files by path; fails with the diagnostics when the spec is refused. */
export async function generateFiles(text: string, options: RunOptions = {}): Promise<Readonly<Record<string, string>>> {
  const result = await runInline(text, options);
  if (!result.ok) {
    throw new Error(
      `expected the spec to generate, got:\n${result.diagnostics.map((d) => `${d.code} at ${d.pointer}: ${d.message}`).join("\n")}`,
    );
  }
  return result.files;
}

/** The diagnostics of a spec that must be refused; fails when it generates. */
export async function diagnosticsOf(text: string): Promise<readonly Diagnostic[]> {
  const result = await runInline(text);
  if (result.ok) throw new Error("expected the spec to be refused, but it generated");
  return result.diagnostics;
}

/** `src/types.gen.ts` and `src/schemas.gen.ts` of a spec. */
export async function generatedSources(text: string): Promise<{ types: string; schemas: string }> {
  const files = await generateFiles(text);
  return { types: files["src/types.gen.ts"] ?? "", schemas: files["src/schemas.gen.ts"] ?? "" };
}

/** The text's lines, trimmed: assertions then hold whatever the indentation. */
export function trimmedLines(text: string): string[] {
  return text.split("\n").map((line) => line.trim());
}

/** The generated statement starting with `start` (`export const fooSchema`), up to the next top-level line. */
export function declarationOf(text: string, start: string): string {
  const lines = text.split("\n");
  const index = lines.findIndex((line) => line.startsWith(start));
  if (index === -1) throw new Error(`no line starts with ${JSON.stringify(start)}`);
  const end = lines.findIndex((line, i) => i > index && /^(export |\/\*\*|\/\/|import )/.test(line));
  return lines.slice(index, end === -1 ? undefined : end).join("\n");
}

/** The 1-based line of the first line of `text` containing `fragment` (after `after`, when given). */
export function lineContaining(text: string, fragment: string, after?: string): number {
  const lines = text.split("\n");
  const from = after === undefined ? 0 : lines.findIndex((line) => line.includes(after));
  const index = lines.findIndex((line, i) => i >= from && line.includes(fragment));
  if (from === -1 || index === -1) throw new Error(`no line contains ${JSON.stringify(fragment)}`);
  return index + 1;
}
