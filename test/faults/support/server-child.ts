/**
 * A generated server in its own process, so that a test can SIGKILL and SIGSTOP it.
 * Arguments: protocol, port, log file. Every app message the server receives is appended to the log
 * synchronously (it survives a SIGKILL); the parent is told the port over IPC, and can ask for a
 * `verto.event` on a channel.
 */
import { appendFileSync } from "node:fs";
import { createKurentoRoomServer } from "@wiretype/kurento-room/server";
import { createVertoServer } from "@wiretype/verto/server";
import { createVoxyServer } from "@wiretype/voxy/server";
import { createWorkspaceServer } from "@wiretype/workspace/server";
import { Server as SocketIoServer } from "socket.io";

interface Started {
  readonly port: number;
  toRoom?(room: string): number;
}

const [protocol = "", portText = "0", logPath = ""] = process.argv.slice(2);
const port = Number(portText);
const log = (line: string) => appendFileSync(logPath, `${line}\n`);
/** Each connection is its own member: a reconnection never collides with the session it replaces. */
const ownPresence = (_message: unknown, connection: { readonly id: string }) => `member-${connection.id}`;

async function startVoxy(): Promise<Started> {
  let linkIds = 100;
  const server = createVoxyServer({
    port,
    authenticate: ownPresence,
    greeting: () => {
      linkIds += 1;
      return {
        action: "link_on",
        content: "ok",
        link_id: linkIds,
        category: "system",
        iceserver_config: { iceServers: { urls: "stun:127.0.0.1:3478", username: "u", credential: "p" } },
      };
    },
  });
  server.on("say", (message) => log(message.content));
  return server.listen();
}

async function startKurento(): Promise<Started> {
  const server = createKurentoRoomServer({ port, insecureDevelopmentMode: true });
  server.onEvent("connection", () => log("connection"));
  return server.listen();
}

async function startVerto(): Promise<Started> {
  const server = createVertoServer({ port });
  server.on("login", (params, context) => {
    const sessid = params.sessid ?? `session-${context.connection.id}`;
    log(`login ${sessid}`);
    context.authenticate(sessid);
    context.reply({ message: "logged in", sessid });
    return undefined;
  });
  const { port: bound } = await server.listen();
  return {
    port: bound,
    toRoom: (room) => server.toRoom(room, "verto.event", { eventChannel: room, data: { restored: true } }),
  };
}

/** Socket.IO with pings short enough for a test (the spec's are 25 s and 15 s). */
class QuickPingServer extends SocketIoServer {
  constructor(http: ConstructorParameters<typeof SocketIoServer>[0], options: Record<string, unknown>) {
    const pingInterval = Number(process.env.PING_INTERVAL_MS ?? 25_000);
    const pingTimeout = Number(process.env.PING_TIMEOUT_MS ?? 15_000);
    super(http, { ...options, pingInterval, pingTimeout });
  }
}

async function startWorkspace(): Promise<Started> {
  const server = createWorkspaceServer({ port, socketIo: QuickPingServer, handshakeTimeoutMs: 60_000 });
  return server.listen();
}

const starters: Readonly<Record<string, () => Promise<Started>>> = {
  voxy: startVoxy,
  "kurento-room": startKurento,
  verto: startVerto,
  workspace: startWorkspace,
};

const starter = starters[protocol];
if (starter === undefined) throw new Error(`no server for ${protocol}`);
const started = await starter();
process.send?.({ type: "listening", port: started.port });
process.on("message", (command: { readonly room: string }) => {
  process.send?.({ type: "sent", count: started.toRoom?.(command.room) ?? 0 });
});
// Nothing else keeps the process alive when the parent goes away.
process.on("disconnect", () => process.exit(0));
