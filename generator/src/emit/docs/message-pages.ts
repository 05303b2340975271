import type { Message, Protocol } from "../../ir/types.js";

/**
 * Messages are documented one page per exchange, so that a phone can read them: a message that asks
 * (or stands alone) leads its page, and the answers to it follow on the same page.
 */

function askersOf(protocol: Protocol, message: Message): Message[] {
  const operations = protocol.operations.filter((operation) => operation.replies.includes(message.id));
  const ids = new Set(operations.flatMap((operation) => operation.messages));
  return protocol.messages.filter((each) => ids.has(each.id) && each !== message);
}

const leaders = new WeakMap<Protocol, ReadonlyMap<string, string>>();

/** Page leader by message id: the first asker that asks itself of no one, else the message itself. */
function leaderMap(protocol: Protocol): ReadonlyMap<string, string> {
  const known = leaders.get(protocol);
  if (known !== undefined) return known;
  const map = new Map<string, string>();
  for (const message of protocol.messages) {
    const leader = askersOf(protocol, message).find((asker) => askersOf(protocol, asker).length === 0);
    map.set(message.id, leader?.id ?? message.id);
  }
  leaders.set(protocol, map);
  return map;
}

/** The id of the message leading the page `message` is documented on. */
export function pageLeader(protocol: Protocol, message: Message): string {
  return leaderMap(protocol).get(message.id) ?? message.id;
}

/** Every page: its leader and its messages (leader first, then its answers in the protocol's order). */
export function messagePages(protocol: Protocol): { leader: Message; messages: Message[] }[] {
  return protocol.messages
    .filter((message) => pageLeader(protocol, message) === message.id)
    .map((leader) => ({
      leader,
      messages: [
        leader,
        ...protocol.messages.filter((each) => each !== leader && pageLeader(protocol, each) === leader.id),
      ],
    }));
}

/** The site path of a message's page (no extension), absolute: usable from any page. */
export function messagePagePath(protocol: Protocol, message: Message): string {
  return `/protocols/${protocol.id}/messages/${pageLeader(protocol, message)}`;
}

export const schemasPageName = "schemas";

const schemaFiles = new WeakMap<Protocol, ReadonlyMap<string, string>>();

/** File name (no extension) of each named schema's page: the name made path-safe, numbered if that collides. */
function schemaFileMap(protocol: Protocol): ReadonlyMap<string, string> {
  const known = schemaFiles.get(protocol);
  if (known !== undefined) return known;
  const map = new Map<string, string>();
  const taken = new Set<string>();
  for (const { name } of protocol.schemas) {
    const base = name.replace(/[^A-Za-z0-9_-]/g, "-");
    let file = base;
    for (let index = 2; taken.has(file.toLowerCase()); index += 1) file = `${base}-${index}`;
    taken.add(file.toLowerCase());
    map.set(name, file);
  }
  schemaFiles.set(protocol, map);
  return map;
}

/** The site path of a named schema's page, absolute. */
export function schemaPagePath(protocol: Protocol, name: string): string {
  return `/protocols/${protocol.id}/${schemasPageName}/${schemaFileMap(protocol).get(name) ?? name}`;
}

/** Rewrites same-page schema links (`](#schema-Name)`, as the field tables write them) to the schema's page. */
export function linkSchemaPages(protocol: Protocol, line: string): string {
  return line.replace(
    /\]\(#schema-([^)]+)\)/g,
    (_link, name: string) => `](${schemaPagePath(protocol, name)}#schema-${name})`,
  );
}
