import { describe, expect, it } from "vitest";
import { flattenLogicalGroups } from "../../src/emit/format-flatten.js";
import { formatTypeScriptFiles } from "../../src/emit/format-typescript.js";

/** The parentheses it takes out become spaces (Biome normalises them): the tests spell those out. */
const flat = (text: string) => flattenLogicalGroups(text);
/** Source text holding a template substitution: `before` + "$" + `after`. */
const withSubstitution = (before: string, after: string) => [before, after].join("$");

describe("one Biome pass: nested && / || groups are flattened first", () => {
  it("takes out a group of && inside && (and || inside ||), wherever it stands in the chain", () => {
    expect(flat("x = a && (b && c);")).toBe("x = a &&  b && c ;");
    expect(flat("x = (a && b) && c;")).toBe("x =  a && b  && c;");
    expect(flat("return (a || b) || c;")).toBe("return  a || b  || c;");
    expect(flat("f((a && b) && c);")).toBe("f( a && b  && c);");
    expect(flat("x = a || (b && c) && d;")).toBe("x = a ||  b && c  && d;");
  });

  it("keeps every group whose parentheses change the meaning or that it cannot be sure of", () => {
    for (const kept of [
      "x = a && (b || c);",
      "x = (a || b) && c;",
      "x = !(a && b) && c;",
      "x = typeof (a && b) && c;",
      "x = a && (b && c).d;",
      "x = a && f(b && c);",
      "x = (a && b) === c && d;",
      "x = a && (b && c ? d : e);",
      "x = a && (b, c && d);",
      "x = a ?? (b && c);",
      "return (a && b);",
      "items.every((item: any) => item && (a, b)) && c;",
    ]) {
      expect(flat(kept)).toBe(kept);
    }
  });

  it("does not read operators or parentheses inside strings, templates, regular expressions and comments", () => {
    for (const text of [
      'x = a && ") && (b && c";',
      withSubstitution("x = a && `) && ", "{y} (b && c`;"),
      "x = a && /\\) && (b && c/.test(y);",
      "x = a && b; // && (b && c)",
      "x = a && b; /* && (b && c) */",
    ]) {
      expect(flat(text)).toBe(text);
    }
    // Inside a template substitution the group is kept: the scan does not judge what ends a substitution.
    const inSubstitution = withSubstitution("x = `", "{a && (b && c)}`;");
    expect(flat(inSubstitution)).toBe(inSubstitution);
  });

  it("gives in one pass what two Biome passes give (formatting formatted output changes nothing)", () => {
    const guard = [
      "export function isThing(v: any): boolean {",
      '  return ((typeof v === "object" && v !== null && !Array.isArray(v)) && (v.a === undefined || ' +
        '(typeof v.a === "object" && v.a !== null && !Array.isArray(v.a))) && ((Number.isInteger(v.b) || ' +
        'typeof v.b === "number") || typeof v.b === "string"));',
      "}",
      "",
    ].join("\n");
    const once = formatTypeScriptFiles([[{ path: "guards.gen.ts", content: guard }]]);
    expect(once.problem).toBeUndefined();
    const formatted = once.groups[0] ?? [];
    expect(formatted[0]?.content).toContain("    v !== null &&\n");
    expect(formatTypeScriptFiles([formatted]).groups[0]).toEqual(formatted);
  });
});
