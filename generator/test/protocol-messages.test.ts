import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { Diagnostic } from "../src/diagnostics.js";
import {
  declarationOf,
  inlineDocument,
  inlinePath,
  inlineSpec,
  type Json,
  type JsonObject,
  keyedPayload,
  lineContaining,
  runInline,
} from "./support/inline-spec.js";

/**
 * Message headers, correlation ids and replies as AsyncAPI documents write them: typed and validated
 * where wiretype can, a located warning where a WebSocket connection cannot carry them.
 */

const traceHeaders: Json = {
  type: "object",
  required: ["traceId"],
  properties: { traceId: { type: "string", minLength: 8 }, replyTo: { type: "string" } },
};

async function generated(
  text: string,
): Promise<{ files: Readonly<Record<string, string>>; warnings: readonly Diagnostic[] }> {
  const result = await runInline(text);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result;
}

function warning(warnings: readonly Diagnostic[], code: string): Diagnostic {
  const found = warnings.find((item) => item.code === code);
  if (found === undefined) throw new Error(`no ${code} warning among ${warnings.map((w) => w.code).join(", ")}`);
  expect(found.severity).toBe("warning");
  expect(found.file).toBe(inlinePath);
  return found;
}

function askWith(extra: JsonObject, operation: JsonObject = {}): string {
  return inlineSpec({
    messages: {
      ask: { payload: keyedPayload("ask", { requestId: { type: "string" } }), extra, operation },
      answer: { action: "send", payload: keyedPayload("answer", { requestId: { type: "string" } }) },
    },
  });
}

describe("message headers", () => {
  it("get an interface, a zod schema and a guard, exported", async () => {
    const { files } = await generated(askWith({ headers: traceHeaders }));
    expect(declarationOf(files["src/types.gen.ts"] ?? "", "export interface AskHeaders")).toContain("traceId: string;");
    expect(files["src/schemas.gen.ts"]).toContain("export const askHeadersSchema");
    expect(files["src/guards.gen.ts"]).toContain("export function isAskHeaders(");
  });

  it("over WebSocket: a warning, located, says the client and server do not carry them", async () => {
    const text = askWith({ headers: traceHeaders });
    const { warnings } = await generated(text);
    const found = warning(warnings, "headers-not-carried");
    expect(found.pointer).toBe("/components/messages/ask/headers");
    expect(found.line).toBe(lineContaining(text, "headers:", "  messages:"));
    expect(found.message).toContain("AskHeaders");
  });

  it("no warning when the payload repeats every header field", async () => {
    const { warnings } = await generated(
      askWith({ headers: { type: "object", properties: { requestId: { type: "string" } } } }),
    );
    expect(warnings.map((item) => item.code)).not.toContain("headers-not-carried");
  });

  it("over a transport with headers (MQTT): typed and validated, no warning", async () => {
    const document = inlineDocument({
      messages: { ask: { payload: keyedPayload("ask"), extra: { headers: traceHeaders } } },
    });
    const text = stringify({ ...document, servers: { broker: { host: "broker.example.com", protocol: "mqtt" } } });
    const { files, warnings } = await generated(text);
    expect(files["src/types.gen.ts"]).toContain("export interface AskHeaders");
    expect(warnings.map((item) => item.code)).not.toContain("headers-not-carried");
  });

  it("a headers schema that is a component keeps the component's name", async () => {
    const text = inlineSpec({
      schemas: { Trace: traceHeaders },
      messages: { ask: { payload: keyedPayload("ask"), extra: { headers: { $ref: "#/components/schemas/Trace" } } } },
    });
    const { files, warnings } = await generated(text);
    expect(files["src/types.gen.ts"]).not.toContain("AskHeaders");
    expect(warning(warnings, "headers-not-carried").message).toContain("`Trace`");
  });
});

describe("correlation ids", () => {
  it("in the payload: the descriptor pairs requests and answers by it", async () => {
    const correlationId = { location: "$message.payload#/requestId" };
    const text = inlineSpec({
      messages: {
        ask: {
          payload: keyedPayload("ask", { requestId: { type: "string" } }),
          reply: ["answer"],
          extra: { correlationId },
        },
        answer: {
          replyOnly: true,
          payload: keyedPayload("answer", { requestId: { type: "string" } }),
          extra: { correlationId },
        },
      },
    });
    const { files, warnings } = await generated(text);
    const descriptor = files["src/protocol.gen.ts"] ?? "";
    expect(descriptor).toContain('ask: ["requestId"],');
    expect(descriptor).toContain('answer: ["requestId"],');
    expect(warnings).toEqual([]);
  });

  it("in a header: left out over WebSocket, with a located warning", async () => {
    const text = askWith({ headers: traceHeaders, correlationId: { location: "$message.header#/traceId" } });
    const { files, warnings } = await generated(text);
    const found = warning(warnings, "header-correlation-ignored");
    expect(found.pointer).toBe("/components/messages/ask/correlationId");
    expect(found.line).toBe(lineContaining(text, "correlationId:"));
    expect(files["src/protocol.gen.ts"]).not.toContain('["traceId"]');
  });
});

describe("replies", () => {
  it("a reply without messages takes what the other side sends on its channel", async () => {
    const text = askWith({}, { reply: { channel: { $ref: "#/channels/main" } } });
    const { files } = await generated(text);
    expect(declarationOf(files["src/types.gen.ts"] ?? "", "export interface InlineClientReplies")).toContain(
      "ask: Answer;",
    );
    expect(files["src/protocol.gen.ts"]).toContain('ask: { keys: ["answer"], failures: [] },');
    expect(files["src/client.gen.ts"]).toContain(
      'ask(message: InlineClientMessages["ask"], options?: RequestOptions): Promise<Answer>;',
    );
  });

  it("a reply address expression is reported over WebSocket: answers come on the same connection", async () => {
    const text = askWith(
      { headers: traceHeaders },
      { reply: { address: { location: "$message.header#/replyTo" }, channel: { $ref: "#/channels/main" } } },
    );
    const { files, warnings } = await generated(text);
    const found = warning(warnings, "reply-address-ignored");
    expect(found.pointer).toBe("/operations/ask/reply/address");
    expect(found.message).toContain("same WebSocket connection");
    expect(files["src/protocol.gen.ts"]).toContain('ask: { keys: ["answer"], failures: [] },');
  });
});
