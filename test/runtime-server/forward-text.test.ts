import { describe, expect, it } from "vitest";
import { appendedForward } from "../../runtime/src/server/forward-append.js";
import { splicedText } from "../../runtime/src/server/forward-text.js";

/** A small seeded generator, so a failure names the frame that caused it and reruns the same. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

type Random = ReturnType<typeof seeded>;

const keys = ["action", "user_id", "to_userid", "content", "1", "__proto__", "time", "list", "k\u00e9", 'q"k'];
const strings = ["", "a", "hello", 'say "hi"', "back\\slash", "line\nbreak", "\u2028", "caf\u00e9", "\ud83d\ude00"];

function value(random: Random, depth = 0): unknown {
  const kind = random.pick(
    depth > 1 ? ["string", "number", "literal"] : ["string", "number", "literal", "object", "list"],
  );
  if (kind === "string") return random.pick(strings);
  if (kind === "number") return random.pick([0, -0, 1, -7, 1.5, 1e21, 123456789012345680000]);
  if (kind === "literal") return random.pick([true, false, null]);
  if (kind === "list") return [value(random, depth + 1), value(random, depth + 1)];
  return { [random.pick(keys)]: value(random, depth + 1) };
}

/** The object's JSON as a client might write it: compact, spaced, escaped, or with a key written twice. */
function written(random: Random, members: [string, unknown][]): string {
  const style = random.pick(["compact", "compact", "compact", "spaced", "escaped", "duplicate", "number"]);
  const text = (entries: [string, unknown][]) =>
    `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${JSON.stringify(member)}`).join(",")}}`;
  if (style === "spaced") return JSON.stringify(Object.fromEntries(members), null, 1);
  if (style === "escaped") return text(members).replaceAll('"a', '"\\u0061');
  if (style === "duplicate" && members.length > 0) return text([...members, members[0] as [string, unknown]]);
  if (style === "number") return text(members).replace(/:1([,}])/, ":1.0$1");
  return text(members);
}

/** What a forward rule does to the received members: sets, fills, removes, re-keys. */
function forwarded(random: Random, received: Record<string, unknown>): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  for (const key of Object.keys(received)) {
    if (key === "__proto__" || random.next() < 0.03) continue;
    message[key] = random.next() < 0.2 ? value(random) : received[key];
  }
  for (let added = 0; added < 3; added += 1) {
    if (random.next() < 0.1) message[random.pick(["link_id", "time", "list", "action", "user_id"])] = value(random);
  }
  return message;
}

/** A frame of up to five members, written as a peer might (seeded), and the random source that goes on. */
function randomFrame(seed: number): { random: Random; text: string } {
  const random = seeded(seed);
  const members: [string, unknown][] = [];
  const count = Math.floor(random.next() * 6);
  for (let index = 0; index < count; index += 1) members.push([random.pick(keys), value(random)]);
  return { random, text: written(random, members) };
}

describe("a forward's JSON text spliced from the received frame", () => {
  it("is JSON.stringify's text of the built message, or undefined, for many frames (hostile ones included)", () => {
    let spliced = 0;
    let unchanged = 0;
    for (let seed = 1; seed <= 6000; seed += 1) {
      const { random, text } = randomFrame(seed);
      const received = JSON.parse(text) as Record<string, unknown>;
      const message = forwarded(random, received);
      const result = splicedText(text, message);
      if (result === text) unchanged += 1;
      else if (result !== undefined) spliced += 1;
      expect(result === undefined || result === JSON.stringify(message), `seed ${seed}: ${text}`).toBe(true);
    }
    // The splice must actually be taken (and change something) for many frames, or this proves nothing.
    expect(spliced).toBeGreaterThan(200);
    expect(unchanged).toBeGreaterThan(200);
  });

  it("appends what a forward added to the received text, exactly as JSON.stringify writes it, or declines", () => {
    let appended = 0;
    let unchanged = 0;
    for (let seed = 1; seed <= 6000; seed += 1) {
      const { random, text } = randomFrame(seed);
      const frame = new TextEncoder().encode(text);
      const message = forwarded(random, JSON.parse(text) as Record<string, unknown>);
      const result = appendedForward(text, message, frame);
      if (result === undefined) continue;
      expect(result.text, `seed ${seed}: ${text}`).toBe(JSON.stringify(message));
      // Bytes go out only as the forward's text: the frame's own when it changed nothing.
      const bytes = result.bytes === undefined ? result.text : new TextDecoder().decode(result.bytes);
      expect(bytes, `seed ${seed}: ${text}`).toBe(result.text);
      if (result.text === text) expect(result.bytes).toBe(frame);
      if (result.text === text) unchanged += 1;
      else appended += 1;
    }
    expect(appended).toBeGreaterThan(100);
    expect(unchanged).toBeGreaterThan(200);
  });

  it("decides alike when told the frame's parsed value is untouched (the cheaper check), for many frames", () => {
    let appended = 0;
    for (let seed = 1; seed <= 6000; seed += 1) {
      const { random, text } = randomFrame(seed);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const message = forwarded(random, parsed);
      const result = appendedForward(text, message, undefined, parsed);
      expect(result, `seed ${seed}: ${text}`).toEqual(appendedForward(text, message));
      if (result !== undefined && result.text !== text) appended += 1;
    }
    expect(appended).toBeGreaterThan(100);
  });

  it("appends the members a voxy say forward fills, the same text again and after the values change", () => {
    const say = '{"action":"say","user_id":"a","to_userid":"b","content":"hello"}';
    const fills = (link: number, list: unknown[]) => ({
      ...(JSON.parse(say) as object),
      link_id: link,
      time: "",
      list,
      to_userimg: "",
    });
    for (const message of [fills(1, []), fills(1, []), fills(2, []), fills(2, ["x"]), fills(2, [])]) {
      expect(appendedForward(say, message)?.text).toBe(JSON.stringify(message));
    }
    // From a frame's bytes (multi-byte characters too): the bytes sent are the appended text's UTF-8.
    const wide = '{"action":"say","user_id":"a","content":"héllo 你好 😀"}';
    const frame = Buffer.from(wide);
    for (const link of [1, 1, 2]) {
      const message = { ...(JSON.parse(wide) as object), link_id: link, list: [] };
      const result = appendedForward(wide, message, frame);
      expect(result?.text).toBe(JSON.stringify(message));
      expect(Buffer.from(result?.bytes ?? []).toString("utf8")).toBe(JSON.stringify(message));
    }
    expect(appendedForward("{}", { link_id: 1 })?.text).toBe('{"link_id":1}');
  });

  it("passes the frame's bytes on only when the forward changed nothing", () => {
    const say = '{"action":"say","user_id":"a","n":-12,"ok":true,"none":null,"list":[],"map":{}}';
    const frame = new TextEncoder().encode(say);
    const message = JSON.parse(say) as Record<string, unknown>;
    expect(appendedForward(say, message, frame)).toEqual({ text: say, bytes: frame });
    expect(appendedForward(say, { ...message, extra: 1 }, frame)?.bytes).not.toBe(frame);
    expect(appendedForward(say, { ...message, user_id: "c" }, frame)).toBeUndefined();
  });

  it.each([
    ["a fraction", '{"n":1.5}'],
    ["an exponent", '{"n":1e3}'],
    ["minus zero", '{"n":-0}'],
    ["a long integer", '{"n":12345678901234567}'],
    ["a nested object", '{"o":{"a":1}}'],
    ["a list with items", '{"l":[1]}'],
  ])("declines %s (the caller encodes the message)", (_name, text) => {
    const message = JSON.parse(text) as Record<string, unknown>;
    expect(appendedForward(text, { ...message, added: 1 })).toBeUndefined();
  });

  it("declines a lone surrogate in text not decoded from a frame (JSON.stringify escapes it)", () => {
    const text = '{"action":"say","content":"\ud800"}';
    const message = { ...(JSON.parse(text) as Record<string, unknown>), added: 1 };
    expect(appendedForward(text, message)).toBeUndefined();
  });

  it("never takes a value that only looks like the text (a value holding quotes)", () => {
    const text = '{"a":"x","b":"y"}';
    expect(appendedForward(text, { a: 'x","b":"y', b: "y", added: 1 })).toBeUndefined();
  });

  const say = '{"action":"say","user_id":"a","to_userid":"b","content":"hello"}';

  it("gives the received text itself when the forward changed nothing", () => {
    const message = JSON.parse(say) as Record<string, unknown>;
    expect(splicedText(say, message)).toBe(say);
  });

  it("splices only what the forward set, and declines when it added members (appendedForward appends those)", () => {
    const message = { ...(JSON.parse(say) as object), user_id: "c" };
    expect(splicedText(say, message)).toBe('{"action":"say","user_id":"c","to_userid":"b","content":"hello"}');
    expect(splicedText(say, { ...message, link_id: 1 })).toBeUndefined();
  });

  it("never takes a value that only looks like the text (a value holding quotes is encoded)", () => {
    const text = '{"action":"say","user_id":"b","to_userid":"a","content":"x"}';
    const message = { action: "say", user_id: 'b","to_userid":"a', to_userid: "a", content: "x" };
    expect(splicedText(text, message)).toBe(JSON.stringify(message));
  });

  it.each([
    ["a key written twice", '{"action":"say","user_id":"x","user_id":"a"}'],
    ["a __proto__ member", '{"action":"say","__proto__":{"user_id":"x"},"user_id":"a"}'],
    ["an integer-like key", '{"action":"say","1":"x"}'],
    ["a unicode escape", '{"action":"say","content":"\\u0041"}'],
    ["whitespace", '{"action": "say"}'],
    ["a lone surrogate", '{"action":"say","content":"\ud800"}'],
    ["a number written otherwise", '{"action":"say","n":1.0,"m":-0}'],
  ])("is exact or declines for %s", (_name, text) => {
    const received = JSON.parse(text) as Record<string, unknown>;
    const message: Record<string, unknown> = {};
    for (const key of Object.keys(received)) if (key !== "__proto__") message[key] = received[key];
    message.user_id = "a";
    const result = splicedText(text, message);
    expect(result === undefined || result === JSON.stringify(message)).toBe(true);
  });

  it("declines when the forward removed a member (the caller encodes the message)", () => {
    expect(splicedText(say, { action: "say", user_id: "a", content: "hello" })).toBeUndefined();
  });

  it("declines for a member JSON.stringify would leave out", () => {
    expect(splicedText(say, { action: "say", user_id: "a", to_userid: "b", content: undefined })).toBeUndefined();
  });
});
