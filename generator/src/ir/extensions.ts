import type { DiagnosticSink } from "../diagnostics.js";
import { isJsonPrimitive, isRawObject, optionalString, parseRuntimeExpression, type RawObject } from "./raw.js";
import type {
  ForwardConversion,
  ForwardRule,
  FrameType,
  Framing,
  Heartbeat,
  PayloadPath,
  Session,
  Signature,
} from "./types.js";

/** Readers for the `x-wiretype-…` extensions documented in specs/README.md. Each reports what is wrong. */

function bad(sink: DiagnosticSink, pointer: string, message: string): undefined {
  sink.error("bad-extension", pointer, message);
  return undefined;
}

export function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;
}

function readFrames(value: unknown): FrameType[] | undefined {
  const frames = stringList(value);
  if (frames === undefined || !frames.every((frame) => frame === "text" || frame === "binary")) return undefined;
  return frames.length === 0 ? ["text"] : (frames as FrameType[]);
}

export function readFraming(raw: unknown, pointer: string, sink: DiagnosticSink): Framing | undefined {
  if (!isRawObject(raw))
    return bad(
      sink,
      pointer,
      "`x-wiretype-framing` is { kind: json | socket.io | json-rpc, … }; leave it out to have the framing inferred",
    );
  const frames = readFrames(raw.frames);
  if (frames === undefined) return bad(sink, `${pointer}/frames`, "`frames` lists `text` and/or `binary`");
  switch (raw.kind) {
    case "json": {
      const discriminator = optionalString(raw.discriminator);
      if (discriminator === undefined) return bad(sink, pointer, "json framing needs a `discriminator` property name");
      return { kind: "json", discriminator, frames };
    }
    case "socket.io": {
      const versions = stringList(raw.versions);
      if (versions === undefined) return bad(sink, `${pointer}/versions`, "`versions` lists Socket.IO major versions");
      return {
        kind: "socket.io",
        path: optionalString(raw.path) ?? "/socket.io",
        versions: versions.length ? versions : ["4"],
      };
    }
    case "json-rpc":
      return { kind: "json-rpc", version: optionalString(raw.version) ?? "2.0", frames };
    default:
      return bad(sink, `${pointer}/kind`, "framing `kind` is json, socket.io or json-rpc");
  }
}

function positive(value: unknown): number | undefined {
  return typeof value === "number" && value > 0 ? value : undefined;
}

export function readHeartbeat(raw: unknown, pointer: string, sink: DiagnosticSink): Heartbeat | undefined {
  if (raw === undefined) return undefined;
  if (!isRawObject(raw)) return bad(sink, pointer, "`x-wiretype-heartbeat` must be an object");
  const operation = optionalString(raw.operation);
  const intervalMs = positive(raw.intervalMs);
  const timeoutMs = positive(raw.timeoutMs);
  switch (raw.sender) {
    case "client":
      if (operation === undefined || intervalMs === undefined || timeoutMs === undefined) {
        return bad(sink, pointer, "a client heartbeat needs `operation`, `intervalMs` and `timeoutMs`");
      }
      return { sender: "client", operation, intervalMs, timeoutMs };
    case "server": {
      const idleMs = positive(raw.idleMs);
      if (operation === undefined || idleMs === undefined)
        return bad(sink, pointer, "a server heartbeat needs `operation` and `idleMs`");
      return { sender: "server", operation, idleMs };
    }
    case "transport":
      if (intervalMs === undefined || timeoutMs === undefined) {
        return bad(sink, pointer, "a transport heartbeat needs `intervalMs` and `timeoutMs`");
      }
      return { sender: "transport", intervalMs, timeoutMs };
    default:
      return bad(sink, `${pointer}/sender`, "heartbeat `sender` is client, server or transport");
  }
}

export function readSession(raw: unknown, pointer: string, sink: DiagnosticSink): Session | undefined {
  if (raw === undefined) return undefined;
  if (!isRawObject(raw) || typeof raw.handshake !== "string") {
    return bad(sink, pointer, "`x-wiretype-session` needs `handshake` (an operation id)");
  }
  const success = stringList(raw.success);
  const failure = stringList(raw.failure);
  const allowBefore = stringList(raw.allowBefore);
  if (success === undefined || failure === undefined || allowBefore === undefined) {
    return bad(sink, pointer, "`success`, `failure` and `allowBefore` are lists of ids");
  }
  return { handshake: raw.handshake, success, failure, allowBefore };
}

export function readPayloadPath(raw: unknown, pointer: string, sink: DiagnosticSink): PayloadPath | undefined {
  const path = parseRuntimeExpression(raw, ["$message.payload"]);
  if (path === undefined) return bad(sink, pointer, "expected a runtime expression `$message.payload#/field`");
  return path;
}

export function readPresence(raw: unknown, pointer: string, sink: DiagnosticSink) {
  if (raw === undefined) return undefined;
  if (!isRawObject(raw) || typeof raw.operation !== "string")
    return bad(sink, pointer, "`x-wiretype-presence` needs `operation` and `key`");
  const key = readPayloadPath(raw.key, `${pointer}/key`, sink);
  return key === undefined ? undefined : { operation: raw.operation, key };
}

