import { objectView, stringLiteralAt } from "./infer-object.js";
import type { Message, Protocol, Side } from "./types.js";

/** Names that conventionally tell messages apart, preferred in this order when several qualify. */
const conventionalNames = ["type", "event", "action", "op", "id", "method", "kind", "name", "channel", "topic"];

function rank(name: string): number {
  const index = conventionalNames.indexOf(name);
  return index === -1 ? conventionalNames.length : index;
}

/** True when no side sends two messages with the same value at `name`. */
function distinctPerSide(protocol: Protocol, name: string, traffic: ReadonlyMap<Message, ReadonlySet<Side>>): boolean {
  return (["client", "server"] as const).every((side) => {
    const values = [...traffic.entries()]
      .filter(([, sides]) => sides.has(side))
      .map(([message]) => stringLiteralAt(protocol, message.payload, name));
    return new Set(values).size === values.length;
  });
}

/**
 * The discriminator of a channel's messages: a top-level property that is a string `const` (or an
 * `enum` of one value) in every message. When several qualify: first one whose values are distinct on
 * each side, then the conventional names in the order above, then alphabetical order.
 */
export function inferDiscriminator(
  protocol: Protocol,
  traffic: ReadonlyMap<Message, ReadonlySet<Side>>,
): string | undefined {
  const messages = [...traffic.keys()];
  const first = messages[0];
  if (first === undefined) return undefined;
  const names = (objectView(protocol, first.payload)?.properties ?? []).map((property) => property.name);
  const candidates = [...new Set(names)].filter((name) =>
    messages.every((message) => stringLiteralAt(protocol, message.payload, name) !== undefined),
  );
  const scored = candidates.map((name) => ({
    name,
    distinct: distinctPerSide(protocol, name, traffic) ? 0 : 1,
    rank: rank(name),
  }));
  scored.sort((a, b) => a.distinct - b.distinct || a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored[0]?.name;
}
