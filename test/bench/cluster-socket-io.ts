/**
 * The Socket.IO half of the cluster bench: workspace `conversation-broadcast` forwarded by the spec to
 * the sender's channel, from a member on one node to a member on another (Socket.IO's Redis adapter),
 * against the same two members on one server without the cluster, in the same run.
 */
import { io, type Socket } from "socket.io-client";
import { type BenchNode, heapOf, startNode } from "./cluster-fork.js";
import { type Flow, relayRounds } from "./cluster-rounds.js";

const event = "conversation-broadcast";
const members = process.env.WIRETYPE_BENCH_QUICK === "1" ? 100 : 500;

/** A socket.io-client 4 member with an open session (the node puts it in the bench channel). */
async function member(node: BenchNode, user: string): Promise<Socket> {
  const socket = io(`http://127.0.0.1:${node.port}`, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const opened = new Promise<void>((resolve) => socket.once("auth-success", () => resolve()));
  socket.emit("auth", { token: user, workspaceId: "w1" });
  await opened;
  return socket;
}

function flow(sender: Socket, receiver: Socket): Flow {
  return {
    send: (index) => sender.emit(event, { action: "sound", data: { name: "wave", index } }),
    onArrival(listener) {
      receiver.on(event, listener);
      return () => receiver.off(event, listener);
    },
  };
}

/** Until the nodes know each other's members and reach each other (a probe gets across; bounded). */
async function reachable(probe: Flow): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const arrived = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 200);
      const stop = probe.onArrival(() => {
        clearTimeout(timer);
        stop();
        resolve(true);
      });
      probe.send(-1);
    });
    if (arrived) return;
  }
  throw new Error("cluster bench: the workspace nodes did not reach each other within 10 s");
}

/** Heap per member with an open session on `host`, and on `mirror` (another node) per member it mirrors. */
async function memoryFigures(label: string, host: BenchNode, mirror?: BenchNode): Promise<void> {
  const before = [await heapOf(host), mirror === undefined ? 0 : await heapOf(mirror)];
  const sockets: Socket[] = [];
  for (let index = 0; index < members; index += 1) sockets.push(await member(host, `${label}-${index}`));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = [await heapOf(host), mirror === undefined ? 0 : await heapOf(mirror)];
  const per = (index: number) => (((after[index] ?? 0) - (before[index] ?? 0)) / members / 1024).toFixed(2);
  const remote = mirror === undefined ? "" : `; ${per(1)} KiB per remote member mirrored on another node`;
  console.log(`  ${label.padEnd(36)} ${per(0)} KiB per connection (${members} with a session)${remote}`);
  for (const socket of sockets) socket.close();
}

/** Both flows, then heap per connection; the sockets closed, the nodes are the caller's to stop. */
export async function socketIoRelay(redis: string, expiryMs: number, started: BenchNode[]): Promise<void> {
  const nodes = await Promise.all([
    startNode(undefined, "ws-alone", expiryMs, "workspace"),
    startNode(redis, "ws-1", expiryMs, "workspace"),
    startNode(redis, "ws-2", expiryMs, "workspace"),
  ]);
  started.push(...nodes);
  const [alone, nodeA, nodeB] = nodes as [BenchNode, BenchNode, BenchNode];
  const sockets = [
    await member(alone, "a1"),
    await member(alone, "b1"),
    await member(nodeA, "a2"),
    await member(nodeB, "b2"),
  ] as const;
  await reachable(flow(sockets[2], sockets[3]));
  await relayRounds("workspace (Socket.IO) conversation-broadcast to the sender's channel", {
    "one server, no cluster": flow(sockets[0], sockets[1]),
    "two cluster nodes (a on 1, b on 2)": flow(sockets[2], sockets[3]),
  });
  for (const socket of sockets) socket.close();
  console.log("workspace memory (heap after GC):");
  await memoryFigures("one server, no cluster", alone);
  await memoryFigures("cluster node", nodeA, nodeB);
}
