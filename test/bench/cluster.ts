/**
 * Cluster figures (voxy on Redis, each server in its own process): relay throughput and p99 latency of
 * `say` frames between two members on different nodes against the same flow on one server without the
 * cluster, in alternating rounds of the same run (ratios); how long after a node is SIGKILLed a member
 * on another node hears that its call dropped (presence convergence, against `expiryMs`); heap per
 * connection on a node alone, on a cluster node, and per remote member mirrored on another node.
 * Needs redis-server (scripts/install-redis.sh); WIRETYPE_BENCH_QUICK=1 cuts the messages.
 *
 *   pnpm bench cluster
 */
import { type ChildProcess, fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { WebSocket } from "ws";
import { redisAvailable, startRedis } from "../support/redis-server.js";
import { type NodeReport, runNode } from "./cluster-node.js";
import { median } from "./measure.js";

const quick = process.env.WIRETYPE_BENCH_QUICK === "1";
const messages = quick ? 2_000 : 10_000;
const window = 64;
const pings = quick ? 300 : 1_500;
const rounds = quick ? 2 : 4;
const members = quick ? 200 : 1_000;
const expiryMs = 2_000;

interface Node {
  readonly child: ChildProcess;
  readonly port: number;
}

function startNode(redis: string | undefined, nodeId: string): Promise<Node> {
  const args = ["cluster-node", redis ?? "-", nodeId, String(expiryMs)];
  const child = fork(process.argv[1] ?? "", args, { execArgv: [...process.execArgv, "--expose-gc"], stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.once("message", (report: NodeReport) => {
      if (report.type === "listening") resolve({ child, port: report.port });
    });
    child.once("exit", (code) => reject(new Error(`bench node ${nodeId} exited (${code})`)));
  });
}

function heapOf(node: Node): Promise<number> {
  return new Promise((resolve) => {
    node.child.once("message", (report: NodeReport) => resolve(report.type === "memory" ? report.heapUsed : 0));
    node.child.send("memory");
  });
}

/** A raw client bound as `user` (the bench authenticates everyone; no greeting). */
async function bound(node: Node, user: string): Promise<WebSocket> {
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

/** Messages per second from `a` to `b` (user names `from`/`to`), at most `window` in flight. */
function throughput(a: WebSocket, b: WebSocket, from: string, to: string): Promise<number> {
  return new Promise((resolve) => {
    let sent = 0;
    let received = 0;
    const started = performance.now();
    const fill = () => {
      while (sent < messages && sent - received < window) a.send(say(from, to, `m${sent++}`));
    };
    const onMessage = () => {
      received += 1;
      if (received < messages) return fill();
      b.off("message", onMessage);
      resolve(messages / ((performance.now() - started) / 1000));
    };
    b.on("message", onMessage);
    fill();
  });
}

/** One message at a time: the 50th and 99th percentile of the time from send to arrival (ms). */
async function latency(a: WebSocket, b: WebSocket, from: string, to: string): Promise<[number, number]> {
  const samples: number[] = [];
  for (let index = 0; index < pings; index += 1) {
    const started = performance.now();
    const arrived = new Promise((resolve) => b.once("message", resolve));
    a.send(say(from, to, `p${index}`));
    await arrived;
    samples.push(performance.now() - started);
  }
  samples.sort((x, y) => x - y);
  const at = (share: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * share))] ?? 0;
  return [at(0.5), at(0.99)];
}

async function relayFigures(alone: Node, nodeA: Node, nodeB: Node): Promise<void> {
  const pairs = {
    "one server, no cluster": [await bound(alone, "a1"), await bound(alone, "b1"), "a1", "b1"],
    "two cluster nodes (a on 1, b on 2)": [await bound(nodeA, "a2"), await bound(nodeB, "b2"), "a2", "b2"],
  } as const;
  const rates = new Map<string, number[]>();
  const p99s = new Map<string, number[]>();
  const p50s = new Map<string, number[]>();
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (let round = 0; round <= rounds; round += 1) {
    for (const [name, [a, b, from, to]] of Object.entries(pairs)) {
      const rate = await throughput(a, b, from, to);
      const [p50, p99] = await latency(a, b, from, to);
      if (round === 0) continue; // warm-up
      for (const [map, value] of [
        [rates, rate],
        [p50s, p50],
        [p99s, p99],
      ] as const)
        map.set(name, [...(map.get(name) ?? []), value]);
    }
  }
  const names = Object.keys(pairs);
  const baseline = names[0] ?? "";
  console.log(
    `relay of ${messages} say frames (window ${window}), then ${pings} one at a time; ${rounds} alternating rounds`,
  );
  for (const name of names) {
    const rate = median(rates.get(name) ?? []);
    const p99 = median(p99s.get(name) ?? []);
    const ratio =
      name === baseline
        ? "baseline"
        : `${(rate / median(rates.get(baseline) ?? [])).toFixed(2)}× throughput, ${(p99 / median(p99s.get(baseline) ?? [])).toFixed(2)}× p99`;
    console.log(
      `  ${name.padEnd(36)} ${rate.toFixed(0).padStart(7)} msg/s  p50 ${median(p50s.get(name) ?? []).toFixed(2)} ms  p99 ${p99.toFixed(2)} ms   ${ratio}`,
    );
  }
  for (const [a, b] of Object.values(pairs)) for (const socket of [a, b]) socket.close();
}

/** Heap per bound connection on `host`, and on `mirror` (another node) per remote member it mirrors. */
async function memoryFigures(label: string, host: Node, mirror?: Node): Promise<void> {
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
async function convergence(nodeA: Node, redis: string): Promise<void> {
  const doomed = await startNode(redis, "bench-doomed");
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
  const nodes: Node[] = [];
  try {
    const [alone, nodeA, nodeB] = await Promise.all([
      startNode(undefined, "alone"),
      startNode(redis.url, "bench-1"),
      startNode(redis.url, "bench-2"),
    ]);
    nodes.push(alone, nodeA, nodeB);
    await relayFigures(alone, nodeA, nodeB);
    console.log(`memory (heap after GC):`);
    await memoryFigures("one server, no cluster", alone);
    await memoryFigures("cluster node", nodeA, nodeB);
    await convergence(nodeA, redis.url);
  } finally {
    for (const node of nodes) node.child.kill("SIGKILL");
    await redis.stop();
  }
}

if (process.argv[2] === "cluster-node") {
  const [, , , redis = "-", nodeId = "node", expiry = "15000"] = process.argv;
  await runNode(redis === "-" ? undefined : redis, nodeId, Number(expiry));
} else {
  await main();
}
