/** Listeners by name; a throwing listener is reported, never allowed to stop the others. */
export class ListenerTable<Argument> {
  readonly #byName = new Map<string, Set<(argument: Argument) => void>>();
  readonly #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  add(name: string, listener: (argument: Argument) => void): () => void {
    const listeners = this.#byName.get(name) ?? new Set();
    this.#byName.set(name, listeners);
    // A wrapper, so that the same function added twice is called twice and removed once per call.
    const entry = (argument: Argument) => listener(argument);
    listeners.add(entry);
    return () => {
      listeners.delete(entry);
    };
  }

  emit(name: string, argument: Argument): void {
    for (const listener of [...(this.#byName.get(name) ?? [])]) {
      try {
        listener(argument);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}
