import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { waitFor } from "../../support/lifecycle.js";
import type { FuzzProtocol } from "./profiles.js";
import type { ChildReport } from "./server-child.js";

const entry = fileURLToPath(new URL("./server-child.ts", import.meta.url));
const repository = fileURLToPath(new URL("../../../", import.meta.url));
type Heap = Extract<ChildReport, { type: "heap" }>;

/** A server running in a child process (so that a crash is observed, not suffered), and what it reported. */
export class ServerChild {
  readonly crashes: string[] = [];
  #heaps: Heap[] = [];
  #stderr = "";

  private constructor(
    readonly process: ChildProcess,
    readonly port: number,
  ) {}

  static async start(protocol: FuzzProtocol): Promise<ServerChild> {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", entry, protocol], {
      cwd: repository,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    const reports: ChildReport[] = [];
    child.on("message", (report: ChildReport) => reports.push(report));
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = `${stderr}${chunk.toString()}`.slice(-4_000);
    });
    const ready = await waitFor(
      () => reports.find((report) => report.type === "ready") ?? failed(child, stderr),
      20_000,
      "the server child",
    );
    const started = new ServerChild(child, ready.port);
    child.on("message", (report: ChildReport) => started.#record(report));
    child.stderr?.on("data", (chunk: Buffer) => {
      started.#stderr = `${started.#stderr}${chunk.toString()}`.slice(-4_000);
    });
    return started;
  }

  #record(report: ChildReport): void {
    if (report.type === "crash") this.crashes.push(report.error);
    if (report.type === "heap") this.#heaps.push(report);
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** What killed the child, if it died: its crash report, else its exit and the tail of its stderr. */
  get death(): string | undefined {
    if (this.crashes.length > 0) return this.crashes.join("\n");
    if (this.alive) return undefined;
    return `exit ${this.process.exitCode ?? this.process.signalCode}: ${this.#stderr}`;
  }

  /** Heap after a full collection in the child, and its counters. */
  async heap(): Promise<Heap> {
    const before = this.#heaps.length;
    this.process.send({ type: "heap" });
    return waitFor(() => this.#heaps[before], 10_000, "the child's heap figure");
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.process.once("exit", resolve));
    this.process.send({ type: "close" });
    const timer = setTimeout(() => this.process.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

function failed(child: ChildProcess, stderr: string): undefined {
  if (child.exitCode !== null) throw new Error(`the server child exited (${child.exitCode}): ${stderr}`);
  return undefined;
}
