import type { LooseSide, Profile } from "./profiles.js";

/**
 * Frames a server receives past this size are invalid by construction (deep or huge): not re-parsed here.
 * A client bounds depth only where it recurses, so a deep member no schema declares leaves a message
 * valid: frames a client receives are checked whatever their size (the huge ones exceed its length limit).
 */
const checkedBytes = 64 * 1024;
const clientLimitBytes = 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The side's key an event name stands for: itself, or a template such as `socket-api-error-{transaction}`. */
function keyOf(side: LooseSide, name: string): string | undefined {
  if (side.guards[name] !== undefined && Object.hasOwn(side.guards, name)) return name;
  return side.keys.find((key) => {
    if (!key.includes("{")) return false;
    const pattern = key.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]*\}/g, ".+");
    return new RegExp(`^${pattern}$`).test(name);
  });
}

function accepts(side: LooseSide, name: unknown, value: unknown): boolean {
  if (typeof name !== "string") return false;
  const key = keyOf(side, name);
  return key !== undefined && side.guards[key]?.(value) === true;
}

/** The message a frame's text carries (name and value), read the way the protocol frames it. */
function messageOf(profile: Profile, text: string): { name: unknown; value: unknown } | undefined {
  if (profile.framing === "socket.io") {
    if (!text.startsWith("42")) return undefined;
    const parsed = parse(text.slice(2));
    if (!parsed.ok || !Array.isArray(parsed.value)) return undefined;
    return { name: parsed.value[0], value: parsed.value[1] };
  }
  const parsed = parse(text);
  if (!parsed.ok || !isRecord(parsed.value)) return undefined;
  if (profile.framing === "json-rpc") return { name: parsed.value.method, value: parsed.value.params ?? {} };
  return { name: parsed.value[profile.discriminator], value: parsed.value };
}

/**
 * True when the frame would be accepted as a valid message of `side` (what it sends): such frames are
 * taken out of the storms, which must hold bad frames only.
 */
export function isValidMessage(profile: Profile, side: "client" | "server", data: string | Buffer): boolean {
  if (data.length > (side === "server" ? clientLimitBytes : checkedBytes)) return false;
  const text = typeof data === "string" ? data : new TextDecoder("utf-8", { fatal: false }).decode(data);
  const message = messageOf(profile, text);
  return message !== undefined && accepts(profile[side], message.name, message.value);
}
