import type { LooseFullDescriptor } from "./loose.js";

/**
 * The full descriptor (zod schemas) behind a client: given at once by `createClient`, loaded on first
 * use by a generated browser client (a dynamic import, a separate chunk). Compiled guards decide what is
 * valid; zod only explains what they refuse.
 */
export class Explainer {
  #loaded: LooseFullDescriptor | undefined;
  #loading: Promise<LooseFullDescriptor> | undefined;
  readonly #load: () => Promise<LooseFullDescriptor>;

  constructor(source: LooseFullDescriptor | (() => Promise<LooseFullDescriptor>)) {
    if (typeof source === "function") {
      this.#load = source;
    } else {
      this.#loaded = source;
      this.#load = () => Promise.resolve(source);
    }
  }

  /** The full descriptor, once it is there. */
  get loaded(): LooseFullDescriptor | undefined {
    return this.#loaded;
  }

  /** Loads the full descriptor once; a failed load is tried again next time (a chunk that failed to download). */
  load(): Promise<LooseFullDescriptor> {
    if (this.#loaded !== undefined) return Promise.resolve(this.#loaded);
    this.#loading ??= this.#load().then(
      (full) => {
        this.#loaded = full;
        return full;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  /**
   * Runs `explain` with the full descriptor: now when it is loaded, else once it is (the promise returned),
   * or `unexplained` if it cannot be loaded. Either may return a promise of work it leaves pending.
   */
  with(explain: (full: LooseFullDescriptor) => Step, unexplained: () => Step): Step {
    const loaded = this.#loaded;
    if (loaded !== undefined) return explain(loaded);
    return this.load().then(explain, () => unexplained());
  }
}

/** Inbound work: done (undefined), or a promise of the part still pending. */
export type Step = Promise<void> | undefined;
