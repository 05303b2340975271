/** How a spec change affects users of the generated package, in semver terms. */
export type ChangeClass = "major" | "minor" | "patch";

/** One difference between two versions of a spec, where it is and what it does to users. */
export interface SpecChange {
  /** Dotted path into the protocol: `messages.bind.payload.user_id`, `schemas.Member.name`. */
  readonly path: string;
  readonly changeClass: ChangeClass;
  readonly what: string;
}

export type Report = (path: string, changeClass: ChangeClass, what: string) => void;

const rank: Record<ChangeClass, number> = { patch: 0, minor: 1, major: 2 };

/** Whether `changeClass` is `threshold` or a higher class. */
export function atLeast(changeClass: ChangeClass, threshold: ChangeClass): boolean {
  return rank[changeClass] >= rank[threshold];
}

/** The class of the release the changes need: the highest of them; undefined when there are none. */
export function highestClass(changes: readonly SpecChange[]): ChangeClass | undefined {
  let highest: ChangeClass | undefined;
  for (const { changeClass } of changes) {
    if (highest === undefined || rank[changeClass] > rank[highest]) highest = changeClass;
  }
  return highest;
}

/** Deep equality of plain IR data (JSON-like), key order ignored. */
export function sameData(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Reports the entries only one side has: removed ones as `removedClass`, added ones as `addedClass`. */
export function compareKeyed<T>(
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  onBoth: (key: string, a: T, b: T) => void,
  onOnly: (key: string, side: "removed" | "added") => void,
): void {
  for (const [key, a] of before) {
    const b = after.get(key);
    if (b === undefined) onOnly(key, "removed");
    else onBoth(key, a, b);
  }
  for (const key of after.keys()) if (!before.has(key)) onOnly(key, "added");
}

export function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}
