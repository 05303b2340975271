import { WebSocket } from "ws";

import { onCleanup, waitFor as waitForCheck } from "../support/lifecycle.js";

export { onCleanup };

export const within = 3000;

/** Resolves when `check` passes, or rejects after `ms`. */
export function waitFor<T>(check: () => T | undefined, ms = within, what = "condition"): Promise<T> {
  return waitForCheck(check, ms, what);
}

export type Frame = Record<string, unknown>;

/** A raw WebSocket client that records every JSON frame it receives. */
export class RawClient {
  readonly received: Frame[] = [];
  closeCode: number | undefined;
  private taken = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => this.received.push(JSON.parse(data.toString()) as Frame));
    socket.on("close", (code) => {
      this.closeCode = code;
    });
  }

  static async connect(port: number, path = "/"): Promise<RawClient> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    const client = new RawClient(socket);
    onCleanup(() => client.terminate());
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  sendBinary(frame: unknown): void {
    this.socket.send(Buffer.from(JSON.stringify(frame)), { binary: true });
  }

  /** The next frame (after those already taken) that matches. */
  async next(matches: (frame: Frame) => boolean = () => true, ms = within): Promise<Frame> {
    const found = await waitFor(
      () => {
        const index = this.received.findIndex((frame, at) => at >= this.taken && matches(frame));
        return index === -1 ? undefined : index;
      },
      ms,
      "a matching frame",
    );
    this.taken = found + 1;
    return this.received[found] as Frame;
  }

  /** Frames received so far that match (for "nothing else arrived" checks). */
  all(matches: (frame: Frame) => boolean): Frame[] {
    return this.received.filter(matches);
  }

  closed(ms = within): Promise<number> {
    return waitFor(() => this.closeCode, ms, "the connection to close");
  }

  terminate(): void {
    this.socket.terminate();
  }
}

/** Waits a little so that a frame that should not arrive would have. */
export function settle(ms = 100): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
