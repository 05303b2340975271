/**
 * Cluster figures (voxy on Redis, each server in its own process): relay throughput and p99 latency of
 * `say` frames between two members on different nodes against the same flow on one server without the
 * cluster, in alternating rounds of the same run (ratios); how long after a node is SIGKILLed a member
 * on another node hears that its call dropped (presence convergence, against `expiryMs`); heap per
 * connection on a node alone, on a cluster node, and per remote member mirrored on another node. Then the
 * same relay figures for workspace on Socket.IO's Redis adapter (cluster-socket-io.ts).
 * Needs redis-server (scripts/install-redis.sh); WIRETYPE_BENCH_QUICK=1 cuts the messages.
 *
 *   pnpm bench cluster
 */
import { performance } from "node:perf_hooks";
import { WebSocket } from "ws";
import { redisAvailable, startRedis } from "../support/redis-server.js";
import { type BenchNode, heapOf, startNode } from "./cluster-fork.js";
import { type NodeProtocol, runNode } from "./cluster-node.js";
import { type Flow, relayRounds } from "./cluster-rounds.js";
import { socketIoRelay } from "./cluster-socket-io.js";

const quick = process.env.WIRETYPE_BENCH_QUICK === "1";
const members = quick ? 200 : 1_000;
const expiryMs = 2_000;

/** A raw client bound as `user` (the bench authenticates everyone; no greeting). */
async function bound(node: BenchNode, user: string): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${node.port}/`);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const answered = new Promise((resolve) => socket.once("message", resolve));
  socket.send(
    JSON.stringify({ action: "bind", user_id: user, user_name: user, user_img: "", link_id: 1, to_userid: "0" }),
  );
  await answered;
  return socket;
}

const say = (from: string, to: string, content: string) =>
  JSON.stringify({ action: "say", type: "1", user_id: from, to_userid: to, content, category: "private", media: "" });

/** `say` frames from `a` (user `from`) to `b` (user `to`). */
function flow(a: WebSocket, b: WebSocket, from: string, to: string): Flow {
  return {
    send: (index) => a.send(say(from, to, `m${index}`)),
    onArrival(listener) {
      b.on("message", listener);
      return () => b.off("message", listener);
    },
  };
}

async function relayFigures(alone: BenchNode, nodeA: BenchNode, nodeB: BenchNode): Promise<void> {
  const sockets = [
    await bound(alone, "a1"),
    await bound(alone, "b1"),
    await bound(nodeA, "a2"),
    await bound(nodeB, "b2"),
  ];
  const [a1, b1, a2, b2] = sockets as [WebSocket, WebSocket, WebSocket, WebSocket];
  await new Promise((resolve) => setTimeout(resolve, 300));
  await relayRounds("voxy say frames", {
    "one server, no cluster": flow(a1, b1, "a1", "b1"),
    "two cluster nodes (a on 1, b on 2)": flow(a2, b2, "a2", "b2"),
  });
  for (const socket of sockets) socket.close();
}

/** Heap per bound connection on `host`, and on `mirror` (another node) per remote member it mirrors. */
async function memoryFigures(label: string, host: BenchNode, mirror?: BenchNode): Promise<void> {
  const before = [await heapOf(host), mirror === undefined ? 0 : await heapOf(mirror)];
  const sockets: WebSocket[] = [];
  for (let index = 0; index < members; index += 1) sockets.push(await bound(host, `${label}-${index}`));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = [await heapOf(host), mirror === undefined ? 0 : await heapOf(mirror)];
  const per = (index: number) => (((after[index] ?? 0) - (before[index] ?? 0)) / members / 1024).toFixed(2);
  const remote = mirror === undefined ? "" : `; ${per(1)} KiB per remote member mirrored on another node`;
  console.log(`  ${label.padEnd(36)} ${per(0)} KiB per connection (${members} bound)${remote}`);
  for (const socket of sockets) socket.close();
}

/** A call between a member on node A and one on a node that is then SIGKILLed: time until A's member hears it dropped. */
async function convergence(nodeA: BenchNode, redis: string): Promise<void> {
  const doomed = await startNode(redis, "bench-doomed", expiryMs);
  const caller = await bound(nodeA, "caller");
  const callee = await bound(doomed, "callee");
  await new Promise((resolve) => setTimeout(resolve, 300));
  const call = {
    action: "call_remote",
    user_id: "caller",
    user_img: "",
    user_name: "caller",
    to_userid: "callee",
    used_phone: 1,
    media_type: 2,
    user_voice_fee: 0,
    user_text_fee: 0,
    user_video_fee: 0,
    to_user_os_type: 2,
    user_age: 0,
    to_user_token: "",
    connection_mode: "0",
  };
  const rang = new Promise((resolve) => callee.once("message", resolve));
  caller.send(JSON.stringify(call));
  await rang;
  const dropped = new Promise<void>((resolve) => {
    caller.on("message", (data) => {
      if (String(data).includes('"cancel_phone"')) resolve();
    });
  });
  const killedAt = performance.now();
  doomed.child.kill("SIGKILL");
  await dropped;
  const took = performance.now() - killedAt;
  console.log(
    `presence convergence after SIGKILL: ${took.toFixed(0)} ms (expiryMs ${expiryMs}: ${(took / expiryMs).toFixed(2)}× the stated bound)`,
  );
  caller.close();
}

async function main(): Promise<void> {
  if (!redisAvailable()) {
    console.log("cluster: skipped (no redis-server; scripts/install-redis.sh installs it)");
    return;
  }
  const redis = await startRedis();
  const nodes: BenchNode[] = [];
  try {
    const [alone, nodeA, nodeB] = await Promise.all([
      startNode(undefined, "alone", expiryMs),
      startNode(redis.url, "bench-1", expiryMs),
      startNode(redis.url, "bench-2", expiryMs),
    ]);
    nodes.push(alone, nodeA, nodeB);
    await relayFigures(alone, nodeA, nodeB);
    console.log(`memory (heap after GC):`);
    await memoryFigures("one server, no cluster", alone);
    await memoryFigures("cluster node", nodeA, nodeB);
    await convergence(nodeA, redis.url);
    await socketIoRelay(redis.url, expiryMs, nodes);
  } finally {
    for (const node of nodes) node.child.kill("SIGKILL");
    await redis.stop();
  }
}

if (process.argv[2] === "cluster-node") {
  const [, , , redis = "-", nodeId = "node", expiry = "15000", protocol = "voxy"] = process.argv;
  await runNode(redis === "-" ? undefined : redis, nodeId, Number(expiry), protocol as NodeProtocol);
} else {
  await main();
}
