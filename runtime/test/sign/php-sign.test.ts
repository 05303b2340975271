import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { md5 } from "../../src/sign/md5.js";
import { smartCompare } from "../../src/sign/php-compare.js";
import { phpCanonicalJson, phpCanonicalText, phpJsonSign, phpSignText } from "../../src/sign/php-json.js";
import { type Sortable, zendSort } from "../../src/sign/zend-sort.js";

/** Expected texts below were produced by PHP 8.2.36 (`json_decode`, `unset`, `ksort`, `json_encode`). */
describe("PHP canonical text of a frame (known PHP 8.2 outputs)", () => {
  it.each([
    ['{"b":1,"10":2,"a":3,"007":4,"sign":"x"}', '{"007":4,"10":2,"a":3,"b":1}'],
    ['{"x":{"1":"a","0":"b"},"sign":"s"}', '{"x":{"1":"a","0":"b"}}'],
    ['{"1":"a","0":"b"}', '["b","a"]'],
    ['{"0":"a","1":"b","sign":""}', '["a","b"]'],
    ['{"a":{},"b":[],"c":{"0":1}}', '{"a":[],"b":[],"c":[1]}'],
    ['{"1.5":0,"10":1,"007":2}', '{"1.5":0,"007":2,"10":1}'],
    ['{"a":0,"10a":1,"007":2,"10":3,"1.5":4}', '{"1.5":4,"007":2,"10":3,"10a":1,"a":0}'],
    [
      '{"a":0,"10":1,"9223372036854775808":2,"B":3,"007":4,"10a":5,"1e1":6}',
      '{"007":4,"10":1,"10a":5,"1e1":6,"9223372036854775808":2,"B":3,"a":0}',
    ],
    [
      '{"k":0,"10":1,"9a":2,"9":3,"1e1":4,"a":5,"-5":6,"1.5":7,"B":8,"007":9,"0x1A":10,".5":11," 1":12,"1e3":13,"-0":14,"_":15,"b":16,"2":17}',
      '{"-5":6,"-0":14,".5":11," 1":12,"1.5":7,"2":17,"007":9,"0x1A":10,"9":3,"10":1,"1e1":4,"1e3":13,"9a":2,"B":8,"_":15,"a":5,"b":16,"k":0}',
    ],
    [
      '{"a":-0,"b":-0.0,"c":1e21,"d":0.1,"e":5e-324,"f":9223372036854775808,"g":-9223372036854775808,"h":1.0}',
      '{"a":0,"b":-0,"c":1.0e+21,"d":0.1,"e":5.0e-324,"f":9.223372036854776e+18,"g":-9223372036854775808,"h":1}',
    ],
    [
      '{"s":"\\u2028\\u2029/\\u0001\\u001f\\u007f\\b\\f\\n\\r\\té😀\\""}',
      '{"s":"\\u2028\\u2029\\/\\u0001\\u001f\u007f\\b\\f\\n\\r\\té😀\\""}',
    ],
    ['{"b":1,"a":1,"a":2,"b":3}', '{"a":2,"b":3}'],
    [' {\n"b" : 1 ,\t"a":[ 1 , 2 ] } ', '{"a":[1,2],"b":1}'],
  ])("%s", (frame, canonical) => {
    expect(phpCanonicalText(frame, "sign")).toBe(canonical);
    expect(phpSignText(frame, "sign")).toBe(md5(canonical));
  });

  it("gives nothing where PHP's json_decode fails, and md5('') where json_encode fails", () => {
    const nested = (depth: number) => `{"a":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;
    for (const frame of ['{"a":"\\ud800"}', '{"a":01}', "[1]", '{"a":1}x', "", nested(512)]) {
      expect(phpSignText(frame, "sign")).toBeUndefined();
    }
    expect(phpCanonicalText(nested(511), "sign")).toBe(`{"a":${"[".repeat(510)}${"]".repeat(510)}}`);
    expect(phpCanonicalText('{"a":1e400}', "sign")).toBe("");
  });
});

describe("PHP signature of a JS message, as JSON.stringify sends it", () => {
  it("hashes the members in the order JSON.stringify writes them (integer-like keys first)", () => {
    const message = { b: "x", 10: "y", a: -0, sign: "old" };
    expect(JSON.stringify(message)).toBe('{"10":"y","b":"x","a":0,"sign":"old"}');
    expect(phpCanonicalJson(message, "sign")).toBe('{"10":"y","a":0,"b":"x"}');
    expect(phpJsonSign(message, "sign")).toBe(md5('{"10":"y","a":0,"b":"x"}'));
  });

  it("refuses a message PHP could not decode (a lone surrogate)", () => {
    expect(() => phpJsonSign({ a: "\ud800" }, "sign")).toThrow(TypeError);
  });
});

describe("PHP's numeric string comparison", () => {
  it("compares numeric strings as numbers, others as UTF-8 bytes", () => {
    expect(smartCompare("10", "9")).toBe(1);
    expect(smartCompare(" 1", "1.0")).toBe(0);
    expect(smartCompare("1e3", "999")).toBe(1);
    expect(smartCompare("10", "9a")).toBe(-1);
    expect(smartCompare("\uffff", "😀")).toBe(-1);
    // Both overflow to the same side with equal doubles: PHP compares the strings.
    expect(smartCompare("9223372036854775808", "9223372036854775809")).toBe(-1);
  });
});

describe("zend_sort port", () => {
  it("sorts like any correct sort under a total order, for sizes across both algorithms", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 1200 }), (values) => {
        const items = [...values];
        const sortable: Sortable = {
          compare: (left, right) => Math.sign((items[left] ?? 0) - (items[right] ?? 0)),
          swap: (left, right) => {
            [items[left], items[right]] = [items[right] ?? 0, items[left] ?? 0];
          },
        };
        zendSort(sortable, 0, items.length);
        expect(items).toEqual([...values].sort((a, b) => a - b));
      }),
      { seed: 20_260_521, numRuns: 300 },
    );
  });
});
