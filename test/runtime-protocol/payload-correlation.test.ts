import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createRpcCorrelationClient } from "../../generator/test/__snapshots__/rpc-correlation/src/client.gen.js";
import { createRpcCorrelationServer } from "../../generator/test/__snapshots__/rpc-correlation/src/server.gen.js";
import { Cleanup, startWsServer } from "../runtime-client/support.js";
import { onCleanup } from "../support/lifecycle.js";

/**
 * The rpc-correlation fixture: JSON frames keyed by `op`, whose requests and answers carry
 * `correlationId: $message.payload#/requestId`. Two requests in flight, answered out of order: each
 * resolves with the answer carrying its own id.
 */

const cleanup = new Cleanup();
onCleanup(() => cleanup.run());

const getQuote = (requestId: string, symbol: string) => ({ op: "getQuote", requestId, symbol }) as const;

describe("payload correlation id over json framing", () => {
  it("pairs each request with the answer carrying its id, whatever the order of the answers", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = createRpcCorrelationClient({ url, WebSocket, reconnect: false });
    cleanup.add(() => client.close());
    await client.connect();
    const first = client.request.getQuote(getQuote("q-1", "ACME"));
    const second = client.request.getQuote(getQuote("q-2", "INIT"));
    const peer = await peers.next();
    const asked = [await peer.messages.next(), await peer.messages.next()];
    expect(asked.map((frame) => frame.requestId)).toEqual(["q-1", "q-2"]);
    peer.send({ op: "quote", requestId: "q-2", symbol: "INIT", bid: 2, ask: 2.5 });
    peer.send({ op: "quote", requestId: "q-1", symbol: "ACME", bid: 10, ask: 10.5 });
    expect((await first).symbol).toBe("ACME");
    expect((await second).symbol).toBe("INIT");
  });

  it("a failure answer rejects only the request whose id it carries", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = createRpcCorrelationClient({ url, WebSocket, reconnect: false });
    cleanup.add(() => client.close());
    await client.connect();
    const first = client.request.getQuote(getQuote("q-1", "ACME"));
    const second = client.request.getQuote(getQuote("q-2", "INIT"));
    const peer = await peers.next();
    await peer.messages.next();
    await peer.messages.next();
    peer.send({ op: "error", requestId: "q-2", code: "unknown-symbol", message: "No such symbol: INIT" });
    peer.send({ op: "quote", requestId: "q-1", symbol: "ACME", bid: 10, ask: 10.5 });
    await expect(second).rejects.toMatchObject({ reason: "failed" });
    expect((await first).symbol).toBe("ACME");
  });

  it("the generated server fills the request's id into its answer, so a slower first answer still pairs", async () => {
    const server = createRpcCorrelationServer();
    cleanup.add(() => server.close());
    server.on("getQuote", async (message, context) => {
      // The first request is answered last.
      if (message.symbol === "ACME") await new Promise((resolve) => setTimeout(resolve, 50));
      context.reply({ op: "quote", requestId: "overwritten", symbol: message.symbol, bid: 1, ask: 2 });
    });
    const { port } = await server.listen();
    const client = createRpcCorrelationClient({ url: `ws://127.0.0.1:${port}/desk`, WebSocket, reconnect: false });
    cleanup.add(() => client.close());
    await client.connect();
    const [first, second] = await Promise.all([
      client.request.getQuote(getQuote("q-1", "ACME")),
      client.request.getQuote(getQuote("q-2", "INIT")),
    ]);
    expect([first.symbol, first.requestId]).toEqual(["ACME", "q-1"]);
    expect([second.symbol, second.requestId]).toEqual(["INIT", "q-2"]);
  });
});
