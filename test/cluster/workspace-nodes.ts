import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Inbox } from "../e2e/support/workspace.js";

const script = fileURLToPath(new URL("./workspace-node.ts", import.meta.url));

type Report =
  | { readonly type: "listening"; readonly port: number }
  | { readonly type: "failed"; readonly message: string }
  | { readonly type: "cluster"; readonly kind: string }
  | { readonly type: "result"; readonly id: number; readonly value: unknown };

/** A workspace cluster node in a child process (workspace-node.ts), driven over IPC. */
export class WorkspaceNode {
  /** The node's `cluster` events (`redis-lost`, `redis-back`), in order. */
  readonly clusterEvents = new Inbox<string>();
  private readonly answers = new Map<number, (value: unknown) => void>();
  private lastId = 0;
  port = 0;

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (report: Report) => {
      if (report.type === "cluster") this.clusterEvents.push(report.kind);
      if (report.type === "result") this.answers.get(report.id)?.(report.value);
    });
  }

  static start(redis: string, nodeId: string, expiryMs: number): Promise<WorkspaceNode> {
    const child = fork(script, [redis, nodeId, String(expiryMs)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const node = new WorkspaceNode(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node ${nodeId} did not listen`)), 20_000);
      child.on("message", (report: Report) => {
        if (report.type === "failed") reject(new Error(report.message));
        if (report.type !== "listening") return;
        clearTimeout(timer);
        node.port = report.port;
        resolve(node);
      });
      child.once("exit", (code) => reject(new Error(`node ${nodeId} exited (${code})`)));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The next cluster event of `kind`, past others (a long outage also makes the nodes forget each other). */
  async clusterEvent(kind: string, ms = 5_000): Promise<string> {
    for (;;) {
      const event = await this.clusterEvents.next(ms);
      if (event.startsWith(kind)) return event;
    }
  }

  broadcast(key: string, message: unknown): Promise<number> {
    return this.ask({ type: "broadcast", key, message }) as Promise<number>;
  }

  toRoom(room: string, key: string, message: unknown): Promise<number> {
    return this.ask({ type: "toRoom", room, key, message }) as Promise<number>;
  }

  socketOf(user: string): Promise<string | undefined> {
    return this.ask({ type: "socketOf", user }) as Promise<string | undefined>;
  }

  /** SIGKILL: nothing is closed or told to Redis; the kernel resets the node's connections. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGKILL");
    await exited;
  }

  private ask(command: object): Promise<unknown> {
    this.lastId += 1;
    const id = this.lastId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the node did not answer")), 5_000);
      this.answers.set(id, (value) => {
        clearTimeout(timer);
        this.answers.delete(id);
        resolve(value);
      });
      this.child.send({ ...command, id });
    });
  }
}

/** Polls `probe` until `done` accepts its value (bounded); resolves with the value and the time it took. */
export async function settles<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 5_000) {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return { value, ms: Date.now() - started };
    if (Date.now() - started > ms) throw new Error(`not settled within ${ms} ms (last: ${String(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
