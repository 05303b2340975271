import { describe, expect, it } from "vitest";
import { createEventDispatch, createKeyedDispatch } from "../../src/dispatch.js";
import { nestingExceeds, valueExceeds } from "../../src/frame-bounds.js";
import { FrameRefusal, parseFrame, readFrame } from "../../src/frame-text.js";
import { createRpcDispatch } from "../../src/json-rpc.js";

/** Bounds on the receive path: every frame past a limit is refused with its reason, before anything recursive. */
const limits = { maxDepth: 4, maxLength: 200 };

function nested(depth: number): string {
  return `${"[".repeat(depth)}1${"]".repeat(depth)}`;
}

function nestedValue(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = { next: value };
  return value;
}

describe("frame text bounds", () => {
  it("accepts nesting up to the limit and refuses one level more, short or long", () => {
    const padding = " ".repeat(100);
    for (const pad of ["", padding]) {
      expect(readFrame(`${nested(4)}${pad}`, limits)).toEqual([[[[1]]]]);
      const refused = readFrame(`${nested(5)}${pad}`, limits);
      expect(refused instanceof FrameRefusal ? refused.error.kind : "parsed").toBe("too-deep");
    }
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    const text = JSON.stringify({ text: `\\"${"[{".repeat(40)}` });
    expect(text.length).toBeGreaterThan(2 * (limits.maxDepth + 1));
    expect(nestingExceeds(text, limits.maxDepth)).toBe(false);
    expect(readFrame(text, limits)).toEqual(JSON.parse(text));
  });

  it("refuses too long before parsing, and malformed JSON as malformed", () => {
    expect(parseFrame(`"${"x".repeat(300)}"`, limits)).toMatchObject({ ok: false, error: { kind: "too-large" } });
    expect(parseFrame("{", limits)).toMatchObject({ ok: false, error: { kind: "malformed-json" } });
    expect(parseFrame(nested(5).slice(0, -1), limits)).toMatchObject({ ok: false, error: { kind: "too-deep" } });
    expect(parseFrame(new TextEncoder().encode('{"a":1}'), limits)).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe("decoded value bounds (Socket.IO data)", () => {
  it("refuses nesting past the limit and sizes past the limit", () => {
    expect(valueExceeds(nestedValue(4), limits)).toBeUndefined();
    expect(valueExceeds(nestedValue(5), limits)).toBe("too-deep");
    expect(valueExceeds([[[["x"]]]], limits)).toBeUndefined();
    expect(valueExceeds([[[[["x"]]]]], limits)).toBe("too-deep");
    expect(valueExceeds({ text: "x".repeat(201) }, limits)).toBe("too-large");
    expect(valueExceeds(new Uint8Array(201), limits)).toBe("too-large");
  });

  it("counts own members only, as JSON.stringify would send them", () => {
    const inherited = Object.create({ hidden: "x".repeat(500) }) as object;
    expect(valueExceeds(inherited, limits)).toBeUndefined();
    expect(valueExceeds({ ...{ shown: "x".repeat(500) } }, limits)).toBe("too-large");
  });

  it("walks iteratively past the recursion limit with the same verdicts", () => {
    const deep = { maxDepth: 1000, maxLength: 1_000_000 };
    expect(valueExceeds(nestedValue(1000), deep)).toBeUndefined();
    expect(valueExceeds(nestedValue(1001), deep)).toBe("too-deep");
  });

  it("sizes a value alike recursively and iteratively, to the character", () => {
    const value = {
      text: "héllo",
      list: Array.from({ length: 120 }, (_, index) => (index % 3 === 0 ? { n: index } : index % 3 === 1 ? "ab" : null)),
      nested: { flag: true, deeper: [[], {}, [1.5, "x"]] },
      bytes: new Uint8Array(7),
    };
    const verdicts = (maxDepth: number) =>
      Array.from({ length: 2_000 }, (_, maxLength) => valueExceeds(value, { maxDepth, maxLength }));
    const recursive = verdicts(64);
    expect(verdicts(300)).toEqual(recursive);
    const fits = recursive.indexOf(undefined);
    expect(fits).toBeGreaterThan(1_000);
    expect(recursive.slice(fits).every((verdict) => verdict === undefined)).toBe(true);
    expect(recursive.slice(0, fits).every((verdict) => verdict === "too-large")).toBe(true);
  });
});

describe("dispatch fast paths give the same verdicts", () => {
  const isPing = (value: unknown): value is { type: "ping"; n: number } =>
    typeof value === "object" && value !== null && typeof (value as { n?: unknown }).n === "number";
  const validators = {
    schemas: {
      ping: {
        safeParse: (value: unknown) =>
          isPing(value)
            ? { success: true, data: value }
            : { success: false, error: { issues: [{ code: "custom", path: ["n"], message: "n must be a number" }] } },
      },
    },
    guards: { ping: isPing },
  } as unknown as Parameters<typeof createKeyedDispatch<{ ping: { type: "ping"; n: number } }>>[0];

  it("keyed frames: valid, invalid, unknown and too deep", () => {
    const keyed = createKeyedDispatch({ ...validators, discriminator: "type", limits });
    expect(keyed.decode('{"type":"ping","n":1}')).toEqual({ ok: true, name: "ping", message: { type: "ping", n: 1 } });
    expect(keyed.decode('{"type":"ping","n":"1"}')).toMatchObject({ ok: false, error: { kind: "invalid-message" } });
    expect(keyed.decode('{"type":"pong"}')).toMatchObject({ ok: false, error: { kind: "unknown-message" } });
    expect(keyed.decode(`{"type":"ping","n":1,"x":${nested(4)}}`)).toMatchObject({ error: { kind: "too-deep" } });
  });

  it("events: valid, invalid, unknown and too large", () => {
    const events = createEventDispatch({ ...validators, limits });
    expect(events.decode("ping", { n: 1 })).toEqual({ ok: true, name: "ping", message: { n: 1 } });
    expect(events.decode("ping", { n: "1" })).toMatchObject({ ok: false, error: { kind: "invalid-message" } });
    expect(events.decode("pong", { n: 1 })).toMatchObject({ ok: false, error: { kind: "unknown-message" } });
    expect(events.decode("ping", { n: 1, x: "x".repeat(300) })).toMatchObject({ error: { kind: "too-large" } });
  });

  it("JSON-RPC calls: request, notification, invalid params, too deep", () => {
    const rpc = createRpcDispatch({ ...validators, limits });
    const call = (body: object) => rpc.decode(JSON.stringify({ jsonrpc: "2.0", method: "ping", ...body }));
    expect(call({ id: 3, params: { n: 1 } })).toEqual({
      ok: true,
      kind: "request",
      id: 3,
      name: "ping",
      message: { n: 1 },
    });
    expect(call({ params: { n: 1 } })).toMatchObject({ ok: true, kind: "notification", id: undefined });
    expect(call({ id: 3, params: { n: "1" } })).toMatchObject({ ok: false, code: -32602, id: 3 });
    expect(call({ id: 3, params: { n: 1, x: [[[[1]]]] } })).toMatchObject({ ok: false, code: -32600 });
  });
});
