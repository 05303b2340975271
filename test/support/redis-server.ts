import { type ChildProcess, spawn } from "node:child_process";
import { statSync } from "node:fs";
import { Socket } from "node:net";
import { freePort } from "./free-port.js";

export { freePort };

/** A real redis-server a test starts on 127.0.0.1 (Debian's package; `scripts/install-redis.sh`). */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server (SIGKILL: nothing flushed, clients see the connection drop). */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: it runs without persistence). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function redisAvailable(): boolean {
  const path = process.env.PATH ?? "";
  return path.split(":").some((dir) => {
    try {
      return statSync(`${dir}/redis-server`).isFile();
    } catch {
      return false;
    }
  });
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child = await launch(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      await stopChild(child, "SIGKILL");
    },
    async restart() {
      child = await launch(port);
    },
    async stop() {
      await stopChild(child, "SIGTERM");
    },
  };
}

async function launch(port: number): Promise<ChildProcess> {
  // No persistence and no protected mode: a throwaway server only this test reaches, on loopback.
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const child = spawn("redis-server", args, { stdio: "ignore" });
  await waitForPort(port, child);
  return child;
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

async function waitForPort(port: number, child: ChildProcess, ms = 5_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (await answers(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`redis-server did not listen on ${port} within ${ms} ms`);
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("error", () => resolve(false));
    socket.connect(port, "127.0.0.1", () => {
      socket.write("PING\r\n");
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString().startsWith("+PONG"));
      });
    });
  });
}
