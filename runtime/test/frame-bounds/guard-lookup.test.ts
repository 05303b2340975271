import { describe, expect, it } from "vitest";
import { GuardLookup, guardLookup } from "../../src/guard-lookup.js";

const isSay = (value: unknown) => value === "say";
const isBind = (value: unknown) => value === "bind";
const isLink = (value: unknown) => value === "link";

describe("guard lookup by message name", () => {
  it("finds each name among others of the same length, under the table's own string", () => {
    const lookup = new GuardLookup({ bind: isBind, link: isLink, say: isSay });
    const fromFrame = JSON.parse('{"action":"link"}').action as string;
    expect(lookup.entry(fromFrame)).toEqual({ name: "link", guard: isLink });
    expect(lookup.entry("bind")?.guard).toBe(isBind);
    expect(lookup.entry("say")?.guard).toBe(isSay);
  });

  it("finds nothing for unknown names, nor for what Object.prototype holds", () => {
    const lookup = new GuardLookup({ say: isSay });
    for (const name of ["sai", "", "says", "constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(lookup.has(name)).toBe(false);
      expect(lookup.entry(name)).toBeUndefined();
    }
  });

  it("takes own keys spelled like prototype members, and builds one lookup per table", () => {
    const table = JSON.parse('{"__proto__":1,"constructor":2}') as Record<string, unknown>;
    const guards = Object.fromEntries(Object.keys(table).map((name) => [name, isSay]));
    const lookup = guardLookup(guards);
    expect(lookup.has("__proto__")).toBe(true);
    expect(lookup.has("constructor")).toBe(true);
    expect(guardLookup(guards)).toBe(lookup);
  });
});
