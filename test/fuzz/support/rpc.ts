import fc, { type Arbitrary } from "fast-check";
import type { Side } from "./classes.js";
import { fillerText } from "./deep.js";
import { type FuzzFrame, textFrame } from "./frame.js";
import type { Profile } from "./profiles.js";

/** Ids a JSON-RPC peer reads as ids (strings and finite numbers): answers naming them match no request. */
const wellFormedIds = [
  "987654321",
  '"nobody"',
  '""',
  "-1",
  "0.5",
  "1e308",
  "123456789012345678901234567890",
  `"${fillerText(4_096)}"`,
];
/** Ids that are not JSON-RPC ids. */
const badIds = ["true", "{}", "[]", '{"a":1}', "1e400", "-1e400", '["x"]'];

/** Answers (result/error) naming ids no request has: receivers ignore them (`ignored`). */
function strayAnswers(): Arbitrary<FuzzFrame> {
  const id = fc.constantFrom(...wellFormedIds);
  const result = fc
    .tuple(id, fc.jsonValue({ maxDepth: 2 }))
    .map(([rpcId, value]) =>
      textFrame("rpc-stray-result", `{"jsonrpc":"2.0","id":${rpcId},"result":${JSON.stringify(value)}}`, "ignored"),
    );
  const error = fc
    .tuple(fc.constantFrom(...wellFormedIds, "null"), fc.integer(), fc.string({ maxLength: 16 }))
    .map(([rpcId, code, message]) =>
      textFrame(
        "rpc-stray-error",
        `{"jsonrpc":"2.0","id":${rpcId},"error":${JSON.stringify({ code, message })}}`,
        "ignored",
      ),
    );
  return fc.oneof(result, error);
}

/** Envelope mistakes: batches, bad ids, missing or wrong `jsonrpc`, answers without ids or error objects. */
function badEnvelopes(profile: Profile, side: Side): Arbitrary<FuzzFrame> {
  const key = fc.constantFrom(...profile[side].keys);
  const call = (id: string, method: string, params = '"not-an-object"') =>
    `{"jsonrpc":"2.0","id":${id},"method":${JSON.stringify(method)},"params":${params}}`;
  return fc.oneof(
    fc
      .tuple(key, fc.nat(3))
      .map(([method, count]) =>
        textFrame("rpc-batch", `[${Array.from({ length: count }, () => call("1", method)).join(",")}]`),
      ),
    fc.tuple(fc.constantFrom(...badIds), key).map(([id, method]) => textFrame("rpc-bad-id", call(id, method, "{}"))),
    fc
      .tuple(fc.constantFrom(...wellFormedIds), key)
      .map(([id, method]) => textFrame("rpc-huge-or-odd-id", call(id, method))),
    fc
      .tuple(fc.constantFrom("", '"jsonrpc":"1.0",', '"jsonrpc":2,', '"jsonrpc":null,'), key)
      .map(([version, method]) =>
        textFrame("rpc-version", `{${version}"id":3,"method":${JSON.stringify(method)},"params":{}}`),
      ),
    fc
      .constantFrom(
        '{"jsonrpc":"2.0","id":1,"error":"boom"}',
        '{"jsonrpc":"2.0","id":{},"result":1}',
        '{"jsonrpc":"2.0","result":1}',
        '{"jsonrpc":"2.0","id":1}',
        '{"jsonrpc":"2.0","id":1,"error":{"code":1.5,"message":"x"}}',
        '{"jsonrpc":"2.0","id":1,"method":7}',
      )
      .map((data) => textFrame("rpc-bad-answer", data)),
  );
}

/** The JSON-RPC specific classes (verto). */
export function rpcFrames(profile: Profile, side: Side): Arbitrary<FuzzFrame> {
  return fc.oneof(strayAnswers(), badEnvelopes(profile, side));
}
