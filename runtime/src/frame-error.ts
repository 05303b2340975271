import type { z } from "zod";

/** Why a frame was refused. */
export type FrameErrorKind =
  | "malformed-json"
  | "invalid-utf8"
  | "not-an-object"
  | "missing-key"
  | "unknown-message"
  | "invalid-message"
  | "invalid-envelope"
  | "too-large"
  | "too-deep";

/** One field that did not match its schema. */
export interface FieldIssue {
  /** Dotted path into the message (`media.file.0.file_id`); empty for the message itself. */
  readonly path: string;
  readonly expected: string;
  readonly received: string;
  readonly message: string;
}

/** A refused frame: what was wrong, where, and the frame itself so that nothing is lost. */
export interface FrameError {
  readonly kind: FrameErrorKind;
  /** The message the frame claimed to be (its wire name), when that much could be read. */
  readonly messageName?: string | undefined;
  readonly issues: readonly FieldIssue[];
  /** A one-line summary for logs. */
  readonly summary: string;
  /** The frame as received (text, or the decoded value for events). */
  readonly frame: unknown;
}

export function frameError(
  kind: FrameErrorKind,
  summary: string,
  frame: unknown,
  details: { messageName?: string | undefined; issues?: readonly FieldIssue[] } = {},
): FrameError {
  return { kind, summary, frame, messageName: details.messageName, issues: details.issues ?? [] };
}

const maxShownLength = 40;

/** A short human description of a value, for "received …". */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (missing)";
  if (value === null) return "null";
  if (Array.isArray(value)) return `array of ${value.length}`;
  if (typeof value === "string") {
    const shown = value.length > maxShownLength ? `${value.slice(0, maxShownLength)}…` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === "object") return "object";
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

type ZodIssue = z.core.$ZodIssue;

function expectedOf(issue: ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected;
    case "invalid_value":
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "too_small":
      return `${issue.origin} ${issue.inclusive === false ? ">" : "≥"} ${String(issue.minimum)}`;
    case "too_big":
      return `${issue.origin} ${issue.inclusive === false ? "<" : "≤"} ${String(issue.maximum)}`;
    case "invalid_format":
      return `format ${issue.format}`;
    case "not_multiple_of":
      return `multiple of ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return `no members ${issue.keys.join(", ")}`;
    case "invalid_union":
      return "one of the allowed shapes";
    default:
      return issue.message;
  }
}

/** Turns zod's issues into field issues with what was expected and what arrived. */
export function toFieldIssues(issues: readonly ZodIssue[], value: unknown): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    expected: expectedOf(issue),
    received: describeValue(valueAt(value, issue.path)),
    message: issue.message,
  }));
}

export function summarizeIssues(messageName: string, issues: readonly FieldIssue[]): string {
  const first = issues[0];
  if (first === undefined) return `invalid ${messageName}`;
  const where = first.path === "" ? "" : ` at ${first.path}`;
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : "";
  return `invalid ${messageName}${where}: expected ${first.expected}, received ${first.received}${more}`;
}
