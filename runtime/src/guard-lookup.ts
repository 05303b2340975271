/** One message's compiled guard, under the table's own spelling of its name. */
export interface GuardEntry {
  /** The name as the guard table spells it: a property key, so an internalized string that hashes for free. */
  readonly name: string;
  readonly guard: (value: unknown) => boolean;
}

/**
 * Guards by message name, found per frame. A name read from a frame is a fresh string: a `Map` or an
 * object lookup would hash it (V8 does not hash strings until asked) and compare it, which on short
 * frames costs several percent of `JSON.parse`. Here the names are bucketed by length and the few of
 * the same length compared directly; the entry's own `name` then serves every later lookup.
 */
export class GuardLookup {
  readonly #byLength: GuardEntry[][] = [];

  constructor(guards: object) {
    for (const [name, guard] of Object.entries(guards as Record<string, (value: unknown) => boolean>)) {
      const bucket = this.#byLength[name.length] ?? [];
      bucket.push({ name, guard });
      this.#byLength[name.length] = bucket;
    }
  }

  /** The entry named `name`, or undefined (never one inherited from Object.prototype). */
  entry(name: string): GuardEntry | undefined {
    const bucket = this.#byLength[name.length];
    if (bucket === undefined) return undefined;
    for (let index = 0; index < bucket.length; index += 1) {
      const entry = bucket[index] as GuardEntry;
      if (entry.name === name) return entry;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }
}

const lookups = new WeakMap<object, GuardLookup>();

/** The lookup of a guard table, built once per table. */
export function guardLookup(guards: object): GuardLookup {
  let lookup = lookups.get(guards);
  if (lookup === undefined) {
    lookup = new GuardLookup(guards);
    lookups.set(guards, lookup);
  }
  return lookup;
}
