import { createClientWith } from "@wiretype/runtime";
import { vertoProtocol } from "@wiretype/verto/protocol";
import { workspaceProtocol } from "@wiretype/workspace/protocol";
import { yueyueProtocol } from "@wiretype/yueyue/protocol";
import { describe, expect, it } from "vitest";
import { fakeTransport } from "../support/fake-transports.js";

// A client built without a feature its protocol needs says so on connect, instead of misbehaving.
describe("createClientWith: the features a protocol needs", () => {
  const transport = fakeTransport();
  const options = {
    url: "ws://127.0.0.1:1/",
    WebSocket: transport.WebSocket,
    io: transport.io,
    reconnect: false,
  } as const;

  it("refuses to connect a JSON-RPC protocol without rpcInbound", async () => {
    const client = createClientWith(vertoProtocol, options, {});
    await expect(client.connect()).rejects.toThrow("JSON-RPC framing needs the rpcInbound feature");
  });

  it("refuses to connect a Socket.IO protocol without openSocketIo", async () => {
    const client = createClientWith(workspaceProtocol, options, {});
    await expect(client.connect()).rejects.toThrow("Socket.IO framing needs the openSocketIo feature");
  });

  it("refuses to connect a protocol that signs client messages without sign", async () => {
    const client = createClientWith(yueyueProtocol, { ...options, query: { sid: "s" } }, {});
    await expect(client.connect()).rejects.toThrow("signed messages need the sign feature");
  });
});
