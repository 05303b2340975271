import type { DiagnosticSink } from "../diagnostics.js";
import type { ParsedDocument } from "../load/load-spec.js";
import { parseRuntimeExpression } from "./raw.js";
import type { Operation, ReplyAddress, Side } from "./types.js";

type ParsedOperation = ReturnType<ParsedDocument["operations"]>["all"] extends () => (infer O)[] ? O : never;
type ParsedReply = NonNullable<ReturnType<ParsedOperation["reply"]>>;

/** What an operation's `reply` says, before replies without `messages` are resolved. */
export interface ReplyFacts {
  readonly replies: readonly string[];
  /** The reply lists no messages: its channel's messages answer (resolved once every operation is known). */
  readonly fromChannel?: { readonly channel: string; readonly messages: readonly string[] };
  readonly address?: ReplyAddress;
}

/** `$message.payload#/a` or `$message.header#/a`, with which of the two it reads. */
export function readMessageExpression(
  expression: unknown,
): { readonly location: "payload" | "header"; readonly path: string[] } | undefined {
  const payload = parseRuntimeExpression(expression, ["$message.payload"]);
  if (payload !== undefined) return { location: "payload", path: payload };
  const header = parseRuntimeExpression(expression, ["$message.header"]);
  return header === undefined ? undefined : { location: "header", path: header };
}

function replyAddress(
  reply: ParsedReply,
  ownAddress: string | undefined,
  pointer: string,
  sink: DiagnosticSink,
): ReplyAddress | undefined {
  const location = reply.address()?.location();
  if (location !== undefined) {
    const expression = readMessageExpression(location);
    if (expression !== undefined) return { kind: "expression", ...expression };
    sink.warning(
      "reply-address-ignored",
      `${pointer}/reply/address/location`,
      `reply address \`${location}\` is not a \`$message.payload#/…\` or \`$message.header#/…\` expression: left out, answers are expected where requests go`,
    );
    return undefined;
  }
  const address = reply.channel()?.address();
  return typeof address === "string" && address !== ownAddress ? { kind: "static", address } : undefined;
}

/** The reply of one operation: its messages (or its channel, when it lists none) and its address. */
export function readReply(operation: ParsedOperation, pointer: string, sink: DiagnosticSink): ReplyFacts {
  const reply = operation.reply();
  if (reply === undefined) return { replies: [] };
  const own = operation.channels().all()[0];
  const address = replyAddress(reply, own?.address() ?? undefined, pointer, sink);
  const listed = reply
    .messages()
    .all()
    .map((message) => message.id());
  const withAddress = address === undefined ? {} : { address };
  if (listed.length > 0) return { replies: listed, ...withAddress };
  const channel = reply.channel() ?? own;
  if (channel === undefined) return { replies: [], ...withAddress };
  const messages = channel
    .messages()
    .all()
    .map((message) => message.id());
  return { replies: [], fromChannel: { channel: channel.id(), messages }, ...withAddress };
}

/**
 * A reply without `messages` takes its channel's messages: those the other side sends there (per the
 * operations), else every message of the channel but the request's own.
 */
export function resolveChannelReplies(
  operation: Operation,
  fromChannel: NonNullable<ReplyFacts["fromChannel"]>,
  operations: readonly Operation[],
): string[] {
  const answerer: Side = operation.sender === "client" ? "server" : "client";
  const sentByAnswerer = new Set(
    operations
      .filter((other) => other.channel === fromChannel.channel && other.sender === answerer)
      .flatMap((other) => other.messages),
  );
  const candidates = fromChannel.messages.filter((id) => !operation.messages.includes(id));
  const answered = candidates.filter((id) => sentByAnswerer.has(id));
  return answered.length > 0 ? answered : candidates;
}
