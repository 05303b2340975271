import { createServer as createHttpServer } from "node:http";
import { kurentoRoomProtocol } from "@wiretype/kurento-room/protocol";
import { createServer } from "@wiretype/runtime/server";
import { workspaceProtocol } from "@wiretype/workspace/protocol";
import { Server as ServerV4 } from "socket.io";
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { onCleanup, RawClient, waitFor } from "./support.js";

describe("graceful shutdown", () => {
  it("closes every WebSocket with 1001, resolves when all are closed, and stops accepting", async () => {
    const server = createServer(kurentoRoomProtocol, {});
    const { port } = await server.listen();
    const clients = await Promise.all([RawClient.connect(port), RawClient.connect(port), RawClient.connect(port)]);
    const disconnected: string[] = [];
    server.onEvent("disconnect", (connection) => disconnected.push(connection.id));
    await server.close();
    expect(disconnected).toHaveLength(3);
    expect(server.connections.size).toBe(0);
    expect(await Promise.all(clients.map((client) => client.closed()))).toEqual([1001, 1001, 1001]);
    const late = new WebSocket(`ws://127.0.0.1:${port}/`);
    await expect(new Promise((resolve, reject) => late.once("open", resolve).once("error", reject))).rejects.toThrow();
  });

  it("attaches to a given HTTP server and leaves it running after close", async () => {
    const http = createHttpServer((_request, response) => response.end("still here"));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    onCleanup(() => new Promise<void>((resolve) => http.close(() => resolve())));
    const address = http.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const server = createServer(kurentoRoomProtocol, { httpServer: http });
    expect((await server.listen()).port).toBe(port);
    const client = await RawClient.connect(port);
    await server.close();
    expect(await client.closed()).toBe(1001);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("still here");
  });

  it("disconnects Socket.IO clients and closes the server", async () => {
    const server = createServer(workspaceProtocol, { socketIo: ServerV4 });
    const { port } = await server.listen();
    const socket = io(`http://127.0.0.1:${port}`, { transports: ["websocket"], forceNew: true, reconnection: false });
    onCleanup(() => void socket.close());
    await waitFor(() => (socket.connected ? true : undefined));
    const reason = new Promise<string>((resolve) => socket.on("disconnect", resolve));
    await server.close();
    expect(await reason).toBe("io server disconnect");
    expect(server.connections.size).toBe(0);
  });
});
