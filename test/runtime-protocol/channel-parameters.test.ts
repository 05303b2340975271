import { createServer as createHttpServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createChannelParametersClient } from "../../generator/test/__snapshots__/channel-parameters/src/client.gen.js";
import { createChannelParametersServer } from "../../generator/test/__snapshots__/channel-parameters/src/server.gen.js";
import { onCleanup, waitFor } from "../support/lifecycle.js";

/**
 * The channel-parameters fixture (`/rooms/{roomId}/streams/{streamId}`, a `token` query, an
 * `X-Client-Version` header), generated and used as published: the client builds the URL from its
 * typed options, the server accepts any path matching the template and reads the parameters back.
 */

async function captionServer() {
  const upgrades: IncomingMessage[] = [];
  const http = createHttpServer();
  http.on("upgrade", (request: IncomingMessage) => upgrades.push(request));
  const server = createChannelParametersServer({ httpServer: http });
  const connections: { parameters: Readonly<Record<string, string>>; query: Readonly<Record<string, string>> }[] = [];
  server.onEvent("connection", (connection) => connections.push(connection));
  onCleanup(() => server.close());
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  await server.listen();
  return { server, upgrades, connections, port: (http.address() as AddressInfo).port };
}

describe("channel parameters", () => {
  it("the client connects to the filled address (encoded) with its query and headers; the server reads them back", async () => {
    const { upgrades, connections, port } = await captionServer();
    const client = createChannelParametersClient({
      url: `ws://127.0.0.1:${port}`,
      WebSocket,
      reconnect: false,
      parameters: { roomId: "r/4821 ü" },
      query: { token: "0123456789abcdef", replay: 30 },
      headers: { "X-Client-Version": "2.1.0" },
    });
    onCleanup(() => client.close());
    await client.connect();
    const connection = await waitFor(() => connections[0], 3_000, "the connection");
    expect(upgrades[0]?.url).toBe("/rooms/r%2F4821%20%C3%BC/streams/main?token=0123456789abcdef&replay=30");
    expect(upgrades[0]?.headers["x-client-version"]).toBe("2.1.0");
    expect(connection.parameters).toEqual({ roomId: "r/4821 ü", streamId: "main" });
    expect(connection.query).toEqual({ token: "0123456789abcdef", replay: "30" });
  });

  it("an explicit parameter overrides the default; a trailing slash on the url is not doubled", async () => {
    const { connections, port } = await captionServer();
    const client = createChannelParametersClient({
      url: `ws://127.0.0.1:${port}/`,
      WebSocket,
      reconnect: false,
      parameters: { roomId: "lobby", streamId: "screen" },
      query: { token: "0123456789abcdef" },
    });
    onCleanup(() => client.close());
    await client.connect();
    const connection = await waitFor(() => connections[0], 3_000, "the connection");
    expect(connection.parameters).toEqual({ roomId: "lobby", streamId: "screen" });
  });

  it("the server refuses a path that does not match the address", async () => {
    const { port } = await captionServer();
    const socket = new WebSocket(`ws://127.0.0.1:${port}/rooms/lobby`);
    onCleanup(() => socket.terminate());
    const outcome = await new Promise<string>((resolve) => {
      socket.once("open", () => resolve("open"));
      socket.once("error", () => resolve("refused"));
      setTimeout(() => resolve("no answer"), 500).unref();
    });
    expect(outcome).not.toBe("open");
  });

  it("connect() fails with a clear message when a parameter without default is missing", async () => {
    const client = createChannelParametersClient({
      url: "ws://127.0.0.1:1",
      WebSocket,
      reconnect: false,
      // A caller outside TypeScript's checks.
      parameters: {} as { roomId: string },
      query: { token: "0123456789abcdef" },
    });
    await expect(client.connect()).rejects.toThrow("`roomId`");
  });

  it("headers are refused up front with a WebSocket implementation that cannot send them (browsers)", async () => {
    class BrowserLikeWebSocket extends WebSocket {
      constructor(url: string) {
        super(url);
      }
    }
    const client = createChannelParametersClient({
      url: "ws://127.0.0.1:1",
      WebSocket: BrowserLikeWebSocket,
      reconnect: false,
      parameters: { roomId: "lobby" },
      query: { token: "0123456789abcdef" },
      headers: { "X-Client-Version": "2.1.0" },
    });
    await expect(client.connect()).rejects.toThrow("cannot set request headers");
  });
});
