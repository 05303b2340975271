import { WebSocket } from "ws";
import { waitFor } from "../../support/lifecycle.js";
import type { FuzzFrame } from "./frame.js";

/** A raw connection an attacker writes frames on; `answers` holds every frame received after `reset`. */
export class Attacker {
  answers: string[] = [];
  closeCode: number | undefined;

  private constructor(
    readonly socket: WebSocket,
    /** Engine.IO version when the framing is Socket.IO (pings get their pong), else undefined. */
    readonly eio: 3 | 4 | undefined,
  ) {
    socket.on("message", (data: Buffer, isBinary) =>
      this.#receive(isBinary ? `<binary ${data.byteLength}>` : data.toString()),
    );
    socket.on("close", (code) => {
      this.closeCode = code;
    });
    socket.on("error", () => {});
  }

  static async open(url: string, eio?: 3 | 4): Promise<Attacker> {
    const attacker = new Attacker(new WebSocket(url, { maxPayload: 256 * 1024 * 1024 }), eio);
    await new Promise<void>((resolve, reject) => {
      attacker.socket.once("open", () => resolve());
      attacker.socket.once("error", reject);
    });
    return attacker;
  }

  #receive(text: string): void {
    if (this.eio === 4 && text === "2") this.sendText("3");
    else if (this.eio === undefined || (text !== "3" && text !== "2")) this.answers.push(text);
  }

  send(frame: FuzzFrame): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame.data, { binary: frame.binary });
  }

  sendText(text: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }

  /** The first answer (since the last reset) that matches, waiting for it. */
  next(matches: (text: string) => boolean, ms = 5_000, what = "an answer"): Promise<string> {
    return waitFor(() => this.answers.find(matches), ms, what);
  }

  /** Forgets what the handshake brought: what follows is what the storm provoked. */
  reset(): void {
    this.answers = [];
  }

  terminate(): void {
    this.socket.terminate();
  }
}

/** True when a JSON text frame has `member` equal to `value`. */
export function hasMember(text: string, member: string, value: unknown): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && (parsed as Record<string, unknown>)[member] === value;
  } catch {
    return false;
  }
}
