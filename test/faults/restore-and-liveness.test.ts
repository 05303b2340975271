import type { ConnectionState, SocketIoConnect } from "@wiretype/runtime";
import { createVertoClient } from "@wiretype/verto/client";
import type { VertoEvent } from "@wiretype/verto/types";
import { createWorkspaceClient } from "@wiretype/workspace/client";
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { onCleanup, waitFor } from "../support/lifecycle.js";
import { ChildServer } from "./support/child-server.js";
import { sleep } from "./support/stream.js";

const heartbeatChannel = "FSevent.heartbeat";
const leftChannel = "conference-chat.3000@seven.local";

/** Asks the server for events on `room` until one reaches a subscriber (the restore is asynchronous). */
async function eventReachesSubscriber(server: ChildServer, room: string, ms = 5_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    const count = await server.toRoom(room);
    if (count > 0) return count;
    await sleep(20);
  }
  return 0;
}

function recordStates(client: { onEvent(event: "state", handler: (state: ConnectionState) => void): unknown }) {
  const states: { readonly state: ConnectionState; readonly at: number }[] = [];
  client.onEvent("state", (state) => states.push({ state, at: Date.now() }));
  return states;
}

describe("faults: sessions and subscriptions come back after a server restart", () => {
  it("verto: the subscriptions still in effect are restored, the left one is not", async () => {
    const server = await ChildServer.start("verto");
    const sessid = "5f9c1c5e-2b0d-4a6f-9a61-7d1f4a3b2c10";
    const client = createVertoClient({
      url: server.url,
      WebSocket,
      reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
      handshake: () => ({ login: "1000@seven.local", passwd: "secret", sessid }),
    });
    onCleanup(() => client.close());
    const events: VertoEvent[] = [];
    client.on("verto.event", (event) => events.push(event));
    await client.connect();
    await client.request.vertoSubscribe({ eventChannel: [heartbeatChannel, leftChannel], sessid });
    await client.request.vertoUnsubscribe({ eventChannel: leftChannel, sessid });
    expect(await server.toRoom(heartbeatChannel)).toBe(1);

    await server.kill();
    await server.restart();
    expect(await eventReachesSubscriber(server, heartbeatChannel)).toBe(1);
    expect(await server.toRoom(leftChannel)).toBe(0);
    await waitFor(() => (events.length >= 2 ? true : undefined), 3_000, "the event after the restart");
    expect(events.map((event) => event.eventChannel)).toEqual([heartbeatChannel, heartbeatChannel]);
    expect(server.received().filter((line) => line.startsWith("login"))).toEqual([
      `login ${sessid}`,
      `login ${sessid}`,
    ]);
  });
});

describe("faults: dead peer detection per protocol", () => {
  it("verto: a frozen server is detected within deadPeerTimeoutMs ±10%", async () => {
    const deadPeerTimeoutMs = 800;
    const server = await ChildServer.start("verto");
    const client = createVertoClient({
      url: server.url,
      WebSocket,
      reconnect: false,
      deadPeerTimeoutMs,
      handshake: () => ({ login: "1000@seven.local", passwd: "secret" }),
    });
    onCleanup(() => client.close());
    const states = recordStates(client);
    await client.connect();
    await sleep(100);
    server.freeze();
    const frozenAt = Date.now();
    const closed = await waitFor(() => states.find((entry) => entry.state === "closed"), 3_000, "the detection");
    const detectionMs = closed.at - frozenAt;
    console.log(
      `[faults] verto frozen server detected after ${detectionMs} ms (deadPeerTimeoutMs ${deadPeerTimeoutMs})`,
    );
    expect(detectionMs).toBeGreaterThanOrEqual(deadPeerTimeoutMs * 0.9);
    expect(detectionMs).toBeLessThanOrEqual(deadPeerTimeoutMs * 1.1);
  });

  it("workspace (Socket.IO 4): the transport's own ping/pong detects a frozen server within pingInterval + pingTimeout", async () => {
    const pingIntervalMs = 300;
    const pingTimeoutMs = 200;
    const server = await ChildServer.start("workspace", {
      PING_INTERVAL_MS: String(pingIntervalMs),
      PING_TIMEOUT_MS: String(pingTimeoutMs),
    });
    const client = createWorkspaceClient({
      url: `http://127.0.0.1:${server.port}`,
      io: io as unknown as SocketIoConnect,
      reconnect: false,
      ioOptions: { transports: ["websocket"] },
    });
    onCleanup(() => client.close());
    const states = recordStates(client);
    await client.connect();
    await sleep(pingIntervalMs * 2);
    server.freeze();
    const frozenAt = Date.now();
    const closed = await waitFor(() => states.find((entry) => entry.state === "closed"), 3_000, "the detection");
    const detectionMs = closed.at - frozenAt;
    const bound = pingIntervalMs + pingTimeoutMs;
    console.log(`[faults] workspace (Socket.IO) frozen server detected after ${detectionMs} ms (bound ${bound} ms)`);
    expect(detectionMs).toBeGreaterThanOrEqual(pingTimeoutMs * 0.9);
    expect(detectionMs).toBeLessThanOrEqual(bound * 1.1);
  });
});
