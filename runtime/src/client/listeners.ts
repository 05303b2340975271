/** Listeners by name; a throwing listener is reported, never allowed to stop the others. */
export class ListenerTable<Argument> {
  // Copy on write: adding or removing replaces the array, so `emit` (once per received message) walks
  // a snapshot without copying it, and a listener added or removed during an emit waits for the next.
  readonly #byName = new Map<string, readonly ((argument: Argument) => void)[]>();
  readonly #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  add(name: string, listener: (argument: Argument) => void): () => void {
    // A wrapper, so that the same function added twice is called twice and removed once per call.
    const entry = (argument: Argument) => listener(argument);
    this.#byName.set(name, [...(this.#byName.get(name) ?? []), entry]);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.#byName.set(
        name,
        (this.#byName.get(name) ?? []).filter((candidate) => candidate !== entry),
      );
    };
  }

  emit(name: string, argument: Argument): void {
    const listeners = this.#byName.get(name);
    if (listeners === undefined) return;
    for (const listener of listeners) {
      try {
        listener(argument);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}
