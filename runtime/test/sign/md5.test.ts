import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { md5, md5Bytes } from "../../src/sign/md5.js";

const nodeMd5 = (data: string | Uint8Array) => createHash("md5").update(data).digest("hex");

describe("md5", () => {
  it("matches the RFC 1321 test suite", () => {
    expect(md5("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5("abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890")).toBe(
      "57edf4a22be3c955ac49da2e2107b67a",
    );
  });

  it("matches node:crypto on random strings (UTF-8, every length around the 64-byte blocks)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => md5(text) === nodeMd5(text)),
      {
        numRuns: 500,
      },
    );
    for (let length = 0; length <= 130; length += 1) expect(md5("é".repeat(length))).toBe(nodeMd5("é".repeat(length)));
  });

  it("matches node:crypto on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => md5Bytes(bytes) === nodeMd5(bytes)),
      {
        numRuns: 300,
      },
    );
  });
});
