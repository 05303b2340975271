import { createRequire } from "node:module";
import { expect } from "vitest";
import { type ClientOptions, WebSocket } from "ws";
import { onCleanup, settle } from "../support/lifecycle.js";

export { waitFor } from "../support/lifecycle.js";
export { onCleanup, settle };

const require = createRequire(import.meta.url);
/** socket.io 2.5.1's `Server` (the 4.x one is imported from "socket.io"). */
export const ServerV2 = require("socket.io-v2") as unknown;

/** How far a measured detection may be from the configured delay. */
export const tolerance = 0.1;

/** Asserts a detection time within ±10% of the configured delay, and prints it for the report. */
export function expectNear(label: string, measuredMs: number, configuredMs: number): void {
  console.log(`[liveness] ${label}: detected after ${measuredMs} ms (configured ${configuredMs} ms)`);
  expect(measuredMs).toBeGreaterThanOrEqual(configuredMs * (1 - tolerance));
  expect(measuredMs).toBeLessThanOrEqual(configuredMs * (1 + tolerance));
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
  readonly at: number;
}

/** A raw WebSocket peer that timestamps its open, its frames and its close. */
export class Peer {
  readonly frames: { readonly at: number; readonly text: string }[] = [];
  readonly closed: Promise<Closed>;
  closedWith: Closed | undefined;
  pings = 0;
  openedAt = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => this.frames.push({ at: Date.now(), text: data.toString() }));
    socket.on("ping", () => {
      this.pings += 1;
    });
    this.closed = new Promise((resolve) =>
      socket.once("close", (code, reason) => {
        this.closedWith = { code, reason: reason.toString(), at: Date.now() };
        resolve(this.closedWith);
      }),
    );
  }

  static async open(url: string, options: ClientOptions = {}): Promise<Peer> {
    const peer = new Peer(new WebSocket(url, options));
    onCleanup(() => peer.socket.terminate());
    await new Promise<void>((resolve, reject) => {
      peer.socket.once("open", () => resolve());
      peer.socket.once("error", reject);
    });
    peer.openedAt = Date.now();
    return peer;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** JSON frames received so far. */
  json(): Record<string, unknown>[] {
    return this.frames.flatMap((frame) => {
      const value: unknown = JSON.parse(frame.text);
      return value !== null && typeof value === "object" ? [value as Record<string, unknown>] : [];
    });
  }

  /** Sends `frame()` every `everyMs` until the test ends or the socket closes. */
  repeat(frame: () => unknown, everyMs: number): void {
    const timer = setInterval(() => {
      if (this.socket.readyState === this.socket.OPEN) this.send(frame());
    }, everyMs);
    onCleanup(() => clearInterval(timer));
  }

  /** The close, or a failure if none comes within `ms` (a test must not hang on a connection kept open). */
  closedWithin(ms: number): Promise<Closed> {
    const late = settle(ms).then(() => {
      throw new Error(`still open after ${ms} ms`);
    });
    return Promise.race([this.closed, late]);
  }

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }
}

/** Resolves with the first value `check` returns, polling every 5 ms for at most `rounds` polls (no clock). */
export async function poll<T>(check: () => T | undefined, rounds = 600): Promise<T> {
  for (let round = 0; round < rounds; round += 1) {
    const value = check();
    if (value !== undefined) return value;
    await settle(5);
  }
  throw new Error("poll: condition never held");
}
