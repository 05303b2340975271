// Consumer program (compiled with tsc against the package installed from the registry, then run): a
// server on 127.0.0.1 (port 0) and a client of the published package exchange joinRoom and its answer
// over a real WebSocket. Used once the package publishes `./client` and `./server`.
import { deepStrictEqual } from "node:assert/strict";
import { createKurentoRoomClient } from "@wiretype/kurento-room/client";
import { createKurentoRoomServer } from "@wiretype/kurento-room/server";
import WebSocket from "ws";

const existing = { id: "existingParticipants", members: [{ userId: "2", video: false, audio: true }] } as const;

const server = createKurentoRoomServer({ port: 0, host: "127.0.0.1" });
server.on("joinRoom", () => ({ ...existing, members: [...existing.members] }));
const { port } = await server.listen();
const client = createKurentoRoomClient({ url: `ws://127.0.0.1:${port}/`, WebSocket, reconnect: false });
try {
  await client.connect();
  const answer = await client.requestMessage("joinRoom", {
    id: "joinRoom",
    token: "t0k3n",
    userId: "1",
    communityId: "1",
    roomId: "c-10",
    video: false,
    audio: true,
  });
  deepStrictEqual(answer, existing);
  console.log(JSON.stringify({ mode: "client-server", port }));
} finally {
  await client.close();
  await server.close();
}
