/**
 * The parent side of the cluster bench's server processes: forks this same bundle with `cluster-node`
 * first (cluster-node.ts runs the server), alone (`redis` undefined) or as a cluster node.
 */
import { type ChildProcess, fork } from "node:child_process";
import type { NodeProtocol, NodeReport } from "./cluster-node.js";

export interface BenchNode {
  readonly child: ChildProcess;
  readonly port: number;
}

export function startNode(
  redis: string | undefined,
  nodeId: string,
  expiryMs: number,
  protocol: NodeProtocol = "voxy",
): Promise<BenchNode> {
  const args = ["cluster-node", redis ?? "-", nodeId, String(expiryMs), protocol];
  const child = fork(process.argv[1] ?? "", args, { execArgv: [...process.execArgv, "--expose-gc"], stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.once("message", (report: NodeReport) => {
      if (report.type === "listening") resolve({ child, port: report.port });
    });
    child.once("exit", (code) => reject(new Error(`bench node ${nodeId} exited (${code})`)));
  });
}

/** The node's heap after a GC. */
export function heapOf(node: BenchNode): Promise<number> {
  return new Promise((resolve) => {
    node.child.once("message", (report: NodeReport) => resolve(report.type === "memory" ? report.heapUsed : 0));
    node.child.send("memory");
  });
}
