import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { generate } from "../src/pipeline.js";
import {
  declarationOf,
  generateFiles,
  inlineDocument,
  inlineSpec,
  type JsonObject,
  runInline,
} from "./support/inline-spec.js";

/**
 * Framing inference: documents without `x-wiretype-framing` (as people write them) still generate,
 * keyed by the constant every message fixes, by shape, or as JSON-RPC; transports other than
 * WebSocket get no client; the package is named after `info.title`.
 */

const object = (properties: JsonObject, required: readonly string[] = []): JsonObject => ({
  type: "object",
  required: [...required],
  properties,
});

async function descriptor(text: string): Promise<string> {
  return (await generateFiles(text))["src/protocol.gen.ts"] ?? "";
}

describe("discriminator inference", () => {
  it("keys messages by the property every message fixes; the wire name is the constant, not `name`", async () => {
    const text = inlineSpec({
      framing: null,
      messages: {
        hello: {
          name: "Hello message",
          payload: object({ type: { const: "hi" }, nick: { type: "string" } }, ["type"]),
        },
        bye: { name: "Bye", payload: object({ type: { enum: ["bye"] } }), action: "send" },
      },
    });
    const protocol = await descriptor(text);
    expect(protocol).toContain('framing: { kind: "json", discriminator: "type", frames: ["text"] }');
    expect(protocol).toContain('keys: ["hi"]');
    expect(protocol).toContain('keys: ["bye"]');
  });

  it("prefers a property whose values are distinct, then the conventional names (event before action)", async () => {
    const payload = (event: string, action: string) =>
      object({ version: { const: "1" }, action: { const: action }, event: { const: event } });
    const text = inlineSpec({
      framing: null,
      messages: { first: { payload: payload("a", "x") }, second: { payload: payload("b", "y") } },
    });
    expect(await descriptor(text)).toContain('discriminator: "event"');
  });

  it("an explicit x-wiretype-framing still wins over what inference would pick", async () => {
    const text = inlineSpec({
      framing: { kind: "json", discriminator: "op" },
      messages: { probe: { payload: object({ op: { const: "probe" }, type: { const: "t" } }) } },
    });
    expect(await descriptor(text)).toContain('discriminator: "op"');
  });
});

describe("shape decoding", () => {
  const messages = {
    reading: { payload: object({ sensor: { type: "string" }, value: { type: "number" } }, ["sensor", "value"]) },
    status: { payload: object({ online: { type: "boolean" } }, ["online"]) },
  };

  it("no shared constant → json-shape, messages with more required members tried first", async () => {
    const files = await generateFiles(inlineSpec({ framing: null, messages }));
    expect(files["src/protocol.gen.ts"]).toContain(
      'framing: { kind: "json-shape", order: ["reading", "status"], frames: ["text"] }',
    );
    const dispatch = declarationOf(files["src/schemas.gen.ts"] ?? "", "export const inlineClientDispatch");
    expect(dispatch).toContain("createShapeDispatch<InlineClientMessages>(");
    expect(dispatch).toMatch(/order: \["reading", ?"status"\],/);
  });

  it("distinct required members → no overlap warning", async () => {
    const result = await runInline(inlineSpec({ framing: null, messages }));
    expect(result.ok && result.warnings.filter((w) => w.code === "overlapping-shapes")).toEqual([]);
  });

  it("shapes a frame can match both of → a warning naming both, located on the channel", async () => {
    const text = inlineSpec({
      framing: null,
      messages: {
        // Both require only `id`; `named` declares more, so it is tried first and takes `plain`'s frames.
        named: { payload: object({ id: { type: "string" }, name: { type: "string" } }, ["id"]) },
        plain: { payload: object({ id: { type: "string" } }, ["id"]) },
      },
    });
    const result = await runInline(text);
    if (!result.ok) throw new Error("expected the spec to generate");
    const overlaps = result.warnings.filter((w) => w.code === "overlapping-shapes");
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]?.message).toContain("`named` and `plain`");
    expect(overlaps[0]?.pointer).toBe("/channels/main");
    expect(overlaps[0]?.line).toBeGreaterThanOrEqual(1);
  });
});

