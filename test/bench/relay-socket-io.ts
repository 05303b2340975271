/**
 * The Socket.IO half of the relay bench: a generated workspace server forwarding `conversation-broadcast`
 * to the sender's channel (the room `user-selected-channel` put both clients in, userId filled from that
 * announcement), against bare socket.io 4 doing the same room emit. Same socket.io-client 4 clients.
 */
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWorkspaceServer } from "@wiretype/workspace/server";
import { Server } from "socket.io";
import { io, type Socket } from "socket.io-client";
import { type Rate, startTiming } from "./relay-timing.js";

const channel = "c1";
const mediaState = { microphone: true, speakers: true, screen: false, camera: false, speaking: false };
const broadcast = (n: number) => ({ action: "sound", data: { name: "wave", n } });

function connect(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

/** Emits `messages` broadcasts from `sender`, at most `window` unanswered, timed by their arrival at `receiver`. */
function pump(sender: Socket, receiver: Socket, messages: number, window: number): Promise<Rate> {
  return new Promise((resolve) => {
    let sent = 0;
    let received = 0;
    const stop = startTiming();
    const fill = () => {
      while (sent < messages && sent - received < window) sender.emit("conversation-broadcast", broadcast(sent++));
    };
    receiver.on("conversation-broadcast", () => {
      received += 1;
      if (received === messages) resolve(stop(messages));
      else fill();
    });
    fill();
  });
}

/** Bare socket.io: each socket joins the channel; a broadcast goes to the channel with the sender's userId. */
export async function bareSocketIo(messages: number, window: number): Promise<Rate> {
  const http = createHttpServer();
  const server = new Server(http, { serveClient: false });
  server.on("connection", (socket) => {
    const userId = `user-${socket.id}`;
    void socket.join(channel);
    socket.on("conversation-broadcast", (message: { action: string; data?: unknown }) => {
      server.to(channel).emit("conversation-broadcast", { action: message.action, data: message.data, userId });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const [a, b] = [await connect(url), await connect(url)];
  const rate = await pump(a, b, messages, window);
  a.close();
  b.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return rate;
}

async function authenticated(url: string, user: string): Promise<Socket> {
  const socket = await connect(url);
  const answered = new Promise<void>((resolve) => socket.once("auth-success", () => resolve()));
  socket.emit("auth", { token: `token-${user}`, workspaceId: "w1" });
  await answered;
  return socket;
}

/** The generated server: sessions checked, the channel announced by the application, then the spec's forward. */
export async function generatedSocketIo(messages: number, window: number): Promise<Rate> {
  const server = createWorkspaceServer({ socketIo: Server, authenticate: () => true });
  const { port } = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  const sockets = [await authenticated(url, "a"), await authenticated(url, "b")];
  for (const [index, connection] of [...server.connections.values()].entries()) {
    const announcement = { userId: `user-${index}`, channelId: channel, userMediaState: mediaState };
    server.broadcast("user-selected-channel", { ...announcement, socketId: connection.id });
  }
  const [a, b] = sockets as [Socket, Socket];
  const rate = await pump(a, b, messages, window);
  a.close();
  b.close();
  await server.close();
  return rate;
}
