import { type ChildProcess, fork } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { onCleanup } from "../../support/lifecycle.js";

const script = fileURLToPath(new URL("./server-child.ts", import.meta.url));

type ChildReport =
  | { readonly type: "listening"; readonly port: number }
  | { readonly type: "sent"; readonly count: number };

function nextReport(child: ChildProcess, type: ChildReport["type"], ms = 15_000): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server process did not report ${type}`)), ms);
    const onMessage = (report: ChildReport) => {
      if (report.type !== type) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(report);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`the server process exited (${code})`)));
  });
}

/**
 * A generated server in a child process (test/faults/support/server-child.ts) that the test can kill,
 * freeze and restart on the same port; what it received is read from its log file.
 */
export class ChildServer {
  readonly #protocol: string;
  readonly #log: string;
  readonly #env: Readonly<Record<string, string>>;
  #child: ChildProcess | undefined;
  port = 0;

  private constructor(protocol: string, env: Readonly<Record<string, string>>) {
    this.#protocol = protocol;
    this.#env = env;
    const dir = mkdtempSync(join(tmpdir(), "wiretype-faults-"));
    this.#log = join(dir, "received.log");
    onCleanup(() => {
      this.#child?.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    });
  }

  static async start(protocol: string, env: Readonly<Record<string, string>> = {}): Promise<ChildServer> {
    const server = new ChildServer(protocol, env);
    await server.restart();
    return server;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }

  /** Starts the process (again, on the same port once it has one). */
  async restart(): Promise<void> {
    const child = fork(script, [this.#protocol, String(this.port), this.#log], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, ...this.#env },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.#child = child;
    const report = await nextReport(child, "listening");
    if (report.type === "listening") this.port = report.port;
  }

  /** SIGKILL: the process dies without closing anything (the kernel resets its connections). */
  async kill(): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
  }

  /** SIGSTOP: the process stops reading, while the kernel keeps its connections open. */
  freeze(): void {
    this.#child?.kill("SIGSTOP");
  }

  /** What the server received, one line per message, across every run. */
  received(): string[] {
    if (!existsSync(this.#log)) return [];
    return readFileSync(this.#log, "utf8")
      .split("\n")
      .filter((line) => line !== "");
  }

  /** verto: asks the server to send a `verto.event` on `room`; resolves with how many received it. */
  async toRoom(room: string): Promise<number> {
    const child = this.#child;
    if (child === undefined) throw new Error("no server process");
    const sent = nextReport(child, "sent");
    child.send({ room });
    const report = await sent;
    return report.type === "sent" ? report.count : 0;
  }
}
