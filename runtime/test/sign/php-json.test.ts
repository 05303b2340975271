import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { phpCanonicalJson, phpJsonEncode, phpJsonSign } from "../../src/sign/php-json.js";

interface SpecExample {
  readonly name?: string;
  readonly summary?: string;
  readonly payload?: Record<string, unknown>;
}

/** The yueyue spec's `signed` examples: the payload, and the hashed string its summary shows. */
function signedExamples(): { name: string; payload: Record<string, unknown>; hashed: string }[] {
  const spec = parse(readFileSync(new URL("../../../specs/yueyue.asyncapi.yaml", import.meta.url), "utf8")) as {
    components: { messages: Record<string, { examples?: SpecExample[] }> };
  };
  return Object.entries(spec.components.messages).flatMap(([name, message]) =>
    (message.examples ?? [])
      .filter((example) => example.name === "signed" && example.payload !== undefined)
      .map((example) => {
        const summary = example.summary ?? "";
        const hashed = summary.slice(summary.indexOf("{"), summary.lastIndexOf("}") + 1);
        return { name, payload: example.payload ?? {}, hashed };
      }),
  );
}

describe("PHP json_encode canonical form", () => {
  const examples = signedExamples();

  it("finds the spec's signed examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples)("reproduces the hashed string and the sign of $name", ({ payload, hashed }) => {
    expect(phpCanonicalJson(payload, "sign")).toBe(hashed);
    expect(phpJsonSign(payload, "sign")).toBe(payload.sign);
  });

  it("escapes like PHP with JSON_UNESCAPED_UNICODE", () => {
    expect(phpJsonEncode("a/b")).toBe('"a\\/b"');
    expect(phpJsonEncode("令牌 ü 😀")).toBe('"令牌 ü 😀"');
    expect(phpJsonEncode("\u2028\u2029")).toBe('"\\u2028\\u2029"');
    expect(phpJsonEncode('"\\\n\t\u0001\u007f')).toBe('"\\"\\\\\\n\\t\\u0001\u007f"');
  });

  it("writes numbers like PHP: integers as such, floats in PHP's notation", () => {
    expect(phpJsonEncode(1233)).toBe("1233");
    expect(phpJsonEncode("1233")).toBe('"1233"');
    expect(phpJsonEncode(0.1)).toBe("0.1");
    expect(phpJsonEncode(-2.5)).toBe("-2.5");
    expect(phpJsonEncode(0.0001)).toBe("0.0001");
    expect(phpJsonEncode(0.00001)).toBe("1.0e-5");
    expect(phpJsonEncode(1.5e-7)).toBe("1.5e-7");
    expect(phpJsonEncode(1e25)).toBe("1.0e+25");
    // What PHP decodes from JSON.stringify(2 ** 62), which prints the double shortest.
    expect(phpJsonEncode(2 ** 62)).toBe("4611686018427388000");
  });

  it("writes empty and index-keyed objects as PHP lists, and sorts only the top level", () => {
    expect(phpJsonEncode({})).toBe("[]");
    expect(phpJsonEncode({ 0: "a", 1: "b" })).toBe('["a","b"]');
    expect(phpCanonicalJson({ b: { z: 1, a: 2 }, a: [true, null], sign: "x" }, "sign")).toBe(
      '{"a":[true,null],"b":{"z":1,"a":2}}',
    );
    expect(phpCanonicalJson({ b: 1, B: 2, é: 3, _: 4 }, "sign")).toBe('{"B":2,"_":4,"b":1,"é":3}');
  });
});
