/**
 * One workspace cluster node in its own process (run by workspace-nodes.ts through tsx): the test app of
 * test/e2e (auth joins the token's channel, broadcasts carry the sender's user id) on socket.io 4, with
 * `cluster` on the Redis of argv[2]. The parent drives it over IPC.
 */
import { createWorkspaceServer } from "@wiretype/workspace/server";
import { Server } from "socket.io";

type Command =
  | { readonly type: "broadcast"; readonly id: number; readonly key: string; readonly message: unknown }
  | {
      readonly type: "toRoom";
      readonly id: number;
      readonly room: string;
      readonly key: string;
      readonly message: unknown;
    }
  | { readonly type: "socketOf"; readonly id: number; readonly user: string };

const [redis = "", nodeId = "", expiry = "15000"] = process.argv.slice(2);
const send = (report: object) => process.send?.(report);

const server = createWorkspaceServer({
  socketIo: Server,
  insecureDevelopmentMode: true,
  cluster: { redis, nodeId, expiryMs: Number(expiry) },
});
server.on("auth", (message, context) => {
  const [, user, channel] = /^tok-([^-]+)-([^-]+)$/.exec(message.token) ?? [];
  if (user === undefined || channel === undefined) throw new Error("Invalid access token");
  context.connection.data.set("userId", user);
  context.join(channel);
  return { userId: user, reconnected: false };
});
server.on("conversation-broadcast", (message, context) => {
  message.userId = String(context.connection.data.get("userId"));
  context.runDefaults();
});
server.onEvent("cluster", (event) => {
  // Which node left, expired or not, and how many members went with it: `node-left:n2:expired:2`;
  // which node's members a message missed, and how many: `delivery-failed:n1:1` (`-:0`: membership).
  const left =
    event.kind === "node-left" ? `:${event.node}:${event.expired ? "expired" : "closed"}:${event.members}` : "";
  const failed = event.kind === "delivery-failed" ? `:${event.node ?? "-"}:${event.recipients}` : "";
  if (event.kind !== "node-joined") send({ type: "cluster", kind: `${event.kind}${left}${failed}` });
});

process.on("message", (command: Command) => {
  const loose = server as unknown as {
    broadcast(key: string, message: unknown): number;
    toRoom(room: string, key: string, message: unknown): number;
  };
  if (command.type === "broadcast")
    send({ type: "result", id: command.id, value: loose.broadcast(command.key, command.message) });
  if (command.type === "toRoom") {
    send({ type: "result", id: command.id, value: loose.toRoom(command.room, command.key, command.message) });
  }
  if (command.type === "socketOf") {
    const found = [...server.connections.values()].find((c) => c.data.get("userId") === command.user);
    send({ type: "result", id: command.id, value: found?.id });
  }
});

server.listen().then(
  ({ port }) => send({ type: "listening", port }),
  (error: unknown) => {
    send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
