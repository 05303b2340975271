import { createClientWith, type FrameError, jsonRpcClientFeature } from "@wiretype/runtime";
import type { VertoClientMessages, VertoServerMessages } from "@wiretype/verto";
import { vertoProtocol } from "@wiretype/verto/protocol";
import type { VoxyClientMessages, VoxyServerMessages } from "@wiretype/voxy";
import { voxyProtocol } from "@wiretype/voxy/protocol";
import { describe, expect, it } from "vitest";
import { vertoClientProtocol } from "../../packages/verto/src/client-protocol.gen.js";
import { voxyClientProtocol } from "../../packages/voxy/src/client-protocol.gen.js";
import { fakeTransport } from "../support/fake-transports.js";
import { readSpecData } from "../support/spec-files.js";

// Frames arrive synchronously here (a fake transport): a valid frame takes the fast path when nothing
// waits, and waits behind a refused frame whose explanation (zod) is still loading.

/** An explanation source the test releases by hand. */
function heldExplanation<T>(full: T): { load: () => Promise<T>; release: () => void } {
  let release = () => {};
  const loaded = new Promise<T>((resolve) => {
    release = () => resolve(full);
  });
  return { load: () => loaded, release };
}

/** Resolves once every pending promise job (the explanation and the frames behind it) has run. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const url = "ws://127.0.0.1:1/";
const bindResult = { action: "bind", content: "ok", link_id: 7, time: "12:00", list: [], category: "system" };

describe("client inbound order with the fast path", () => {
  it("keyed frames: valid frames behind a refused one wait for its explanation, then go straight through", async () => {
    const explanation = heldExplanation(voxyProtocol);
    const transport = fakeTransport();
    const client = createClientWith<VoxyClientMessages, VoxyServerMessages>(
      { ...voxyClientProtocol, explain: explanation.load },
      { url, WebSocket: transport.WebSocket, reconnect: false },
      {},
    );
    const log: string[] = [];
    client.onEvent("invalid", (error: FrameError) => log.push(`invalid ${error.issues.map((issue) => issue.path)}`));
    client.on("bind", (message) => log.push(`bind ${message.link_id}`));
    await client.connect();
    transport.receive(JSON.stringify({ ...bindResult, link_id: "seven" }));
    transport.receive(JSON.stringify({ ...bindResult, link_id: 1 }));
    transport.receive(JSON.stringify({ ...bindResult, link_id: 2 }));
    expect(log).toEqual([]);
    explanation.release();
    await settled();
    transport.receive(JSON.stringify({ ...bindResult, link_id: 3 }));
    expect(log).toEqual(["invalid link_id", "bind 1", "bind 2", "bind 3"]);
    await client.close();
  });

  it("JSON-RPC frames: notifications behind a refused one wait for its explanation, then go straight through", async () => {
    const explanation = heldExplanation(vertoProtocol);
    const transport = fakeTransport();
    const client = createClientWith<VertoClientMessages, VertoServerMessages>(
      { ...vertoClientProtocol, explain: explanation.load },
      { url, WebSocket: transport.WebSocket, reconnect: false },
      { rpcInbound: jsonRpcClientFeature },
    );
    const spec = readSpecData("verto") as {
      components: { messages: { vertoEvent: { examples: { payload: object }[] } } };
    };
    const params = spec.components.messages.vertoEvent.examples[0]?.payload;
    const notification = (serno: unknown) =>
      JSON.stringify({ jsonrpc: "2.0", method: "verto.event", params: { ...params, eventSerno: serno } });
    const log: string[] = [];
    client.onEvent("invalid", (error: FrameError) => log.push(`invalid ${error.issues.map((issue) => issue.path)}`));
    client.on("verto.event", (message) => log.push(`event ${message.eventSerno}`));
    await client.connect();
    transport.receive(notification("x"));
    transport.receive(notification(1));
    expect(log).toEqual([]);
    explanation.release();
    await settled();
    transport.receive(notification(2));
    expect(log).toEqual(["invalid eventSerno", "event 1", "event 2"]);
    await client.close();
  });
});
