import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { JsonValue } from "../ir/types.js";

/**
 * A scripted sequence of server messages (`--script file`, JSON or YAML): a list of
 * `{ after_ms?, send: <message key>, payload? }`, replayed on every connection in order, each step
 * `after_ms` (default 0) after the previous one. A step without `payload` sends the message's example.
 */

export interface ScriptStep {
  readonly afterMs: number;
  readonly send: string;
  readonly payload?: JsonValue;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function stepOf(entry: unknown, index: number): ScriptStep {
  const where = `script step ${index + 1}`;
  if (!isRecord(entry)) throw new Error(`${where}: expected { after_ms?, send, payload? }`);
  const { after_ms: afterMs = 0, send, payload } = entry;
  if (typeof send !== "string") throw new Error(`${where}: \`send\` must name a message the server sends`);
  if (typeof afterMs !== "number" || !Number.isFinite(afterMs) || afterMs < 0)
    throw new Error(`${where}: \`after_ms\` must be a number of milliseconds ≥ 0`);
  return { afterMs, send, ...(payload === undefined ? {} : { payload: payload as JsonValue }) };
}

/** Parses a script's text; throws with the step at fault. */
export function parseScript(text: string): ScriptStep[] {
  const parsed: unknown = parseYaml(text);
  if (!Array.isArray(parsed)) throw new Error("a script is a list of steps: [{ after_ms?, send, payload? }, …]");
  return parsed.map(stepOf);
}

export function readScript(path: string): ScriptStep[] {
  try {
    return parseScript(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs the steps in order on one connection; the returned function cancels what is left. */
export function replay(steps: readonly ScriptStep[], send: (step: ScriptStep) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let index = 0;
  const next = () => {
    const step = steps[index];
    if (step === undefined) return;
    timer = setTimeout(() => {
      index += 1;
      send(step);
      next();
    }, step.afterMs);
  };
  next();
  return () => clearTimeout(timer);
}
