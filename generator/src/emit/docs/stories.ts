import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { Channel, ForwardRule, Message, Operation, Protocol } from "../../ir/types.js";
import { messageKey } from "../names.js";
import type { Flow, Step } from "./flows.js";

/**
 * An end-to-end story per channel: several members connect, open their sessions, join the room, talk
 * (the call the spec describes, else every client operation in the spec's order) and leave. Drawn only
 * from the spec's facts: session, greeting, rooms, calls, answers and forward rules.
 */

const serverIndex = 1;
const names = ["Alice", "Bob", "Carol"];

interface Story {
  readonly protocol: Protocol;
  readonly members: number;
  readonly steps: Step[];
  /** Members (0 = Alice) whose session is open. */
  readonly connected: number[];
}

function participant(member: number): number {
  return member === 0 ? 0 : member + 1;
}

function operation(protocol: Protocol, id: string | undefined): Operation | undefined {
  return id === undefined ? undefined : resolveProtocol(protocol).operation(id);
}

function messages(protocol: Protocol, ids: readonly string[]): Message[] {
  return ids.flatMap((id) => resolveProtocol(protocol).message(id) ?? []);
}

function keys(list: readonly Message[]): string {
  return [...new Set(list.map(messageKey))].join(" | ");
}

function isFailure(message: Message): boolean {
  return message.isError || message.rpc === "error";
}

/** Who receives a forward: the dialogue's other member, the others in the room (or everyone connected). */
function recipients(story: Story, rule: ForwardRule, sender: number, partner: number): number[] {
  if (rule.to === "peer") return partner === sender ? [] : [partner];
  return story.connected.filter((member) => rule.includeSender || member !== sender);
}

/** The first rule per sent operation: conditional variants (peer or everyone, by a field) are drawn once. */
function distinctRules(rules: readonly ForwardRule[]): ForwardRule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = rule.as;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The answer arrives through a forward: from the peer, or with the room's copy the sender also gets. */
function answeredByForward(story: Story, op: Operation, success: Message): boolean {
  return op.forward.some(
    (rule) =>
      rule.to === "peer" ||
      (rule.includeSender && (operation(story.protocol, rule.as)?.messages ?? []).includes(success.id)),
  );
}

/** `sender` sends the operation; the server answers (first success) and forwards. */
function send(story: Story, op: Operation, sender: number, partner: number): void {
  const { protocol, steps } = story;
  steps.push({
    kind: "arrow",
    from: participant(sender),
    to: serverIndex,
    label: keys(messages(protocol, op.messages)),
    answer: false,
  });
  const success = messages(protocol, op.replies).find((reply) => !isFailure(reply));
  if (success !== undefined && !answeredByForward(story, op, success)) {
    steps.push({ kind: "arrow", from: serverIndex, to: participant(sender), label: messageKey(success), answer: true });
  }
  for (const rule of distinctRules(op.forward)) {
    const label = keys(messages(protocol, operation(protocol, rule.as)?.messages ?? []));
    for (const member of recipients(story, rule, sender, partner)) {
      steps.push({ kind: "arrow", from: serverIndex, to: participant(member), label, answer: false });
    }
  }
}

function connect(story: Story, channel: Channel, member: number): void {
  const greeting = operation(story.protocol, channel.greeting);
  if (greeting !== undefined) {
    const label = keys(messages(story.protocol, greeting.messages));
    story.steps.push({ kind: "arrow", from: serverIndex, to: participant(member), label, answer: false });
  }
  const handshake = operation(story.protocol, channel.session?.handshake);
  if (handshake !== undefined) send(story, handshake, member, member);
  story.connected.push(member);
  const join = operation(story.protocol, channel.rooms?.join);
  if (join !== undefined && join.id !== handshake?.id) send(story, join, member, member);
}

/** Operations already drawn elsewhere in the story (session, heartbeat, rooms, call start and answer). */
function framingOperations(channel: Channel): Set<string | undefined> {
  return new Set([
    channel.session?.handshake,
    channel.heartbeat?.sender === "transport" ? undefined : channel.heartbeat?.operation,
    channel.rooms?.join,
    channel.rooms?.leave,
    ...(channel.calls?.start.map((rule) => rule.operation) ?? []),
    ...(channel.calls?.answer.map((rule) => rule.operation) ?? []),
    ...(channel.calls?.end.map((rule) => rule.operation) ?? []),
  ]);
}

/** What members say: the call (start, answer), then the other operations in the spec's order, the call's end last. */
function talk(story: Story, channel: Channel): void {
  const { protocol } = story;
  const skipped = framingOperations(channel);
  const first = operation(protocol, channel.calls?.start[0]?.operation);
  const answer = operation(protocol, channel.calls?.answer[0]?.operation);
  if (first !== undefined) send(story, first, 0, 1);
  if (answer !== undefined) send(story, answer, 1, 0);
  let speaker = answer === undefined ? 0 : 1;
  const rest = protocol.operations.filter(
    (op) =>
      op.channel === channel.id &&
      op.sender === "client" &&
      !skipped.has(op.id) &&
      (op.replies.length > 0 || op.forward.length > 0),
  );
  for (const op of rest) {
    // A message forwarded to the peer is answered by the peer: the dialogue alternates.
    if (op.forward.some((rule) => rule.to === "peer")) speaker = 1 - speaker;
    else speaker = 0;
    send(story, op, speaker, 1 - speaker);
  }
  const end = operation(protocol, channel.calls?.end.at(-1)?.operation);
  if (end !== undefined) send(story, end, 0, 1);
}

function leave(story: Story, channel: Channel): void {
  const op = operation(story.protocol, channel.rooms?.leave);
  const last = story.members - 1;
  if (op === undefined) return;
  send(story, op, last, last);
  story.connected.splice(story.connected.indexOf(last), 1);
}

function memberCount(channel: Channel): number {
  if (channel.rooms !== undefined) return 3;
  const forwards = channel.calls !== undefined || channel.session !== undefined;
  return forwards ? 2 : 1;
}

export function storyFlow(protocol: Protocol, channel: Channel): Flow | undefined {
  const members = memberCount(channel);
  const story: Story = { protocol, members, steps: [], connected: [] };
  for (let member = 0; member < members; member += 1) connect(story, channel, member);
  talk(story, channel);
  leave(story, channel);
  if (story.steps.length < 3) return undefined;
  const memberNames = names.slice(0, members);
  const who =
    channel.rooms !== undefined
      ? `a room with ${members} members`
      : channel.calls !== undefined
        ? "a whole call between two members"
        : `${members === 1 ? "one client" : `${members} members`}, from connecting to the last operation`;
  return {
    id: `story-${channel.id}`,
    title: `Story: ${who}`,
    caption: `Drawn from the spec's session, rooms, call rules, answers and forward rules (no hand-drawn steps): ${memberNames.join(", ")} connect${channel.rooms === undefined ? "" : `, join and ${memberNames.at(-1)} leaves`}. Answers are dashed.`,
    participants: [memberNames[0] ?? "Alice", "Server", ...memberNames.slice(1)],
    steps: story.steps,
  };
}
