/** Listeners by name; a throwing listener is reported, never allowed to stop the others. */
export class ListenerTable<Argument> {
  // Copy on write: adding or removing replaces the array, so `emit` (once per received message) walks
  // a snapshot without copying it, and a listener added or removed during an emit waits for the next.
  // The listeners themselves are stored, no wrapper: one call per listener on the receive path.
  readonly #byName = new Map<string, readonly ((argument: Argument) => void)[]>();
  readonly #onListenerError: (error: unknown) => void;
  // The last name emitted and its listeners: a stream of one message kind (the usual case) skips the
  // map's hashing. Names come from the guard tables, the same string each time: compared by identity.
  #lastName: string | undefined;
  #lastListeners: readonly ((argument: Argument) => void)[] | undefined;

  constructor(onListenerError: (error: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  /** The same function added twice is called twice, and each returned remover takes away one of them. */
  add(name: string, listener: (argument: Argument) => void): () => void {
    this.#byName.set(name, [...(this.#byName.get(name) ?? []), listener]);
    this.#lastName = undefined;
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.#removeOne(name, listener);
    };
  }

  emit(name: string, argument: Argument): void {
    let listeners = this.#lastListeners;
    if (name !== this.#lastName) {
      listeners = this.#byName.get(name);
      this.#lastName = name;
      this.#lastListeners = listeners;
    }
    if (listeners === undefined) return;
    for (let index = 0; index < listeners.length; index += 1) {
      try {
        (listeners[index] as (argument: Argument) => void)(argument);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }

  #removeOne(name: string, listener: (argument: Argument) => void): void {
    const listeners = this.#byName.get(name) ?? [];
    const at = listeners.lastIndexOf(listener);
    if (at === -1) return;
    const rest = [...listeners.slice(0, at), ...listeners.slice(at + 1)];
    this.#lastName = undefined;
    if (rest.length === 0) this.#byName.delete(name);
    else this.#byName.set(name, rest);
  }
}
