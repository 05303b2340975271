import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signed } from "../../src/client/outbound.js";
import { phpJsonSign, phpSignText } from "../../src/sign/php-json.js";
import { phpJsonDecodeObject } from "../../src/sign/php-json-decode.js";
import { frameText, jsFrame } from "./frame-arbitraries.js";
import { hasPhp, phpVerdicts } from "./php-oracle.js";
import { signingDescriptor } from "./signing-descriptor.js";

const seed = 20_260_521;
const framesPerDirection = 1_500;

const nested = (depth: number, inner: string) => `{"a":${"[".repeat(depth - 1)}${inner}${"]".repeat(depth - 1)}}`;

/** Frames PHP must reject or that sit on a limit, next to the generated ones. */
const edgeFrames = [
  '{"a":1,"sign":"x"}',
  '{"a":"\\ud800"}',
  '{"a":"\\udc00x"}',
  '{"a":"\\ud83d\\ude00","b":"\\uD83D\\uDE00"}',
  '{"a":01}',
  '{"a":1.}',
  '{"a":TRUE}',
  '{"a":1}x',
  '\ufeff{"a":1}',
  '{"a":"\u0001"}',
  '{"a":1}\u000b',
  "[1,2]",
  '"text"',
  "",
  '{"a":1e400}',
  '{"b":1,"a":1,"a":2,"b":3}',
  nested(511, "1"),
  nested(511, "[]"),
  nested(512, "1"),
  nested(510, '{"1":2,"0":1}'),
];

// Without php these are reported as skipped; CI installs it (scripts/install-php.sh).
describe.skipIf(!hasPhp)("PHP signature, against the real php binary (skipped when php is not installed)", () => {
  it(`server direction: phpSignText(frame text) equals PHP's md5 on ${framesPerDirection} generated frames`, () => {
    const frames = [...edgeFrames, ...fc.sample(frameText, { seed, numRuns: framesPerDirection })];
    const verdicts = phpVerdicts(frames);
    const wrong = frames.filter((frame, index) => phpSignText(frame, "sign") !== verdicts[index]?.sign);
    console.info(`server direction: ${frames.length} frames, ${wrong.length} mismatches`);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(verdicts.filter((verdict) => verdict.sign === undefined).length).toBeGreaterThanOrEqual(10);
    // Enough frames past 16 keys for zend_sort's quicksort path, not only its insertion sort.
    const large = frames.filter((frame) => (phpJsonDecodeObject(frame)?.entries.length ?? 0) > 16);
    expect(large.length).toBeGreaterThan(300);
  });

  it(`client direction: PHP accepts the sign of ${framesPerDirection} generated JS messages as sent`, () => {
    const messages = fc.sample(jsFrame, { seed, numRuns: framesPerDirection });
    const frames = messages.map((message, index) =>
      JSON.stringify(
        index % 2 === 0
          ? signed(signingDescriptor, "report", message, phpJsonSign)
          : { ...message, sign: phpJsonSign(message, "sign") },
      ),
    );
    const verdicts = phpVerdicts(frames);
    const refused = frames.filter((_, index) => verdicts[index]?.accepted !== true);
    console.info(`client direction: ${frames.length} frames, ${refused.length} refused by PHP`);
    expect(refused.slice(0, 5)).toEqual([]);
  });
});