describe("JSON-RPC recognised from its payloads", () => {
  it("jsonrpc: const 2.0 + a constant method → json-rpc framing, params as the payload, results by role", async () => {
    const text = inlineSpec({
      framing: null,
      messages: {
        add: {
          payload: object(
            {
              jsonrpc: { const: "2.0" },
              id: { type: "integer" },
              method: { const: "add" },
              params: object({ a: { type: "number" }, b: { type: "number" } }, ["a", "b"]),
            },
            ["jsonrpc", "id", "method", "params"],
          ),
          reply: ["sum"],
        },
        sum: {
          replyOnly: true,
          payload: object({ jsonrpc: { const: "2.0" }, id: { type: "integer" }, result: { type: "number" } }),
        },
      },
    });
    const files = await generateFiles(text);
    expect(files["src/protocol.gen.ts"]).toContain('framing: { kind: "json-rpc", version: "2.0", frames: ["text"] }');
    expect(files["src/types.gen.ts"]).toMatch(/export interface Add \{\s+a: number;\s+b: number;/);
    expect(files["src/schemas.gen.ts"]).toContain("createRpcDispatch<InlineClientMessages>(");
  });
});

/** The inline document with servers, as YAML. */
function withServers(protocol: string, info: JsonObject = {}): string {
  const document = inlineDocument({
    framing: null,
    info,
    messages: { probe: { payload: object({ type: { const: "probe" } }) } },
  });
  return stringify({ ...document, servers: { broker: { host: "broker.example.com", protocol } } });
}

describe("transports", () => {
  it("an MQTT document gets types, validators and dispatch, no client or server, and says so in the README", async () => {
    const files = await generateFiles(withServers("mqtt"));
    expect(Object.keys(files)).not.toContain("src/client.gen.ts");
    expect(Object.keys(files)).not.toContain("src/server.gen.ts");
    expect(files["src/schemas.gen.ts"]).toContain("createKeyedDispatch<InlineClientMessages>(");
    expect(JSON.parse(files["package.json"] ?? "{}").exports).not.toHaveProperty("./client");
    expect(files["README.md"]).toContain("**Transport:** `mqtt`.");
  });

  it("a wss server (or none) gets the WebSocket client and server", async () => {
    const files = await generateFiles(withServers("wss"));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["src/client.gen.ts", "src/server.gen.ts"]));
    expect(files["README.md"]).not.toContain("**Transport:**");
  });
});

describe("package names", () => {
  const source = (title: string, path = "docs/simple-asyncapi.yml", info: JsonObject = {}) => ({
    source: { path, text: inlineSpec({ framing: null, info: { title, ...info } }) },
  });

  it("comes from info.title, never from the file name; the folder is the name", async () => {
    const { packages } = await generate([source("Streetlights API (MQTT)")]);
    expect(packages[0]?.protocol.packageName).toBe("streetlights-api-mqtt");
    expect(packages[0]?.protocol.id).toBe("streetlights-api-mqtt");
  });

  it("--name wins over x-wiretype-package, which wins over the title; the folder drops the scope", async () => {
    const declared = source("Chat", "chat.yaml", { "x-wiretype-package": { name: "@acme/chat-sdk" } });
    const [fromExtension] = (await generate([declared])).packages;
    expect([fromExtension?.protocol.packageName, fromExtension?.protocol.id]).toEqual(["@acme/chat-sdk", "chat-sdk"]);
    const [fromFlag] = (await generate([{ ...declared, packageName: "@me/other" }])).packages;
    expect(fromFlag?.protocol.packageName).toBe("@me/other");
  });

  it("two documents that would write the same folder → an error naming both, nothing generated", async () => {
    const failure = await generate([source("Chat", "a/chat.yaml"), source("chat", "b/asyncapi.yaml")]).catch(
      (error: unknown) => error,
    );
    const diagnostics = (failure as { diagnostics?: { code: string; message: string; file: string }[] }).diagnostics;
    expect(diagnostics?.map((d) => [d.code, d.file])).toEqual([["same-folder", "b/asyncapi.yaml"]]);
    expect(diagnostics?.[0]?.message).toContain("a/chat.yaml");
  });
});
