import type { Step } from "./explainer.js";

/**
 * Keeps inbound frames in arrival order while one of them waits for its explanation (the zod chunk
 * loading): later frames wait behind it, so `invalid` events, messages and answers keep the order in
 * which their frames arrived. With nothing waiting, a frame is handled at once, synchronously.
 */
export class InboundOrder {
  #tail: Promise<void> | undefined;
  readonly #failed: (error: unknown) => void;

  constructor(failed: (error: unknown) => void) {
    this.#failed = failed;
  }

  /** Whether no frame waits: the next one may be handled at once (then `follow` what it leaves pending). */
  get idle(): boolean {
    return this.#tail === undefined;
  }

  /** Handles one frame: `step` returns a promise when it must wait (an explanation loading). */
  run(step: () => Step): void {
    if (this.#tail === undefined) this.follow(step());
    else this.follow(this.#tail.then(step));
  }

  /** Makes later frames wait for what a frame handled at once left pending, if anything. */
  follow(waiting: Step): void {
    if (waiting === undefined) return;
    const tail: Promise<void> = waiting.catch(this.#failed).then(() => {
      if (this.#tail === tail) this.#tail = undefined;
    });
    this.#tail = tail;
  }
}
