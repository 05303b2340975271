import type { Message, NamedSchema, Protocol } from "../../ir/types.js";
import type { GeneratedFile } from "../generated-file.js";
import { messageKey } from "../names.js";
import { payloadTable } from "./field-table.js";
import { cell, code, fence, firstParagraph, frontMatter, prose, specDownload } from "./markdown.js";
import { linkSchemaPages, messagePages, schemaPagePath, schemasPageName } from "./message-pages.js";
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
  if (answers.length > 0) rows.push(["answered by", answers.map((answer) => messageLink(protocol, answer)).join(", ")]);
  const asked = answeredMessages(protocol, message);
  if (asked.length > 0) rows.push(["answers", asked.map((ask) => messageLink(protocol, ask)).join(", ")]);
  for (const { rule, messages } of forwardsOf(protocol, message)) {
    rows.push([
      "server forwards",
      `${messages.map((sent) => messageLink(protocol, sent)).join(", ")} to ${ruleText(rule)}`,
    ]);
  }
  const sources = forwardedFrom(protocol, message);
  if (sources.length > 0)
    rows.push(["forwarded from", sources.map((source) => messageLink(protocol, source)).join(", ")]);
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
  const heading = `## ${code(messageKey(message))}${
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
    ...payloadTable(protocol, message.payload).map((line) => linkSchemaPages(protocol, line)),
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

function summary(message: Message): string {
  return cell(message.title ?? message.summary ?? firstParagraph(message.description));
}

/** `protocols/<id>/messages.md`: the index, by direction; each entry links to the message's page. */
function emitIndexPage(protocol: Protocol): GeneratedFile {
  const lines = [
    frontMatter(protocol),
    `# ${prose(protocol.title)}: messages`,
    "",
    `Every message of ${code(protocol.packageName)}, by direction. Each page documents one exchange: a message, its fields and examples, what answers it and what the server forwards. Named types are on the [schemas page](./${schemasPageName}); the spec: ${specDownload(protocol)}.`,
    "",
  ];
  for (const group of groups) {
    const messages = protocol.messages.filter(group.test);
    if (messages.length === 0) continue;
    lines.push(
      `## ${group.title}`,
      "",
      ...messages.map((message) => `- ${messageLink(protocol, message)}: ${summary(message)}`),
      "",
    );
  }
  return { path: `protocols/${protocol.id}/messages.md`, content: `${lines.join("\n").trimEnd()}\n` };
}

function emitExchangePage(protocol: Protocol, leader: Message, messages: readonly Message[]): GeneratedFile {
  const lines = [
    frontMatter(protocol, ["outline: [2, 2]", "pageClass: wt-wide"]),
    // An explicit id: the automatic one would repeat the leader's section id.
    `# ${code(messageKey(leader))} {#wt-page-title}`,
    "",
    `A message of ${code(protocol.packageName)}${messages.length > 1 ? ", and the answers to it" : ""}. All messages: [index](../messages).`,
    "",
    ...messages.flatMap((message) => messageSection(protocol, message)),
  ];
  return { path: `protocols/${protocol.id}/messages/${leader.id}.md`, content: `${lines.join("\n").trimEnd()}\n` };
}

/** `protocols/<id>/schemas.md`: the index of the named schemas the messages refer to. */
function emitSchemasIndex(protocol: Protocol): GeneratedFile {
  const lines = [
    frontMatter(protocol),
    `# ${prose(protocol.title)}: schemas`,
    "",
    protocol.schemas.length === 0 ? "The spec names no schema." : "Named schemas the [messages](./messages) refer to.",
    "",
    ...protocol.schemas.map(
      (schema) =>
        `- [${schema.name}](${schemaPagePath(protocol, schema.name)}#${schemaAnchor(schema.name)})${schema.schema.docs.description === undefined ? "" : `: ${cell(firstParagraph(schema.schema.docs.description))}`}`,
    ),
  ];
  return { path: `protocols/${protocol.id}/${schemasPageName}.md`, content: `${lines.join("\n").trimEnd()}\n` };
}

/** `protocols/<id>/schemas/<name>.md`: one named schema and its fields. */
function emitSchemaPage(protocol: Protocol, schema: NamedSchema): GeneratedFile {
  const lines = [
    frontMatter(protocol, ["pageClass: wt-wide"]),
    `# ${schema.name} {#${schemaAnchor(schema.name)}}`,
    "",
    `A named schema of ${code(protocol.packageName)}. All schemas: [index](../${schemasPageName}).`,
    "",
    ...(schema.schema.docs.description === undefined ? [] : [prose(schema.schema.docs.description.trim()), ""]),
    ...payloadTable(protocol, schema.schema).map((line) => linkSchemaPages(protocol, line)),
  ];
  return {
    path: `protocols/${protocol.id}${schemaPagePath(protocol, schema.name).slice(`/protocols/${protocol.id}`.length)}.md`,
    content: `${lines.join("\n").trimEnd()}\n`,
  };
}

/** The messages index, one page per exchange (a phone can read it), and the schemas page. */
export function emitMessagesPages(protocol: Protocol): GeneratedFile[] {
  return [
    emitIndexPage(protocol),
    ...messagePages(protocol).map(({ leader, messages }) => emitExchangePage(protocol, leader, messages)),
    emitSchemasIndex(protocol),
    ...protocol.schemas.map((schema) => emitSchemaPage(protocol, schema)),
  ];
}
