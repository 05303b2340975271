import { createKurentoRoomClient } from "@wiretype/kurento-room/client";
import type { FrameError, SocketIoConnect } from "@wiretype/runtime";
import { createVertoClient } from "@wiretype/verto/client";
import { createVoxyClient } from "@wiretype/voxy/client";
import { createWorkspaceClient } from "@wiretype/workspace/client";
import { createYueyueClient } from "@wiretype/yueyue/client";
import { io as connectV4 } from "socket.io-client";
import { WebSocket } from "ws";
import { onCleanup } from "../../support/lifecycle.js";
import type { FuzzProtocol, Profile } from "./profiles.js";

/** What the suites use of a generated client, by wire name (the storms are not typed messages). */
export interface LooseClient {
  readonly state: string;
  connect(): Promise<void>;
  close(): Promise<void>;
  on(key: string, handler: (message: unknown) => void): () => void;
  onEvent(event: "invalid", handler: (error: FrameError) => void): () => void;
}

const connectV4Io: SocketIoConnect = (url, options) =>
  connectV4(url, options) as unknown as ReturnType<SocketIoConnect>;

const factories: Record<FuzzProtocol, (port: number) => unknown> = {
  voxy: (port) => createVoxyClient({ url: `ws://127.0.0.1:${port}/`, WebSocket, reconnect: false }),
  yueyue: (port) =>
    createYueyueClient({ url: `ws://127.0.0.1:${port}/`, query: { sid: "1s" }, WebSocket, reconnect: false }),
  "kurento-room": (port) => createKurentoRoomClient({ url: `ws://127.0.0.1:${port}/`, WebSocket, reconnect: false }),
  verto: (port) => createVertoClient({ url: `ws://127.0.0.1:${port}/`, WebSocket, reconnect: false }),
  workspace: (port) =>
    createWorkspaceClient({
      url: `http://127.0.0.1:${port}`,
      io: connectV4Io,
      reconnect: false,
      ioOptions: { transports: ["websocket"] },
    }),
};

/** A generated client of `protocol` pointed at the hostile server, closed after the test. */
export function fuzzClient(protocol: FuzzProtocol, port: number): LooseClient {
  const client = factories[protocol](port) as LooseClient;
  onCleanup(() => client.close());
  return client;
}

/** Counts what a client reported: refused frames (`invalid`) and messages delivered to `on(key)` listeners. */
export function countReports(profile: Profile, client: LooseClient) {
  const counts = {
    invalid: 0,
    delivered: 0,
    deliveredSamples: [] as string[],
    invalidKinds: {} as Record<string, number>,
  };
  client.onEvent("invalid", (error) => {
    counts.invalid += 1;
    counts.invalidKinds[error.kind] = (counts.invalidKinds[error.kind] ?? 0) + 1;
  });
  for (const key of profile.server.keys) {
    client.on(key, (message) => {
      counts.delivered += 1;
      if (counts.deliveredSamples.length < 3)
        counts.deliveredSamples.push(`${key}: ${JSON.stringify(message).slice(0, 160)}`);
    });
  }
  return counts;
}
