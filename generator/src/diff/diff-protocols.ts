import type { Channel, Message, Operation, Protocol } from "../ir/types.js";
import { compareSchema } from "./compare-schema.js";
import { byKey, compareKeyed, type Report, type SpecChange, sameData } from "./types.js";

/**
 * Every difference between two versions of a protocol that users of its package can notice, each with
 * its semver class (see compareSchema for the reasoning). Pure: two IRs in, a list out.
 */
export function diffProtocols(before: Protocol, after: Protocol): SpecChange[] {
  const changes: SpecChange[] = [];
  const report: Report = (path, changeClass, what) => changes.push({ path, changeClass, what });
  if (before.packageName !== after.packageName) {
    report("info.x-wiretype-package.name", "major", `package renamed: ${before.packageName} → ${after.packageName}`);
  }
  if (before.identifier !== after.identifier) {
    report("info.x-wiretype-package.identifier", "major", "exported names changed");
  }
  const docs = (["title", "version", "description"] as const).filter((field) => before[field] !== after[field]);
  if (docs.length > 0) report("info", "patch", `documentation changed (${docs.join(", ")})`);
  if (!sameData(before.servers, after.servers)) report("servers", "patch", "servers changed");
  if (!sameData(before.discovery, after.discovery)) report("discovery", "minor", "discovery changed");
  compareKeyed(
    byKey(before.schemas, (schema) => schema.name),
    byKey(after.schemas, (schema) => schema.name),
    (name, a, b) => compareSchema(a.schema, b.schema, `schemas.${name}`, report),
    (name, side) => addedOrRemoved(`schemas.${name}`, side, "schema", report),
  );
  compareKeyed(
    byKey(before.messages, (message) => message.id),
    byKey(after.messages, (message) => message.id),
    (id, a, b) => compareMessage(a, b, `messages.${id}`, report),
    (id, side) => addedOrRemoved(`messages.${id}`, side, "message", report),
  );
  compareKeyed(
    byKey(before.operations, (operation) => operation.id),
    byKey(after.operations, (operation) => operation.id),
    (id, a, b) => compareOperation(a, b, `operations.${id}`, report),
    (id, side) => addedOrRemoved(`operations.${id}`, side, "operation", report),
  );
  compareKeyed(
    byKey(before.channels, (channel) => channel.id),
    byKey(after.channels, (channel) => channel.id),
    (id, a, b) => compareChannel(a, b, `channels.${id}`, report),
    (id, side) => addedOrRemoved(`channels.${id}`, side, "channel", report),
  );
  return changes;
}

function addedOrRemoved(path: string, side: "added" | "removed", what: string, report: Report): void {
  report(path, side === "removed" ? "major" : "minor", `${what} ${side}`);
}

/** Members of a set: one removed breaks whoever relied on it (major); one added is minor. */
function compareSet(name: string, before: readonly string[], after: readonly string[], path: string, report: Report) {
  for (const item of before) if (!after.includes(item)) report(path, "major", `${name} ${item} removed`);
  for (const item of after) if (!before.includes(item)) report(path, "minor", `${name} ${item} added`);
}

/** Fields that change the wire format or the generated names: any change breaks. */
const messageContract = ["wireName", "typeName", "rpc", "isError", "eventPattern", "correlationPath"] as const;
const messageDocs = ["title", "summary", "description", "original", "examples"] as const;

function compareMessage(before: Message, after: Message, path: string, report: Report): void {
  for (const field of messageContract) {
    if (!sameData(before[field], after[field])) report(path, "major", `${field} changed`);
  }
  compareSet("sender", before.senders, after.senders, path, report);
  const docs = messageDocs.filter((field) => !sameData(before[field], after[field]));
  if (docs.length > 0) report(path, "patch", `documentation changed (${docs.join(", ")})`);
  compareSchema(before.payload, after.payload, `${path}.payload`, report);
}

function compareOperation(before: Operation, after: Operation, path: string, report: Report): void {
  if (before.channel !== after.channel) report(path, "major", `moved to channel ${after.channel}`);
  if (before.sender !== after.sender) report(path, "major", `sender changed: ${before.sender} → ${after.sender}`);
  compareSet("message", before.messages, after.messages, path, report);
  compareSet("reply", before.replies, after.replies, path, report);
  if (!sameData(before.forward, after.forward)) report(path, "minor", "forwarding rules changed");
  if (before.summary !== after.summary || before.description !== after.description) {
    report(path, "patch", "documentation changed");
  }
}

/** Connection rules change behaviour without removing anything a program names: minor. */
const channelBehaviour = [
  "parameters",
  "query",
  "greeting",
  "session",
  "heartbeat",
  "presence",
  "rooms",
  "signature",
  "invalidFrame",
] as const;

function compareChannel(before: Channel, after: Channel, path: string, report: Report): void {
  if (before.address !== after.address) report(path, "major", `address changed: ${before.address} → ${after.address}`);
  if (!sameData(before.framing, after.framing)) report(path, "major", "framing changed");
  for (const field of channelBehaviour) {
    if (!sameData(before[field], after[field])) report(`${path}.${field}`, "minor", `${field} changed`);
  }
  if (before.description !== after.description) report(path, "patch", "documentation changed");
}
