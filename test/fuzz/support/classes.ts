import fc, { type Arbitrary } from "fast-check";
import { invalidArbitrary, validArbitrary } from "../../support/schema-arbitrary.js";
import { deepText, depths, fillerText, type Nesting } from "./deep.js";
import { binaryFrame, type FuzzFrame, textFrame } from "./frame.js";
import { type Profile, payloadRefs } from "./profiles.js";
import { isValidMessage } from "./verdict.js";

/** Generic frame classes: each an arbitrary of frames for a protocol's codec. `side`: who sends the frames. */
export type Side = "client" | "server";

export const protoKeys = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"] as const;
const json = (value: unknown) => JSON.stringify(value) ?? "null";
const someKey = (profile: Profile, side: Side) => fc.constantFrom(...profile[side].keys);

/** Deep arrays/objects at each depth: as a member of a message, as its body, or (`bare`) the whole frame. */
export function deepFrames(profile: Profile, side: Side, placements: readonly string[]): Arbitrary<FuzzFrame> {
  const nestings: Nesting[] = ["array", "object"];
  return fc
    .tuple(
      fc.constantFrom(...depths),
      fc.constantFrom(...nestings),
      fc.constantFrom(...placements),
      someKey(profile, side),
    )
    .map(([depth, nesting, placement, key]) => {
      const deep = deepText(depth, nesting);
      const { codec } = profile;
      const data =
        placement === "bare"
          ? codec.bare(deep)
          : placement === "body"
            ? codec.withBody(key, deep)
            : codec.message(key, `"x":${deep}`);
      return textFrame(`deep-${placement}-${nesting}-${depth}`, data);
    });
}

/** Strings just under and just over `limit` bytes, as a member and as the message name. */
export function hugeFrames(profile: Profile, side: Side, limit: number): Arbitrary<FuzzFrame> {
  const sizes = [limit - 512, limit + 64];
  // Keys whose message is still invalid with an extra member (else the frame under the limit would be valid).
  const keys = profile[side].keys.filter(
    (key) => !isValidMessage(profile, side, profile.codec.message(key, `"x":"x"`)),
  );
  return fc
    .tuple(fc.constantFrom(...sizes), fc.constantFrom("member", "name"), fc.constantFrom(...keys))
    .map(([size, where, key]) => {
      const filler = fillerText(size);
      const data =
        where === "member" ? profile.codec.message(key, `"x":"${filler}"`) : profile.codec.message(filler, "");
      return textFrame(`huge-${where}-${size > limit ? "over" : "under"}`, data);
    });
}

/** Prototype names as member keys, as message names, and as a nested `__proto__` carrying a message name. */
export function protoFrames(profile: Profile, side: Side): Arbitrary<FuzzFrame> {
  const { codec } = profile;
  const nameMember = profile.framing === "json" ? profile.discriminator : "method";
  return fc
    .tuple(fc.constantFrom(...protoKeys), someKey(profile, side), fc.jsonValue({ maxDepth: 2 }), fc.nat(2))
    .map(([proto, key, value, shape]) => {
      if (shape === 0) return textFrame("proto-member", codec.message(key, `${json(proto)}:${json(value)}`));
      if (shape === 1) return textFrame("proto-name", codec.message(proto, `${json(proto)}:${json(value)}`));
      const nested = `"__proto__":{${json(nameMember)}:${json(key)},"polluted":true},"constructor":{"prototype":{"polluted":true}}`;
      return textFrame("proto-nested", codec.message(key, nested));
    });
}

/** Valid JSON of the wrong shape: bare scalars and arrays, and message names of the wrong type. */
export function wrongTypeFrames(profile: Profile): Arbitrary<FuzzFrame> {
  const notObject = fc
    .jsonValue({ maxDepth: 3 })
    .filter((value) => value === null || typeof value !== "object" || Array.isArray(value));
  const badName = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.object({ maxDepth: 1 }),
  );
  const nameMember = profile.framing === "json" ? profile.discriminator : "method";
  return fc.oneof(
    notObject.map((value) => textFrame("wrong-type-bare", profile.codec.bare(json(value)))),
    badName.map((name) => textFrame("wrong-type-name", wrongName(profile, nameMember, name))),
  );
}

