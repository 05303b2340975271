/**
 * The child process a server suite attacks: `node --expose-gc --import tsx server-child.ts <protocol>`.
 * It reports `ready` (port), answers `heap` (after a full collection) and reports a `crash` before dying,
 * as an unguarded server would.
 */
import { type ChildApp, startApp } from "./child-apps.js";
import type { FuzzProtocol } from "./profiles.js";

export type ChildReport =
  | { readonly type: "ready"; readonly port: number }
  | { readonly type: "crash"; readonly error: string }
  | {
      readonly type: "heap";
      readonly heapUsed: number;
      readonly invalid: number;
      readonly errors: number;
      /** Own names of Object.prototype: more than at start means a frame polluted it. */
      readonly prototypeNames: number;
    };

const send = (report: ChildReport) => process.send?.(report);

function crash(error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
  send({ type: "crash", error: text.slice(0, 4_000) });
  setTimeout(() => process.exit(70), 100);
}

function heap(app: ChildApp): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
  const { invalid, errors } = app.counts;
  const prototypeNames = Object.getOwnPropertyNames(Object.prototype).length;
  send({ type: "heap", heapUsed: process.memoryUsage().heapUsed, invalid, errors, prototypeNames });
}

process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);
const app = await startApp(process.argv[2] as FuzzProtocol);
process.on("message", (message: { type?: string }) => {
  if (message.type === "heap") heap(app);
  if (message.type === "close") void app.close().then(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready", port: app.port });
