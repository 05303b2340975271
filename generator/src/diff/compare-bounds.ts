import type { Report } from "./types.js";

/**
 * Constraints: tightening one refuses values that were valid (major); loosening or dropping one
 * accepts more (minor).
 */

export function compareLowerBound(
  name: string,
  a: number | undefined,
  b: number | undefined,
  path: string,
  report: Report,
) {
  if (a === b) return;
  if (b === undefined) report(path, "minor", `${name} ${a} removed`);
  else if (a === undefined || b > a) report(path, "major", `narrowed: ${name} ${a ?? "none"} → ${b}`);
  else report(path, "minor", `widened: ${name} ${a} → ${b}`);
}

export function compareUpperBound(
  name: string,
  a: number | undefined,
  b: number | undefined,
  path: string,
  report: Report,
) {
  if (a === b) return;
  if (b === undefined) report(path, "minor", `${name} ${a} removed`);
  else if (a === undefined || b < a) report(path, "major", `narrowed: ${name} ${a ?? "none"} → ${b}`);
  else report(path, "minor", `widened: ${name} ${a} → ${b}`);
}

/** A rule that is either there or not (pattern, format, multipleOf): any new or different one narrows. */
export function compareRule(name: string, a: unknown, b: unknown, path: string, report: Report) {
  if (a === b) return;
  if (b === undefined) report(path, "minor", `${name} ${JSON.stringify(a)} removed`);
  else report(path, "major", `narrowed: ${name} ${JSON.stringify(a) ?? "none"} → ${JSON.stringify(b)}`);
}

/** A flag that, once on, refuses values (integer, uniqueItems). */
export function compareFlag(
  name: string,
  a: boolean | undefined,
  b: boolean | undefined,
  path: string,
  report: Report,
) {
  if ((a ?? false) === (b ?? false)) return;
  if (b === true) report(path, "major", `narrowed: now ${name}`);
  else report(path, "minor", `widened: no longer ${name}`);
}
