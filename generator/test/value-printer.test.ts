import { describe, expect, it } from "vitest";
import { code, printValue } from "../src/emit/protocol/value-printer.js";

describe("the descriptor's value printer", () => {
  it("prints JSON-like literals with identifiers for code references, quoting keys only when needed", () => {
    const value = { id: "x", "auth-success": ["transaction"], schema: code("fooSchema"), empty: {}, none: [] };
    expect(printValue(value)).toBe(
      '{ id: "x", "auth-success": ["transaction"], schema: fooSchema, empty: {}, none: [] }',
    );
  });

  it("leaves out members that are undefined, as an absent optional member", () => {
    expect(printValue({ key: "ping", greeting: undefined })).toBe('{ key: "ping" }');
  });

  it("breaks a value that does not fit on one line into one member per line", () => {
    const long = { keys: Array.from({ length: 12 }, (_, index) => `message-number-${index}`), dispatch: code("d") };
    const printed = printValue(long);
    expect(printed.split("\n")).toEqual([
      "{",
      "  keys: [",
      ...long.keys.map((key) => `    "${key}",`),
      "  ],",
      "  dispatch: d,",
      "}",
    ]);
    expect(Math.max(...printed.split("\n").map((line) => line.length))).toBeLessThanOrEqual(120);
  });

  it("gives keyed tables one key per line however short, so that a diff shows one message's change", () => {
    const printed = printValue({ correlation: { ask: ["id"] }, rpc: {} }, { tables: new Set(["correlation", "rpc"]) });
    expect(printed.split("\n")).toEqual(["{", "  correlation: {", '    ask: ["id"],', "  },", "  rpc: {},", "}"]);
  });
});
