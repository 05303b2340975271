import { describe, expect, it } from "vitest";
import { resolveProtocol } from "../src/ir/resolve-protocol.js";
import type { Channel, Message, Operation, Protocol } from "../src/ir/types.js";

/** A message of the hand-made protocol below: only what the resolver reads is meaningful. */
function message(id: string, wireName: string, extra: Partial<Message> = {}): Message {
  return {
    id,
    typeName: id,
    wireName,
    senders: [],
    payload: { kind: "any", docs: {} },
    isError: false,
    examples: [],
    pointer: `/components/messages/${id}`,
    ...extra,
  };
}

function operation(id: string, sender: "client" | "server", messages: string[], replies: string[] = []): Operation {
  return { id, channel: "main", sender, messages, replies, forward: [] };
}

const channel: Channel = {
  id: "main",
  address: "/",
  parameters: [],
  framing: { kind: "json", discriminator: "type", frames: ["text"] },
  framingOrigin: { source: "extension" },
  transport: "ws",
};

const protocol: Protocol = {
  id: "resolved",
  specPath: "resolved.yaml",
  title: "Resolved",
  version: "1.0.0",
  packageName: "@wiretype/resolved",
  identifier: "Resolved",
  servers: [],
  channels: [channel],
  schemas: [],
  messages: [
    message("subscribeV2", "subscribe"),
    message("subscribeV1", "subscribe"),
    message("subscribed", "subscribed"),
    message("denied", "denied", { isError: true }),
    message("tick", "tick"),
    message("pingResult", "pingResult", { rpc: "result" }),
  ],
  operations: [
    operation("subscribe", "client", ["subscribeV1", "subscribeV2"], ["subscribed", "denied"]),
    operation("tick", "server", ["tick"]),
    operation("ghost", "client", ["missing"], ["pingResult"]),
    { ...operation("elsewhere", "client", ["tick"]), channel: "other" },
  ],
};

describe("the resolved protocol model", () => {
  const resolved = resolveProtocol(protocol);
  const client = resolved.side(channel, "client");

  it("groups what a side sends by wire key, one union per key, in the protocol's order", () => {
    expect(client.byKey.map(({ key, messages }) => [key, messages.map((m) => m.id)])).toEqual([
      ["subscribe", ["subscribeV2", "subscribeV1"]],
    ]);
    expect(resolved.side(channel, "server").sent.map((m) => m.id)).toEqual(["subscribed", "denied", "tick"]);
  });

  it("keeps JSON-RPC results out of what a side sends, and operations of other channels out of the channel", () => {
    expect(resolved.side(channel, "server").sent.map((m) => m.id)).not.toContain("pingResult");
    expect(resolved.channel(channel).operations.map((o) => o.id)).toEqual(["subscribe", "tick", "ghost"]);
  });

  it("joins answers to the asking message's key: listed order for the descriptor, component order for unions", () => {
    expect(client.replies.map(({ key, messages }) => [key, messages.map((m) => m.id)])).toEqual([
      ["subscribe", ["subscribed", "denied"]],
    ]);
    expect(client.replyUnions[0]?.messages.map((m) => m.id)).toEqual(["denied", "subscribed"]);
  });

  it("joins operations to their messages once, leaving out ids the document does not define", () => {
    expect(resolved.messagesOf("subscribe").map((m) => m.id)).toEqual(["subscribeV1", "subscribeV2"]);
    expect(resolved.messagesOf("ghost")).toEqual([]);
    expect(resolved.repliesOf("ghost").map((m) => m.id)).toEqual(["pingResult"]);
    expect(resolved.messagesOf("no-such-operation")).toEqual([]);
  });

  it("is built once per protocol", () => {
    expect(resolveProtocol(protocol)).toBe(resolved);
  });
});
