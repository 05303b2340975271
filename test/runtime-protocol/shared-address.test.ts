import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createMarketFeedClient } from "../../generator/test/__snapshots__/market-feed/src/client.gen.js";
import { createMarketFeedServer } from "../../generator/test/__snapshots__/market-feed/src/server.gen.js";
import type { Trade } from "../../generator/test/__snapshots__/market-feed/src/types.gen.js";
import { onCleanup, waitFor } from "../support/lifecycle.js";

/**
 * The market-feed fixture: channels `quotes` and `trades` share `/marketdata/{symbol}`, so one client
 * and one server endpoint carry both. The subscription's reply lists no messages (its channel's server
 * messages answer it) and is paired by `requestId`.
 */

async function feedServer() {
  const server = createMarketFeedServer();
  onCleanup(() => server.close());
  server.on("subscribe", (message, context) => {
    context.reply({
      type: "subscribed",
      requestId: message.requestId,
      symbol: context.connection.parameters.symbol ?? "",
    });
    context.connection.send("trade", { type: "trade", price: 64210.5, size: 0.25 });
  });
  const { port } = await server.listen();
  return { server, port };
}

describe("channels sharing one address", () => {
  it("one connection carries the messages of both channels, with the path parameter", async () => {
    const { port } = await feedServer();
    const client = createMarketFeedClient({
      url: `ws://127.0.0.1:${port}`,
      WebSocket,
      reconnect: false,
      parameters: { symbol: "BTC/USD" },
    });
    onCleanup(() => client.close());
    const trades: Trade[] = [];
    client.on("trade", (trade) => trades.push(trade));
    await client.connect();
    const subscribed = await client.request.subscribe({ type: "subscribe", requestId: "r-1", depth: 10 });
    expect(subscribed).toEqual({ type: "subscribed", requestId: "r-1", symbol: "BTC/USD" });
    await waitFor(() => trades[0], 3_000, "a trade");
    expect(trades).toEqual([{ type: "trade", price: 64210.5, size: 0.25 }]);
  });
});