export function readRooms(raw: unknown, pointer: string, sink: DiagnosticSink) {
  if (raw === undefined) return undefined;
  if (!isRawObject(raw) || typeof raw.join !== "string" || typeof raw.leave !== "string") {
    return bad(sink, pointer, "`x-wiretype-rooms` needs `join`, `leave`, `room` and `member`");
  }
  const room = readPayloadPath(raw.room, `${pointer}/room`, sink);
  const member = readPayloadPath(raw.member, `${pointer}/member`, sink);
  if (room === undefined || member === undefined) return undefined;
  if (raw.prefix !== undefined && (typeof raw.prefix !== "string" || raw.prefix === ""))
    return bad(sink, `${pointer}/prefix`, "`prefix` is a separator string (`.`)");
  return {
    join: raw.join,
    leave: raw.leave,
    room,
    member,
    ...(raw.prefix === undefined ? {} : { prefix: raw.prefix }),
  };
}

export function readSignature(raw: unknown, pointer: string, sink: DiagnosticSink): Signature | undefined {
  if (raw === undefined) return undefined;
  if (
    !isRawObject(raw) ||
    typeof raw.field !== "string" ||
    raw.algorithm !== "md5" ||
    raw.canonical !== "php-json-sorted" ||
    (raw.appliesTo !== "client" && raw.appliesTo !== "server")
  ) {
    return bad(
      sink,
      pointer,
      "`x-wiretype-signature` is { field, algorithm: md5, canonical: php-json-sorted, appliesTo: client | server }",
    );
  }
  return { field: raw.field, algorithm: "md5", canonical: "php-json-sorted", appliesTo: raw.appliesTo };
}

export function readCondition(raw: unknown, pointer: string, sink: DiagnosticSink): ForwardRule["when"] | null {
  if (raw === undefined) return null;
  if (!isRawObject(raw) || !isJsonPrimitive(raw.equals))
    return bad(sink, pointer, "`when` is { location, equals }") ?? null;
  const path = readPayloadPath(raw.location, `${pointer}/location`, sink);
  return path === undefined ? null : { path, equals: raw.equals };
}

export function readAssignments(raw: unknown, pointer: string, sink: DiagnosticSink): ForwardRule["set"] {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) return bad(sink, pointer, "`set` is a list of { location, value }");
  return raw.flatMap((entry, index) => {
    const entryPointer = `${pointer}/${index}`;
    if (!isRawObject(entry) || !isJsonPrimitive(entry.value))
      return bad(sink, entryPointer, "a `set` entry is { location, value } with a JSON scalar value") ?? [];
    const path = readPayloadPath(entry.location, `${entryPointer}/location`, sink);
    return path === undefined ? [] : [{ path, value: entry.value }];
  });
}

function readForwardRule(raw: RawObject, pointer: string, sink: DiagnosticSink): ForwardRule | undefined {
  if (typeof raw.as !== "string" || (raw.to !== "peer" && raw.to !== "room" && raw.to !== "everyone")) {
    return bad(sink, pointer, "a forward rule needs `as` (operation id) and `to` (peer | room | everyone)");
  }
  const peer = raw.to === "peer" ? readPayloadPath(raw.peer, `${pointer}/peer`, sink) : undefined;
  if (raw.to === "peer" && peer === undefined) return undefined;
  const when = readCondition(raw.when, `${pointer}/when`, sink);
  const room = raw.room === undefined ? undefined : readPayloadPath(raw.room, `${pointer}/room`, sink);
  const set = readAssignments(raw.set, `${pointer}/set`, sink);
  const sender = raw.sender === undefined ? undefined : readPayloadPath(raw.sender, `${pointer}/sender`, sink);
  const carry = raw.carry === "all" ? "all" : stringList(raw.carry);
  const remove = stringList(raw.remove);
  const convert = readConversions(raw.convert, `${pointer}/convert`, sink);
  if (carry === undefined || remove === undefined) {
    return bad(sink, pointer, "`carry` is `all` or a list of member names; `remove` is a list of member names");
  }
  return {
    as: raw.as,
    to: raw.to,
    includeSender: raw.includeSender === true,
    ...(peer === undefined ? {} : { peer }),
    ...(room === undefined ? {} : { room }),
    ...(when ? { when } : {}),
    ...(set === undefined || set.length === 0 ? {} : { set }),
    ...(sender === undefined ? {} : { sender }),
    ...(raw.carry === undefined ? {} : { carry }),
    ...(remove.length === 0 ? {} : { remove }),
    ...(convert.length === 0 ? {} : { convert }),
  };
}

const conversionTargets = ["boolean", "number", "string"] as const;

function readConversions(raw: unknown, pointer: string, sink: DiagnosticSink): ForwardConversion[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return bad(sink, pointer, "`convert` is a list of { location, to }") ?? [];
  return raw.flatMap((entry, index) => {
    const entryPointer = `${pointer}/${index}`;
    const to = isRawObject(entry) ? conversionTargets.find((target) => target === entry.to) : undefined;
    if (!isRawObject(entry) || to === undefined)
      return bad(sink, entryPointer, "a `convert` entry is { location, to: boolean | number | string }") ?? [];
    const path = readPayloadPath(entry.location, `${entryPointer}/location`, sink);
    return path === undefined ? [] : [{ path, to }];
  });
}

export function readForward(raw: unknown, pointer: string, sink: DiagnosticSink): ForwardRule[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return bad(sink, pointer, "`x-wiretype-forward` is a list of rules") ?? [];
  return raw.flatMap((rule, index) => {
    const rulePointer = `${pointer}/${index}`;
    if (!isRawObject(rule)) return bad(sink, rulePointer, "a forward rule is an object") ?? [];
    return readForwardRule(rule, rulePointer, sink) ?? [];
  });
}
