import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../../test/support/ajv.js";
import { checkFormat } from "../../src/formats.js";

/** The format checks must give ajv-formats' verdict, including on near-misses of the common forms. */
const formats = ["date-time", "date", "time", "uuid", "email", "ipv4", "hostname", "uri"] as const;

const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
const nearDateTime = fc
  .tuple(
    digits(4),
    digits(2),
    digits(2),
    fc.constantFrom("T", "t", " ", "x"),
    digits(2),
    digits(2),
    digits(2),
    fc.constantFrom("", ".5", ".123456", "."),
    fc.constantFrom("Z", "z", "+01:00", "-23:59", "+24:00", "+0100", "", "+01:60"),
  )
  .map(([y, mo, d, t, h, mi, s, f, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${f}${z}`);
const plausibleDateTime = fc.date({ noInvalidDate: true }).map((date) => date.toISOString());

describe("format checks agree with ajv-formats", () => {
  const ajv = createAjv();

  it.each(formats)("%s on arbitrary and near-miss strings", (format) => {
    const validate = ajv.compile({ type: "string", format });
    const candidates = fc.oneof(
      fc.string(),
      nearDateTime,
      plausibleDateTime,
      fc.uuid(),
      fc.emailAddress(),
      fc.webUrl(),
    );
    fc.assert(
      fc.property(candidates, (value) => checkFormat(format, value) === validate(value)),
      { numRuns: 3000, seed: 20_261_123 },
    );
  });

  it("accepts a leap second only at 23:59:60 UTC", () => {
    expect(checkFormat("date-time", "2016-12-31T23:59:60Z")).toBe(true);
    expect(checkFormat("date-time", "2016-12-31T22:59:60-01:00")).toBe(true);
    expect(checkFormat("date-time", "2016-12-31T12:59:60Z")).toBe(false);
  });
});
