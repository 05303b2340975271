import { createRequire } from "node:module";
import { Server as ServerV4 } from "socket.io";
import { type Cleanup, Inbox, listenHttp } from "../../runtime-client/support.js";

/** The part of a server-side socket (socket.io 2.x or 4.x) the hand-written backends use. */
export interface PeerSocket {
  on(event: string, listener: (data: unknown) => void): unknown;
  emit(event: string, data: unknown): unknown;
}
interface PeerIo {
  on(event: "connection", listener: (socket: PeerSocket) => void): unknown;
  close(callback?: () => void): unknown;
}

const require = createRequire(import.meta.url);
const createV2 = require("socket.io-v2") as (http: unknown, options: object) => PeerIo;

export const peerServers = {
  "socket.io@2.5.1": (http: unknown): PeerIo => createV2(http, { path: "/socket.io" }),
  "socket.io@4": (http: unknown): PeerIo =>
    new ServerV4(http as ConstructorParameters<typeof ServerV4>[0], { allowEIO3: true }) as unknown as PeerIo,
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** heyka-backend's error answer: `socket-api-error` always, the transaction's own event when there is one. */
function fail(socket: PeerSocket, event: string, data: unknown, message: string): void {
  socket.emit("socket-api-error", { event, message });
  const transaction = isRecord(data) ? data.transaction : undefined;
  if (typeof transaction === "string") socket.emit(`socket-api-error-${transaction}`, { message });
}

/**
 * A hand-written workspace backend (not wiretype's) that authenticates like `cmtt-ru/heyka-backend`:
 * `auth` with token `good-<user>` → `auth-success {userId, transaction, reconnected}`; a bad token or
 * data → the two error events; any other event before auth → the two error events.
 */
export async function startPeerBackend(cleanup: Cleanup, start: (http: unknown) => PeerIo) {
  const { url, attached: io } = await listenHttp(cleanup, start);
  const authenticated = new Inbox<PeerSocket>();
  const received = new Inbox<{ event: string; data: unknown }>();
  io.on("connection", (socket) => {
    let userId: string | undefined;
    socket.on("auth", (data) => {
      const token = isRecord(data) ? data.token : undefined;
      if (typeof token !== "string" || !isRecord(data) || typeof data.workspaceId !== "string") {
        return fail(socket, "auth", data, 'Invalid data format for "auth" event');
      }
      if (!token.startsWith("good-")) return fail(socket, "auth", data, "Invalid access token");
      userId = token.slice("good-".length);
      socket.emit("auth-success", { userId, transaction: data.transaction, reconnected: false });
      authenticated.push(socket);
    });
    for (const event of ["conversation-broadcast", "logout"]) {
      socket.on(event, (data) => {
        if (userId === undefined) return fail(socket, event, data, "Socket is not authenticated");
        received.push({ event, data });
      });
    }
  });
  return { url, authenticated, received };
}
