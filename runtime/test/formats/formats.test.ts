import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../../test/support/ajv.js";
import { checkFormat, formatChecks, isDateTimeFormat, isUuidFormat } from "../../src/formats.js";

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
/** Characters the date-time scanner tells apart, and look-alikes it must refuse (other scripts' digits). */
const scannerCharacters = [..."0123456789-:.+zZtT x/", "\u0660", "\uff10", "\u0130", "\u212a"];
/** A valid timestamp with one character replaced, inserted or removed: near misses at every position. */
const mutatedDateTime = fc
  .tuple(
    plausibleDateTime,
    fc.nat(),
    fc.constantFrom(...scannerCharacters),
    fc.constantFrom("replace", "insert", "remove"),
  )
  .map(([text, at, character, edit]) => {
    const index = at % (text.length + 1);
    const keep = edit === "insert" ? index : index + 1;
    return `${text.slice(0, index)}${edit === "remove" ? "" : character}${text.slice(keep)}`;
  });
/** A uuid with one character replaced by a hex letter's neighbours, a hyphen or a look-alike. */
const mutatedUuid = fc
  .tuple(fc.uuid(), fc.nat(), fc.constantFrom(..."`@GgFfAa09/:-{ ", "\u0130", "\uff21"))
  .map(([text, at, character]) => {
    const index = at % text.length;
    return `${text.slice(0, index)}${character}${text.slice(index + 1)}`;
  });
/** Every day 27–32 of every month, in leap and common years, at the edges of each time field and zone. */
const calendarEdges = fc
  .tuple(
    fc.constantFrom("2000", "1900", "2024", "2023", "0000", "9999"),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 27, max: 32 }),
    fc.constantFrom("00:00:00", "23:59:59", "23:59:60", "24:00:00", "12:60:00", "12:00:60", "22:59:60", "23:59:61"),
    fc.constantFrom("", ".0", ".999999999", "."),
    fc.constantFrom("Z", "z", "+00:00", "-01:00", "+23:59", "+24:00", "-00:60", "+01", "+0100", "+01:0", "Z "),
  )
  .map(([year, month, day, time, fraction, zone]) => {
    const pad = (value: number) => String(value).padStart(2, "0");
    return `${year}-${pad(month)}-${pad(day)}T${time}${fraction}${zone}`;
  });

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
      mutatedDateTime,
      calendarEdges,
    );
    fc.assert(
      fc.property(candidates, (value) => checkFormat(format, value) === validate(value)),
      { numRuns: 3000, seed: 20_261_123 },
    );
  });

  it("date-time: the scanner's near misses and calendar edges get ajv-formats' verdict", () => {
    const validate = ajv.compile({ type: "string", format: "date-time" });
    fc.assert(
      fc.property(fc.oneof(mutatedDateTime, calendarEdges), (value) => isDateTimeFormat(value) === validate(value)),
      { numRuns: 20_000, seed: 20_261_201 },
    );
  });

  it("date-time: the `.sssZ` tail read without a loop gets ajv-formats' verdict, one char put at one or two places", () => {
    const validate = ajv.compile({ type: "string", format: "date-time" });
    // Four-digit years: `toISOString` then writes exactly `YYYY-MM-DDTHH:MM:SS.sssZ`.
    const fourDigitYear = fc
      .date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true })
      .map((date) => date.toISOString());
    const tailIndex = fc.integer({ min: 19, max: 23 });
    const nearTail = fc
      .tuple(fourDigitYear, tailIndex, fc.constantFrom(...scannerCharacters, "a"), tailIndex)
      .map(([text, first, character, second]) =>
        [first, second].reduce((edited, at) => `${edited.slice(0, at)}${character}${edited.slice(at + 1)}`, text),
      );
    expect(isDateTimeFormat("2021-03-16T08:31:02.000z")).toBe(true);
    expect(isDateTimeFormat("2021-03-16T08:31:02.00Z0")).toBe(false);
    fc.assert(
      fc.property(nearTail, (value) => isDateTimeFormat(value) === validate(value)),
      { numRuns: 3_000, seed: 20_261_202 },
    );
  });

  it("uuid: near misses at every position get ajv-formats' verdict", () => {
    const validate = ajv.compile({ type: "string", format: "uuid" });
    fc.assert(
      fc.property(mutatedUuid, (value) => isUuidFormat(value) === validate(value)),
      { numRuns: 5_000, seed: 20_261_201 },
    );
  });

  it("generated guards' direct checks are the ones checkFormat uses", () => {
    expect(formatChecks["date-time"]).toBe(isDateTimeFormat);
    expect(formatChecks.uuid).toBe(isUuidFormat);
  });

  it("accepts a leap second only at 23:59:60 UTC", () => {
    expect(checkFormat("date-time", "2016-12-31T23:59:60Z")).toBe(true);
    expect(checkFormat("date-time", "2016-12-31T22:59:60-01:00")).toBe(true);
    expect(checkFormat("date-time", "2016-12-31T12:59:60Z")).toBe(false);
  });
});
