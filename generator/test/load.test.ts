import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type Diagnostic, formatDiagnostic, SpecError } from "../src/diagnostics.js";
import { loadSpec } from "../src/load/load-spec.js";
import { generate } from "../src/pipeline.js";

/**
 * Loading anything: AsyncAPI 2.x is converted to 3.0 (publish = the application receives = the client
 * sends), local `$ref` files resolve next to the spec, and every broken input ends as diagnostics.
 */

async function refusal(text: string, path = "input.yaml"): Promise<readonly Diagnostic[]> {
  const error = await loadSpec({ path, text }).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof SpecError)) throw new Error(`expected a SpecError, got ${String(error)}`);
  return error.diagnostics;
}

const chatPayload = (type: string) => ({
  type: "object",
  required: ["type"],
  properties: { type: { const: type }, text: { type: "string" } },
});

/** The same chat, as a 2.6 document and as the 3.0 document people would write for it. */
const chatV2 = {
  asyncapi: "2.6.0",
  info: { title: "Chat", version: "1.0.0" },
  servers: { main: { url: "ws://chat.example.com/ws", protocol: "ws" } },
  channels: {
    "/chat": {
      publish: { operationId: "say", message: { $ref: "#/components/messages/say" } },
      subscribe: { operationId: "said", message: { $ref: "#/components/messages/said" } },
    },
  },
  components: { messages: { say: { payload: chatPayload("say") }, said: { payload: chatPayload("said") } } },
};

const chatV3 = {
  asyncapi: "3.0.0",
  info: { title: "Chat", version: "1.0.0" },
  servers: { main: { host: "chat.example.com", pathname: "/ws", protocol: "ws" } },
  channels: {
    chat: {
      address: "/chat",
      messages: { say: { $ref: "#/components/messages/say" }, said: { $ref: "#/components/messages/said" } },
    },
  },
  operations: {
    say: {
      action: "receive",
      channel: { $ref: "#/channels/chat" },
      messages: [{ $ref: "#/channels/chat/messages/say" }],
    },
    said: {
      action: "send",
      channel: { $ref: "#/channels/chat" },
      messages: [{ $ref: "#/channels/chat/messages/said" }],
    },
  },
  components: chatV2.components,
};

async function filesOf(document: object, path: string): Promise<Record<string, string>> {
  const { packages } = await generate([{ source: { path, text: stringify(document) } }]);
  return Object.fromEntries((packages[0]?.files ?? []).map((file) => [file.path, file.content]));
}

describe("AsyncAPI 2.x", () => {
  it("a 2.6 document and its 3.0 equivalent give the same types, validators and directions", async () => {
    const [v2, v3] = await Promise.all([filesOf(chatV2, "chat.yaml"), filesOf(chatV3, "chat.yaml")]);
    expect(v2["src/types.gen.ts"]).toBe(v3["src/types.gen.ts"]);
    expect(v2["src/schemas.gen.ts"]).toBe(v3["src/schemas.gen.ts"]);
    // publish: the application receives, so the client sends `say`.
    expect(v2["src/types.gen.ts"]).toMatch(/export interface ChatClientMessages \{\s+say: Say;/);
  });

  it("a 2.x parameter schema the conversion drops is a warning on the user's line", async () => {
    const document = {
      ...chatV2,
      channels: {
        "/rooms/{room}": {
          parameters: { room: { schema: { type: "string", pattern: "^[a-z]+$" } } },
          publish: { message: { $ref: "#/components/messages/say" } },
        },
      },
    };
    const text = stringify(document);
    const { warnings } = await loadSpec({ path: "rooms.yaml", text });
    const dropped = warnings.find((warning) => warning.code === "parameter-schema-dropped");
    expect(dropped?.message).toContain("`type`, `pattern`");
    expect(dropped?.line).toBe(text.split("\n").findIndex((line) => line.trim() === "room:") + 1);
  });
});

describe("multi-file documents", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("a $ref to a file next to the spec resolves; a remote one offline is one diagnostic naming the URL", async () => {
    dir = mkdtempSync(join(tmpdir(), "wiretype-load-"));
    mkdirSync(join(dir, "shared"));
    writeFileSync(join(dir, "shared", "messages.yaml"), stringify({ say: { payload: chatPayload("say") } }));
    const document = {
      ...chatV3,
      components: {
        messages: { say: { $ref: "./shared/messages.yaml#/say" }, said: { payload: chatPayload("said") } },
      },
    };
    const path = relative(process.cwd(), join(dir, "chat.yaml"));
    const files = await filesOf(document, path);
    expect(files["src/types.gen.ts"]).toMatch(/export interface Say \{\s+type: "say";/);

    const remote = {
      ...document,
      components: {
        messages: { ...document.components.messages, said: { $ref: "https://schemas.example.invalid/said.yaml" } },
      },
    };
    const diagnostics = await refusal(stringify(remote), path);
    expect(diagnostics.map((d) => d.code)).toEqual(["remote-ref"]);
    expect(diagnostics[0]?.message).toContain("https://schemas.example.invalid/said.yaml");
  });
});

describe("any input gives diagnostics, never a crash", () => {
  it.each([
    ["garbage YAML", "channels: [unclosed\n  - {", "unparsable"],
    ["a YAML scalar", "just some text", "not-asyncapi"],
    ["an OpenAPI document", "openapi: 3.0.0\ninfo: { title: x, version: '1' }\npaths: {}", "not-asyncapi"],
    ["AsyncAPI 1.x", "asyncapi: 1.2.0\ninfo: { title: x, version: '1' }\ntopics: {}", "not-asyncapi"],
    ["an empty file", "", "not-asyncapi"],
    ["invalid 3.0 (no info)", "asyncapi: 3.0.0\nchannels: {}", "asyncapi-document-resolved"],
    ["invalid JSON", '{"asyncapi": "3.0.0",', "unparsable"],
  ])("%s → %s", async (_name, text, code) => {
    const diagnostics = await refusal(text);
    expect(diagnostics.map((d) => d.code)).toContain(code);
    for (const diagnostic of diagnostics) {
      expect(diagnostic.file).toBe("input.yaml");
      expect(diagnostic.line).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("a YAML syntax error is reported once, at its line and column", () => {
  it.each([
    ["an unclosed [", "asyncapi: 3.0.0\ninfo:\n  title: x\n  version: 1.0.0\n  tags: [ a, b\nchannels: {}\n", 6, "]"],
    ["a tab as indentation", "asyncapi: 3.0.0\ninfo:\n\ttitle: x\n  version: 1.0.0\n", 3, "Tabs"],
  ])("%s", async (_name, text, line, mention) => {
    const diagnostics = await refusal(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "unparsable", line });
    expect(diagnostics[0]?.column).toBeGreaterThanOrEqual(1);
    expect(diagnostics[0]?.message).toContain(mention);
    expect(formatDiagnostic(diagnostics[0] as Diagnostic)).toMatch(
      new RegExp(`^input\\.yaml:${line}:\\d+ error unparsable`),
    );
  });
});
