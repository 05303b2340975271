import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { Channel, ForwardRule, Message, Operation, Protocol, Side } from "../../ir/types.js";
import { messageKey } from "../names.js";

/** Sequence flows read from the IR: the session (greeting, handshake → outcome, heartbeat), request → answer pairs and forward rules. */

export interface Arrow {
  readonly kind: "arrow";
  readonly from: number;
  readonly to: number;
  readonly label: string;
  /** An answer (drawn dashed). */
  readonly answer: boolean;
}

export interface Note {
  readonly kind: "note";
  readonly over: number;
  readonly text: string;
}

export type Step = Arrow | Note;

export interface Flow {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly participants: readonly string[];
  readonly steps: readonly Step[];
}

const client = 0;
const server = 1;
const sideIndex: Record<Side, number> = { client, server };

function messagesOf(protocol: Protocol, ids: readonly string[]): Message[] {
  const resolved = resolveProtocol(protocol);
  return ids.flatMap((id) => resolved.message(id) ?? []);
}

function label(messages: readonly Message[]): string {
  return [...new Set(messages.map(messageKey))].join(" | ");
}

function isFailure(message: Message): boolean {
  return message.isError || message.rpc === "error";
}

/** The operation's message(s), then its answers: successes one by one, failures together. */
function requestSteps(protocol: Protocol, operation: Operation): Step[] {
  const asker = sideIndex[operation.sender];
  const answerer = 1 - asker;
  const replies = messagesOf(protocol, operation.replies);
  const failures = replies.filter(isFailure);
  return [
    { kind: "arrow", from: asker, to: answerer, label: label(messagesOf(protocol, operation.messages)), answer: false },
    ...replies
      .filter((reply) => !isFailure(reply))
      .map((reply): Step => ({ kind: "arrow", from: answerer, to: asker, label: messageKey(reply), answer: true })),
    ...(failures.length > 0
      ? [{ kind: "arrow", from: answerer, to: asker, label: `${label(failures)} (failure)`, answer: true } as const]
      : []),
  ];
}

const targetNames: Record<ForwardRule["to"], string> = { peer: "Peer", room: "Room", everyone: "Everyone else" };

function forwardTargets(rules: readonly ForwardRule[]): string[] {
  return [...new Set(rules.map((rule) => targetNames[rule.to]))];
}

function forwardSteps(protocol: Protocol, rules: readonly ForwardRule[], participants: readonly string[]): Step[] {
  return rules.flatMap((rule) => {
    const target = participants.indexOf(targetNames[rule.to]);
    const as = operationById(protocol, rule.as);
    const steps: Step[] = [
      {
        kind: "arrow",
        from: server,
        to: target,
        label: label(messagesOf(protocol, as?.messages ?? [])),
        answer: false,
      },
    ];
    const conditions = [
      rule.peer === undefined ? "" : `to the connection known by ${rule.peer.join(".")}`,
      rule.includeSender && rule.to !== "peer" ? "sender included" : "",
      rule.when === undefined ? "" : `when ${rule.when.path.join(".")} = ${JSON.stringify(rule.when.equals)}`,
    ].filter((text) => text !== "");
    if (conditions.length > 0) steps.push({ kind: "note", over: target, text: conditions.join(", ") });
    return steps;
  });
}

function operationById(protocol: Protocol, id: string | undefined): Operation | undefined {
  return id === undefined ? undefined : resolveProtocol(protocol).operation(id);
}

/** Connection and session of a channel: greeting, handshake and its outcomes, heartbeat. */
export function sessionFlow(protocol: Protocol, channel: Channel): Flow | undefined {
  const handshake = operationById(protocol, channel.session?.handshake);
  const greeting = operationById(protocol, channel.greeting);
  const participants = ["Client", "Server", ...forwardTargets(handshake?.forward ?? [])];
  const steps: Step[] = [];
  if (greeting !== undefined) {
    steps.push({
      kind: "arrow",
      from: server,
      to: client,
      label: label(messagesOf(protocol, greeting.messages)),
      answer: false,
    });
  }
  if (handshake !== undefined) {
    steps.push(...requestSteps(protocol, handshake), ...forwardSteps(protocol, handshake.forward, participants));
  }
  const heartbeat = channel.heartbeat;
  if (heartbeat !== undefined && heartbeat.sender !== "transport") {
    const beat = operationById(protocol, heartbeat.operation);
    if (beat !== undefined) steps.push(...requestSteps(protocol, beat));
    steps.push({
      kind: "note",
      over: heartbeat.sender === "client" ? client : server,
      text:
        heartbeat.sender === "client"
          ? `every ${heartbeat.intervalMs / 1000} s; silent for ${heartbeat.timeoutMs / 1000} s → closed`
          : `after ${heartbeat.idleMs / 1000} s without traffic`,
    });
  }
  if (steps.length === 0) return undefined;
  const caption =
    "What happens on every connection before the application talks: the greeting, the session handshake and its outcomes, the heartbeat.";
  return { id: `session-${channel.id}`, title: "Connection and session", caption, participants, steps };
}

/** One flow per operation that is answered or forwarded (the handshake and heartbeat are in the session flow). */
export function operationFlows(protocol: Protocol, channel: Channel): Flow[] {
  const inSession = new Set([
    channel.session?.handshake,
    channel.heartbeat?.sender === "transport" ? undefined : channel.heartbeat?.operation,
  ]);
  return protocol.operations
    .filter((operation) => operation.channel === channel.id && !inSession.has(operation.id))
    .filter((operation) => operation.replies.length > 0 || operation.forward.length > 0)
    .map((operation) => {
      const participants = ["Client", "Server", ...forwardTargets(operation.forward)];
      const messages = messagesOf(protocol, operation.messages);
      return {
        id: operation.id,
        title: `${label(messages)} (${operation.sender} → ${operation.sender === "client" ? "server" : "client"})`,
        caption: operation.summary ?? messages[0]?.title ?? "",
        participants,
        steps: [...requestSteps(protocol, operation), ...forwardSteps(protocol, operation.forward, participants)],
      };
    });
}
