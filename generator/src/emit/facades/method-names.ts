import { camelCase } from "../../ir/naming.js";

/** Method names for message keys (`verto.invite` → `vertoInvite`), unique within one object. */
export function methodNames(keys: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of keys) {
    const base = camelCase(key);
    let name = base;
    for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}${suffix}`;
    taken.add(name);
    names.set(key, name);
  }
  return names;
}
