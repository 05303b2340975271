import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type RedisServer, startRedis } from "../../support/redis-server.js";
import type { ChildCommand, ChildReport } from "./protocol.js";

const script = fileURLToPath(new URL("./node-child.ts", import.meta.url));

type Command = ChildCommand extends infer C ? (C extends ChildCommand ? Omit<C, "id"> : never) : never;

/** A cluster event a node reported, with the time it saw it. */
export interface SeenEvent {
  readonly kind: string;
  readonly node: string | undefined;
  readonly expired: boolean | undefined;
  readonly at: number;
}

/** One node of the test cluster: a generated server in a child process. */
export class ClusterChild {
  readonly events: SeenEvent[] = [];
  port = 0;
  node = "";
  #lastId = 0;
  readonly #waiting = new Map<number, (report: Extract<ChildReport, { type: "done" }>) => void>();

  constructor(readonly process: ChildProcess) {
    process.on("message", (report: ChildReport) => {
      if (report.type === "cluster") this.events.push(report);
      if (report.type === "done") this.#waiting.get(report.id)?.(report);
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }

  /** Runs an application call on the node (broadcast, toRoom, …) and resolves with its result. */
  ask(command: Command): Promise<unknown> {
    this.#lastId += 1;
    const id = this.#lastId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node did not answer ${command.type}`)), 10_000);
      this.#waiting.set(id, (report) => {
        clearTimeout(timer);
        this.#waiting.delete(id);
        if (report.error === undefined) resolve(report.value);
        else reject(new Error(report.error));
      });
      this.process.send({ ...command, id });
    });
  }

  /** SIGKILL: nothing is closed, nothing removed from Redis. */
  async kill(): Promise<void> {
    const child = this.process;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
  }
}

export interface TestCluster {
  readonly redis: RedisServer;
  readonly nodes: ClusterChild[];
  /** Kills every node and stops Redis (for `afterAll`). */
  stop(): Promise<void>;
}

/** One Redis and `count` nodes of the protocol on it (three by default), for a whole test file. */
export async function startCluster(protocol: string, expiryMs = 1_500, count = 3): Promise<TestCluster> {
  const redis = await startRedis();
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, index) => startNode(protocol, redis.url, expiryMs, index + 1)),
  );
  const nodes = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    await redis.stop();
  };
  const failure = started.find((result) => result.status === "rejected");
  if (failure !== undefined) {
    await stop();
    throw failure.reason;
  }
  return { redis, nodes, stop };
}

/** Starts a node process and waits until it listens (or says why it could not). */
export function startNode(protocol: string, redisUrl: string, expiryMs: number, index: number): Promise<ClusterChild> {
  const child = fork(script, [protocol, redisUrl, String(expiryMs), String(index)], {
    execArgv: ["--import", "tsx", "--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const node = new ClusterChild(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${protocol} node ${index} did not start`)), 20_000);
    child.on("message", (report: ChildReport) => {
      if (report.type === "listening") {
        clearTimeout(timer);
        node.port = report.port;
        node.node = report.node;
        resolve(node);
      }
      if (report.type === "failed") {
        clearTimeout(timer);
        reject(new Error(report.error));
      }
    });
    child.once("exit", (code) => reject(new Error(`${protocol} node ${index} exited (${code})`)));
  });
}
