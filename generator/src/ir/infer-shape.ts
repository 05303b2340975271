import type { DiagnosticSink } from "../diagnostics.js";
import { literalOf, type ObjectView, objectView, resolve } from "./infer-object.js";
import type { Message, Protocol, SchemaNode, Side } from "./types.js";

function requiredCount(view: ObjectView | undefined): number {
  return view?.properties.filter((property) => property.required).length ?? 0;
}

/**
 * The order in which a shape-decoded channel tries its messages' guards, first match wins: messages
 * with more required top-level properties first (the more specific shape), then more declared
 * properties, then message key in alphabetical order. Deterministic, and documented in specs/README.md.
 */
export function shapeOrder(protocol: Protocol, messages: readonly Message[]): string[] {
  const scored = messages.map((message) => {
    const view = objectView(protocol, message.payload);
    return { key: message.wireName, required: requiredCount(view), declared: view?.properties.length ?? 0 };
  });
  scored.sort(
    (a, b) => b.required - a.required || b.declared - a.declared || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return [...new Set(scored.map((entry) => entry.key))];
}

/** Two property schemas that no value satisfies together: different constants or different JSON types. */
function conflict(protocol: Protocol, a: SchemaNode, b: SchemaNode): boolean {
  const left = literalOf(protocol, a);
  const right = literalOf(protocol, b);
  if (left !== undefined && right !== undefined) return left !== right;
  const kinds = new Set(["string", "number", "boolean", "null", "array", "object"]);
  const kindA = resolve(protocol, a).kind;
  const kindB = resolve(protocol, b).kind;
  return kinds.has(kindA) && kinds.has(kindB) && kindA !== kindB;
}

/**
 * Whether a typical frame of `later` (its declared members) can pass the guard of `earlier`: every
 * member `earlier` requires is one `later` declares, no shared member has values that cannot agree,
 * and a closed `earlier` admits what `later` requires. Open objects could always overlap through
 * members neither declares; that is not what a peer sends, so it is not reported.
 */
function mayShadow(protocol: Protocol, earlier: ObjectView | undefined, later: ObjectView | undefined): boolean {
  if (earlier === undefined || later === undefined) return true;
  const laterNames = new Map(later.properties.map((property) => [property.name, property]));
  for (const property of earlier.properties) {
    const other = laterNames.get(property.name);
    if (other === undefined ? property.required : conflict(protocol, property.schema, other.schema)) return false;
  }
  const earlierNames = new Set(earlier.properties.map((property) => property.name));
  return earlier.open || later.properties.every((property) => !property.required || earlierNames.has(property.name));
}

/**
 * Warns about each pair of messages one side sends whose shapes overlap: a frame valid for both is
 * decoded as the one tried first. Never a silent pick.
 */
export function reportOverlaps(
  protocol: Protocol,
  traffic: ReadonlyMap<Message, ReadonlySet<Side>>,
  order: readonly string[],
  pointer: string,
  sink: DiagnosticSink,
): void {
  for (const side of ["client", "server"] as const) {
    const sent = [...traffic.entries()].filter(([, sides]) => sides.has(side)).map(([message]) => message);
    sent.sort((a, b) => order.indexOf(a.wireName) - order.indexOf(b.wireName));
    sent.forEach((earlier, index) => {
      for (const later of sent.slice(index + 1)) {
        if (earlier.wireName === later.wireName) continue;
        const views = [objectView(protocol, earlier.payload), objectView(protocol, later.payload)] as const;
        if (!mayShadow(protocol, views[0], views[1])) continue;
        sink.warning(
          "overlapping-shapes",
          pointer,
          `the ${side} messages \`${earlier.wireName}\` and \`${later.wireName}\` share no discriminator and a frame can match both: it is decoded as \`${earlier.wireName}\` (tried first); give them a \`const\` property to tell them apart`,
        );
      }
    });
  }
}
