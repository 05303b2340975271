import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createEventDispatch, createKeyedDispatch, createShapeDispatch } from "../../src/dispatch.js";
import { clientFrameLimits, type FrameLimits } from "../../src/frame-bounds.js";
import { createRpcDispatch } from "../../src/json-rpc.js";

/**
 * Limits that bound recursion only (what clients apply): a valid frame is parsed without a depth scan and
 * delivered whole; a refused one is checked for depth before zod explains it; a guard that overflows
 * the stack refuses instead of throwing.
 */
const limits: FrameLimits = { ...clientFrameLimits, maxDepth: 8 };
const deepLevels = 50_000;
/** Deep enough to overflow a recursive guard, short enough (22 characters a level) for the length limit. */
const nodeLevels = 30_000;

function deepArray(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

interface Node {
  readonly next?: Node | undefined;
}

/** A recursive schema's guard: it recurses as deep as the value, as a generated one would. */
function isNode(value: unknown): value is Node {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const node = value as { type?: unknown; next?: unknown };
  return node.type === "node" && (node.next === undefined || isNode(node.next));
}

const pingSchema = z.looseObject({ type: z.literal("ping") });
const isPing = (value: unknown): value is { type: "ping" } =>
  typeof value === "object" && value !== null && (value as { type?: unknown }).type === "ping";
const nodeSchema: z.ZodType<Node> = z.lazy(() => z.object({ type: z.literal("node"), next: nodeSchema.optional() }));

function keyed() {
  return createKeyedDispatch({
    discriminator: "type",
    schemas: { ping: pingSchema, node: nodeSchema },
    guards: { ping: isPing, node: isNode },
    limits,
  });
}

describe("limits that bound recursion only", () => {
  it("delivers a valid message whose undeclared member nests 50,000 levels, as JSON.parse built it", () => {
    const frame = `{"type":"ping","extra":${deepArray(deepLevels)}}`;
    const result = keyed().decode(frame);
    expect(result.ok).toBe(true);
    let depth = 0;
    let node: unknown = result.ok ? (result.message as { extra: unknown }).extra : undefined;
    while (Array.isArray(node)) {
      depth += 1;
      node = node[0];
    }
    expect(depth).toBe(deepLevels);
  });

  it("refuses a deep value its guard refused as too deep, before zod sees it", () => {
    const frame = `{"type":"ping","extra":${deepArray(20)},"wrong":true}`.replace('"ping"', '"pong"');
    expect(keyed().decode(frame)).toMatchObject({ ok: false, error: { kind: "unknown-message" } });
    const refused = keyed().decode(`{"type":"node","next":${deepArray(20)}}`);
    expect(refused).toMatchObject({ ok: false, error: { kind: "too-deep", messageName: "node" } });
  });

  it("turns a recursive guard's stack overflow into a too-deep refusal, never a throw", () => {
    const frame = `${'{"type":"node","next":'.repeat(nodeLevels)}{"type":"node"}${"}".repeat(nodeLevels)}`;
    expect(() => isNode(JSON.parse(frame))).toThrow(RangeError);
    expect(keyed().decode(frame)).toMatchObject({ ok: false, error: { kind: "too-deep" } });
  });

  it("explains a shallow refused value with zod as before", () => {
    const refused = keyed().decode(`{"type":"node","next":{"type":"leaf"}}`);
    expect(refused).toMatchObject({ ok: false, error: { kind: "invalid-message", messageName: "node" } });
  });

  it("applies the same to Socket.IO events, shape frames and JSON-RPC calls", () => {
    const events = createEventDispatch({ schemas: { node: nodeSchema }, guards: { node: isNode }, limits });
    const deepNode = JSON.parse(
      `${'{"type":"node","next":'.repeat(deepLevels)}{"type":"node"}${"}".repeat(deepLevels)}`,
    );
    expect(events.decode("node", deepNode)).toMatchObject({ ok: false, error: { kind: "too-deep" } });
    expect(events.decode("node", { type: "node", extra: JSON.parse(deepArray(deepLevels)) }).ok).toBe(true);

    const shapes = createShapeDispatch({
      schemas: { node: nodeSchema },
      guards: { node: isNode },
      order: ["node"],
      limits,
    });
    expect(shapes.decode(deepArray(30))).toMatchObject({ ok: false, error: { kind: "too-deep" } });

    const rpc = createRpcDispatch({ schemas: { node: nodeSchema }, guards: { node: isNode }, limits });
    const call = `{"jsonrpc":"2.0","method":"node","params":{"type":"node","next":${deepArray(30)}}}`;
    expect(rpc.decode(call)).toMatchObject({ ok: false, error: { kind: "too-deep" } });
    const valid = `{"jsonrpc":"2.0","method":"node","params":{"type":"node","x":${deepArray(deepLevels)}}}`;
    expect(rpc.decode(valid)).toMatchObject({ ok: true, name: "node" });
  });

  it("still refuses malformed deep text as too deep, and servers' limits still scan every frame", () => {
    expect(keyed().decode(deepArray(20).slice(1))).toMatchObject({ ok: false, error: { kind: "too-deep" } });
    const server = createKeyedDispatch({
      discriminator: "type",
      schemas: { ping: pingSchema },
      guards: { ping: isPing },
      limits: { maxDepth: 8, maxLength: 1024 * 1024 },
    });
    const frame = `{"type":"ping","extra":${deepArray(20)}}`;
    expect(server.decode(frame)).toMatchObject({ ok: false, error: { kind: "too-deep" } });
  });
});