function wrongName(profile: Profile, member: string, name: unknown): string {
  if (profile.framing === "socket.io") return `42[${json(name)},{}]`;
  const envelope = profile.framing === "json-rpc" ? `"jsonrpc":"2.0","id":7,` : "";
  return `{${envelope}${json(member)}:${json(name)}}`;
}

/** Message names the spec does not have. */
export function unknownNameFrames(profile: Profile, side: Side): Arbitrary<FuzzFrame> {
  const known = new Set(profile[side].keys);
  return fc
    .oneof(fc.string({ maxLength: 24 }), fc.constantFrom("", " ", "ÄCTION", "bind ", "BIND", "\u0000", "💥"))
    .filter((name) => !known.has(name))
    .map((name) => textFrame("unknown-name", profile.codec.message(name, "")));
}

/** Every message of `side` with its fields mutated (schema-arbitrary's likely-invalid values). */
export function mutatedFrames(profile: Profile, side: Side): Arbitrary<FuzzFrame> {
  const perKey = [...payloadRefs(profile, side)].map(([key, ref]) =>
    invalidArbitrary(profile.document, ref).map((value) => textFrame(`mutated`, bodyText(profile, key, value))),
  );
  return fc.oneof(...perKey);
}

/** Valid messages of `keys` (for frames sent before the handshake, or in binary frames). */
export function validFrames(profile: Profile, side: Side, keys: readonly string[], cls: string): Arbitrary<FuzzFrame> {
  const refs = payloadRefs(profile, side);
  const perKey = keys.flatMap((key) => {
    const ref = refs.get(key);
    return ref === undefined
      ? []
      : [validArbitrary(profile.document, ref).map((value) => textFrame(cls, bodyText(profile, key, value)))];
  });
  return fc.oneof(...perKey);
}

/** A message value as its frame text: keyed frames get their name member set. */
export function bodyText(profile: Profile, key: string, value: unknown): string {
  if (profile.framing !== "json") return profile.codec.withBody(key, json(value));
  const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
  return isObject ? json({ ...value, [profile.discriminator]: key }) : profile.codec.withBody(key, json(value));
}

/** Truncated or corrupted message text, and classic JSON mistakes. */
export function malformedFrames(profile: Profile, side: Side): Arbitrary<FuzzFrame> {
  const classics = [
    "{",
    "}",
    "[",
    "{not json",
    '{"a":}',
    "nul",
    "tru",
    "{'a':1}",
    "NaN",
    "-",
    '"open',
    "[1,2,]",
    "",
    " ",
  ];
  const text = someKey(profile, side).map((key) => profile.codec.message(key, `"a":1,"b":"two"`));
  return fc.oneof(
    fc.constantFrom(...classics).map((data) => textFrame("malformed-classic", profile.codec.bare(data))),
    fc.tuple(text, fc.nat()).map(([data, at]) => textFrame("malformed-truncated", data.slice(0, at % data.length))),
    fc
      .tuple(text, fc.nat(), fc.constantFrom("}", '"', ",", ":", "\\", "\u0000", "{"))
      .map(([data, at, bad]) =>
        textFrame("malformed-corrupted", `${data.slice(0, at % data.length)}${bad}${data.slice(at % data.length)}`),
      ),
  );
}

/** Binary frames: random bytes, invalid UTF-8 around a message, and (`expectValid`) a message's JSON in binary. */
export function binaryFrames(profile: Profile, side: Side, message: Arbitrary<FuzzFrame>): Arbitrary<FuzzFrame> {
  const bytes = (frame: FuzzFrame) => Buffer.from(frame.data);
  return fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: 64 }).map((data) => binaryFrame("binary-random", Buffer.from(data))),
    fc
      .tuple(
        message,
        fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]),
      )
      .map(([frame, bad]) => binaryFrame("binary-invalid-utf8", Buffer.concat([bytes(frame), Buffer.from(bad)]))),
    message.map((frame) => binaryFrame(`binary-${frame.cls}`, bytes(frame), frame.expect)),
    someKey(profile, side).map((key) =>
      binaryFrame("binary-message-json", Buffer.from(profile.codec.message(key, ""))),
    ),
  );
}
