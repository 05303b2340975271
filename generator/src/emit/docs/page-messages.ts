import type { Message, Protocol } from "../../ir/types.js";
import type { GeneratedFile } from "../generated-file.js";
import { messageKey } from "../names.js";
import { payloadTable } from "./field-table.js";
import { cell, code, fence, frontMatter, prose } from "./markdown.js";
import {
  answeredMessages,
  answersTo,
  directionText,
  forwardedFrom,
  forwardsOf,
  messageLink,
  ruleText,
} from "./relations.js";
import { schemaAnchor } from "./schema-text.js";

const rpcPart: Record<string, string> = {
  request: "a request: the fields below are its `params`; it carries an `id` and gets an answer",
  notification: "a notification: the fields below are its `params`; no `id`, no answer",
  result: "a result: the fields below are its `result`",
  error: "an error: the fields below are its `error` object",
};

function facts(protocol: Protocol, message: Message): string[] {
  const rows: [string, string][] = [
    ["direction", directionText(message.senders)],
    ["wire name", code(messageKey(message))],
    ["type", code(message.typeName)],
  ];
  if (message.rpc !== undefined) rows.push(["JSON-RPC", rpcPart[message.rpc] ?? message.rpc]);
  if (message.eventPattern !== undefined) {
    rows.push(["event name", `built at run time from ${code(message.eventPattern.template)}`]);
  }
  if (message.correlationPath !== undefined) rows.push(["correlation", code(message.correlationPath.join("."))]);
  if (message.headerCorrelationPath !== undefined) {
    const path = code(message.headerCorrelationPath.join("."));
    rows.push(["correlation", `header ${path} (not carried over WebSocket: answered by the next matching message)`]);
  }
  if (message.headersType !== undefined) rows.push(["headers", code(message.headersType)]);
  if (message.isError) rows.push(["failure", "yes: this message reports a failure"]);
  const answers = answersTo(protocol, message);
  if (answers.length > 0) rows.push(["answered by", answers.map((answer) => messageLink(answer)).join(", ")]);
  const asked = answeredMessages(protocol, message);
  if (asked.length > 0) rows.push(["answers", asked.map((ask) => messageLink(ask)).join(", ")]);
  for (const { rule, messages } of forwardsOf(protocol, message)) {
    rows.push(["server forwards", `${messages.map((sent) => messageLink(sent)).join(", ")} to ${ruleText(rule)}`]);
  }
  const sources = forwardedFrom(protocol, message);
  if (sources.length > 0) rows.push(["forwarded from", sources.map((source) => messageLink(source)).join(", ")]);
  return rows.map(([key, value]) => `- **${key}**: ${value.replaceAll("\\|", "|")}`);
}

function examples(message: Message): string[] {
  return message.examples.flatMap((example, index) => [
    `**Example${message.examples.length > 1 ? ` ${index + 1}` : ""}${example.name === undefined ? "" : ` (${code(example.name)})`}**${example.summary === undefined ? "" : `: ${prose(example.summary)}`}`,
    "",
    ...fence("json", JSON.stringify(example.payload, null, 2)),
    "",
  ]);
}

function messageSection(protocol: Protocol, message: Message): string[] {
  const heading = `### ${code(messageKey(message))}${
    message.typeName.toLowerCase() ===
    messageKey(message)
      .replace(/[^a-z0-9]/gi, "")
      .toLowerCase()
      ? ""
      : ` · ${message.typeName}`
  } {#${message.id}}`;
  const lead = [message.title, message.summary].filter((part) => part !== undefined);
  return [
    heading,
    "",
    ...(lead.length > 0 ? [`**${cell(lead[0] ?? "")}**${lead[1] === undefined ? "" : ` ${cell(lead[1])}`}`, ""] : []),
    ...facts(protocol, message),
    "",
    ...(message.description === undefined ? [] : [prose(message.description.trim()), ""]),
    ...(message.original === undefined ? [] : [`> Original wording: ${cell(message.original)}`, ""]),
    "**Fields**",
    "",
    ...payloadTable(protocol, message.payload),
    "",
    ...examples(message),
  ];
}

const groups = [
  {
    title: "Client → server",
    test: (message: Message) => message.senders.length === 1 && message.senders[0] === "client",
  },
  {
    title: "Server → client",
    test: (message: Message) => message.senders.length === 1 && message.senders[0] === "server",
  },
  { title: "Both ways", test: (message: Message) => message.senders.length > 1 },
];

/** `protocols/<id>/messages.md`: every message (one section each, anchored by its id) and every named schema. */
export function emitMessagesPage(protocol: Protocol): GeneratedFile {
  const lines = [
    frontMatter(protocol, ["outline: [2, 3]", "pageClass: wt-wide"]),
    `# ${prose(protocol.title)}: messages`,
    "",
    `Every message of ${code(protocol.packageName)}, by direction, with its fields, its examples, what answers it and what the server forwards. Types are the ones the package exports.`,
    "",
  ];
  for (const group of groups) {
    const messages = protocol.messages.filter(group.test);
    if (messages.length === 0) continue;
    lines.push(`## ${group.title}`, "", ...messages.flatMap((message) => messageSection(protocol, message)));
  }
  if (protocol.schemas.length > 0) {
    lines.push("## Schemas", "", "Named schemas the messages refer to.", "");
    for (const schema of protocol.schemas) {
      lines.push(`### ${schema.name} {#${schemaAnchor(schema.name)}}`, "");
      if (schema.schema.docs.description !== undefined) lines.push(prose(schema.schema.docs.description.trim()), "");
      lines.push(...payloadTable(protocol, schema.schema), "");
    }
  }
  return { path: `protocols/${protocol.id}/messages.md`, content: `${lines.join("\n").trimEnd()}\n` };
}
