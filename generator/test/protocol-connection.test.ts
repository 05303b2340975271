import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { Diagnostic } from "../src/diagnostics.js";
import { declarationOf, inlineSpec, type JsonObject, keyedPayload, runInline } from "./support/inline-spec.js";

/**
 * The connection as the document describes it: several channels on one address are one connection,
 * address parameters and `bindings.ws` query and headers become typed client options.
 */

async function generated(
  text: string,
): Promise<{ files: Readonly<Record<string, string>>; warnings: readonly Diagnostic[] }> {
  const result = await runInline(text);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result;
}

function channel(address: string, keys: readonly string[], discriminator = "type"): JsonObject {
  return {
    address,
    "x-wiretype-framing": { kind: "json", discriminator },
    messages: Object.fromEntries(keys.map((key) => [key, { $ref: `#/components/messages/${key}` }])),
  };
}

/** A payload keyed by `discriminator`. */
function keyed(discriminator: string, wireName: string): JsonObject {
  return { type: "object", required: [discriminator], properties: { [discriminator]: { const: wireName } } };
}

function operation(channelId: string, key: string, action: "send" | "receive"): JsonObject {
  return {
    action,
    channel: { $ref: `#/channels/${channelId}` },
    messages: [{ $ref: `#/channels/${channelId}/messages/${key}` }],
  };
}

/** `trades` and `orders` on `/live` (one connection), `status` on `/status` (another). */
function twoChannelsOneAddress(ordersKey = "type"): string {
  return stringify({
    asyncapi: "3.1.0",
    info: { title: "Exchange", version: "1.0.0" },
    channels: {
      trades: channel("/live", ["subscribeTrades", "trade"]),
      orders: channel("/live", ["placeOrder", "orderUpdate"], ordersKey),
      status: channel("/status", ["health"]),
    },
    operations: {
      subscribeTrades: operation("trades", "subscribeTrades", "receive"),
      trade: operation("trades", "trade", "send"),
      placeOrder: operation("orders", "placeOrder", "receive"),
      orderUpdate: operation("orders", "orderUpdate", "send"),
      health: operation("status", "health", "send"),
    },
    components: {
      messages: Object.fromEntries(
        ["subscribeTrades", "trade", "placeOrder", "orderUpdate", "health"].map((key) => [
          key,
          { name: key, payload: keyed(key === "placeOrder" || key === "orderUpdate" ? ordersKey : "type", key) },
        ]),
      ),
    },
  });
}

describe("channels on one address", () => {
  it("are one connection: one descriptor, one client and one server, every message dispatched together", async () => {
    const { files } = await generated(twoChannelsOneAddress());
    const descriptor = files["src/protocol.gen.ts"] ?? "";
    expect(descriptor.match(/export const \w+: ProtocolDescriptor/g)).toHaveLength(2);
    expect(descriptor).toContain('keys: ["placeOrder", "subscribeTrades"],');
    expect(descriptor).toContain('keys: ["orderUpdate", "trade"],');
    const client = files["src/client.gen.ts"] ?? "";
    expect(client.match(/export function create\w+Client/g)).toEqual([
      "export function createInlineStatusClient",
      "export function createInlineTradesClient",
    ]);
    expect(files["src/server.gen.ts"]?.match(/export function create\w+Server/g)).toHaveLength(2);
  });

  it("stay apart, with a located warning, when their framings differ", async () => {
    const { files, warnings } = await generated(twoChannelsOneAddress("kind"));
    expect(files["src/client.gen.ts"]?.match(/export function create\w+Client/g)).toHaveLength(3);
    const found = warnings.find((item) => item.code === "channels-not-merged");
    expect(found?.pointer).toBe("/channels/orders");
    expect(found?.line).toBeGreaterThan(1);
  });
});

describe("address parameters, query and headers", () => {
  const text = inlineSpec({
    channel: {
      address: "/v1/marketdata/{symbol}/{depth}",
      parameters: {
        symbol: { description: "Instrument, e.g. BTC-USD." },
        depth: { enum: ["1", "10"], default: "10" },
      },
      bindings: {
        ws: {
          query: {
            type: "object",
            required: ["key"],
            properties: { key: { type: "string" }, snapshot: { type: "boolean" } },
          },
          headers: { type: "object", properties: { Authorization: { type: "string" } } },
        },
      },
    },
    messages: { update: { action: "send", payload: keyedPayload("update") } },
  });

  it("the descriptor lists the parameters with their defaults", async () => {
    const { files } = await generated(text);
    expect(files["src/protocol.gen.ts"]).toContain(
      'parameters: [{ name: "depth", default: "10" }, { name: "symbol" }],',
    );
  });

  it("the client takes them as typed options", async () => {
    const { files } = await generated(text);
    const client = files["src/client.gen.ts"] ?? "";
    const options = declarationOf(client, "export type InlineClientOptions");
    expect(options).toContain('Omit<ClientOptions<InlineClientMessages>, "parameters" | "query" | "headers">');
    const parameters = options.slice(options.indexOf("readonly parameters"), options.indexOf("readonly query"));
    expect(parameters).toContain("readonly symbol: string;");
    expect(parameters).toContain('readonly depth?: "1" | "10";');
    expect(options).toMatch(/readonly query: \{[^}]*readonly key: string;[^}]*readonly snapshot\?: boolean;/s);
    expect(options).toMatch(/readonly headers\?: \{[^}]*readonly Authorization\?: string;/s);
    expect(client).toContain("export function createInlineClient(options: InlineClientOptions): InlineClient");
  });

  it("a channel without them keeps the runtime's ClientOptions", async () => {
    const { files } = await generated(
      inlineSpec({ messages: { update: { action: "send", payload: keyedPayload("update") } } }),
    );
    expect(files["src/client.gen.ts"]).toContain(
      "export function createInlineClient(options: ClientOptions<InlineClientMessages>)",
    );
    expect(files["src/protocol.gen.ts"]).not.toContain("parameters:");
  });
});
