import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";

/** The npm package `node@24`'s binary (werift needs Node >= 22; vitest may run on Node 20). */
export async function node24Path(): Promise<string> {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  const { stdout } = await promisify(execFile)("npx", ["--prefer-offline", "-y", "node@24", "-p", "process.execPath"]);
  return stdout.trim();
}

export interface ExampleProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Seconds of CPU (user + system) the process has used so far, from /proc. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts an example's server the way its `start` script does (Node 24 with tsx), on a free port, and
 * resolves with the address it prints.
 */
export async function startExampleProcess(directory: URL, entry: string): Promise<ExampleProcess> {
  const child = spawn(await node24Path(), ["--import", "tsx", entry], {
    cwd: directory.pathname,
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const found = /https?:\/\/[^\s]+\//.exec(chunk.toString());
      if (found !== null) resolve(found[0]);
    });
    child.once("exit", (code) => reject(new Error(`example exited (${code}): ${errors}`)));
  });
  return {
    url,
    child,
    cpuSeconds: () => cpuSecondsOf(child.pid ?? 0),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}
