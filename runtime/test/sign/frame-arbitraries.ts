/**
 * fast-check generators of yueyue-like frames stressing PHP's json_decode/ksort/json_encode: numeric-looking
 * keys, mixed key sets of 1..40 (insertion sort and quicksort), duplicates, nested integer keys, lists,
 * edge numbers, unicode. Frame texts are built by hand (key order, escapes, whitespace as a PHP-side
 * producer might write them); JS frames are plain values a client would send.
 */
import fc from "fast-check";

const numericLikeKeys = [
  "10",
  "007",
  "1.5",
  "-0",
  "-5",
  " 1",
  "1 ",
  "1e3",
  ".5",
  "0x1A",
  "0",
  "1",
  "2",
  "9",
  "01",
  "+1",
  "-1",
  "1.",
  "1e400",
  "-1e400",
  "\t5",
  "5\n",
  "\v7",
  "1e",
  "1e+",
  "9223372036854775807",
  "9223372036854775808",
  "-9223372036854775808",
  "-9223372036854775809",
  "9223372036854775807 ",
  "9223372036854775808 ",
  "-9223372036854775808 ",
  "12345678901234567890",
  "123456789012345678901",
  "12345678901234567890123e-30",
  "000000000000000000000000000001",
  "1e-400",
  "NAN",
  "INF",
  " ",
  "",
];
const wordKeys = ["a", "b", "B", "_", "action", "sign", "é", "😀", "a b", "\u0000", "10a", "abc", "\u2028", "/"];

export const keyArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...numericLikeKeys) },
  { weight: 2, arbitrary: fc.constantFrom(...wordKeys) },
  { weight: 3, arbitrary: fc.integer({ min: -20, max: 40 }).map(String) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

const specialCharacters = [
  "\u2028",
  "\u2029",
  "/",
  "\u0000",
  "\u001f",
  "\u007f",
  "\b",
  "😀",
  "é",
  "令",
  "\\",
  '"',
  "\n",
];
const textArbitrary = fc.string({
  unit: fc.oneof(fc.constantFrom(...specialCharacters), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })),
  maxLength: 8,
});

const edgeNumbers = [
  "0",
  "-0",
  "-0.0",
  "0.0",
  "1.0",
  "1e21",
  "1E+2",
  "0.1",
  "5e-324",
  "1e400",
  "-1e400",
  "9007199254740993",
  "9223372036854775807",
  "9223372036854775808",
  "-9223372036854775808",
  "-9223372036854775809",
  "123456789012345678901234",
  "1.5e-7",
  "0.00001",
  "2.5E-5",
  "100e-2",
  "1e-400",
];

/** How a producer writes a string: as JSON.stringify does, every unit as `\uXXXX`, or with `\/`. */
function stringText(text: string, style: number): string {
  if (style === 1) {
    return `"${Array.from({ length: text.length }, (_, index) => `\\u${text.charCodeAt(index).toString(16).padStart(4, "0")}`).join("")}"`;
  }
  const plain = JSON.stringify(text);
  return style === 2 ? plain.replaceAll("/", "\\/") : plain;
}

const stringStyle = fc.integer({ min: 0, max: 2 });
const keyText = fc.tuple(keyArbitrary, stringStyle).map(([key, style]) => stringText(key, style));
const whitespace = fc.constantFrom("", "", "", " ", "\n", "\t", "\r\n  ");

const scalarText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...edgeNumbers, "true", "false", "null"),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
  fc.integer().map(String),
  fc.tuple(textArbitrary, stringStyle).map(([text, style]) => stringText(text, style)),
);

function members(entries: readonly (readonly [string, string])[], space: string): string {
  return entries.map(([key, value]) => `${space}${key}${space}:${space}${value}`).join(",");
}

const valueText: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string; list: string }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalarText, tie("object"), tie("list")),
  object: fc
    .tuple(fc.array(fc.tuple(keyText, tie("value")), { maxLength: 5 }), whitespace)
    .map(([entries, space]) => `{${members(entries, space)}${space}}`),
  list: fc
    .tuple(fc.array(tie("value"), { maxLength: 4 }), whitespace)
    .map(([items, space]) => `[${items.map((item) => `${space}${item}`).join(",")}${space}]`),
})).value;

/** Frame text with 1..40 members (plus maybe a `sign`), in arbitrary order, with arbitrary whitespace. */
export const frameText: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.tuple(keyText, valueText), { minLength: 1, maxLength: 40, size: "max" }),
    fc.option(fc.tuple(fc.nat(), fc.constantFrom('"x"', '"d41d8cd98f00b204e9800998ecf8427e"', "1"))),
    whitespace,
  )
  .map(([entries, sign, space]) => {
    const all: (readonly [string, string])[] = [...entries];
    if (sign !== null) all.splice(sign[0] % (all.length + 1), 0, ['"sign"', sign[1]]);
    return `${space}{${members(all, space)}${space}}${space}`;
  });

const jsScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    -0,
    0,
    0.1,
    1e21,
    5e-324,
    2 ** 53 + 2,
    2 ** 63,
    2 ** 64,
    -(2 ** 63),
    1e-7,
    123.456,
    null,
    true,
    false,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  textArbitrary,
);

const jsValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; object: unknown; list: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, jsScalar, tie("object"), tie("list")),
  object: fc
    .array(fc.tuple(keyArbitrary, tie("value")), { maxLength: 5 })
    .map((entries) => Object.fromEntries(entries)),
  list: fc.array(tie("value"), { maxLength: 4 }),
})).value;

/** A message a client sends: 1..40 members, keys as they come (JS reorders integer-like ones). */
export const jsFrame: fc.Arbitrary<Record<string, unknown>> = fc
  .array(fc.tuple(keyArbitrary, jsValue), { minLength: 1, maxLength: 40, size: "max" })
  .map((entries) => Object.fromEntries(entries));
