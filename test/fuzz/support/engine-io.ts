import fc, { type Arbitrary } from "fast-check";
import { deepText } from "./deep.js";
import { binaryFrame, type FuzzFrame, textFrame } from "./frame.js";

/**
 * Malformed Engine.IO / Socket.IO packets, written on a raw WebSocket: a server may answer them or drop the
 * connection (each goes on a connection of its own). `namespace` junk, repeated connects, binary
 * placeholders that point nowhere, bad JSON after `42`, packet types that do not exist.
 */
const packets = [
  "",
  "9",
  "7",
  "4",
  "48",
  "4x",
  "49[]",
  "40",
  "40/",
  "40/admin,",
  '40/nope,{"token":1}',
  `40/${"n".repeat(2_000)},`,
  '42/nope,["auth",{}]',
  "41",
  "41/nope,",
  "43",
  "431[]",
  "44",
  '44{"message":"x"}',
  "45",
  '451-["auth",{"_placeholder":true,"num":99}]',
  '451-["auth",{"_placeholder":true,"num":0}]',
  '42["auth",{"_placeholder":true,"num":99}]',
  '452-["auth",{"_placeholder":true,"num":1}]',
  "42",
  "42[",
  "42{}",
  '42["auth",{]',
  '42"auth"',
  "42null",
  "42[]",
  "42[null]",
  "42[1]",
  "42[{}]",
  '42["__proto__"]',
  "1",
  "2",
  "3",
  "5",
  "6",
  "2probe",
  "8",
];

export function engineIoJunk(): Arbitrary<FuzzFrame> {
  return fc.oneof(
    fc.constantFrom(...packets).map((data) => textFrame("eio-packet", data, "either")),
    fc
      .tuple(fc.constantFrom(100, 5_000, 50_000), fc.constantFrom("array", "object") as Arbitrary<"array" | "object">)
      .map(([depth, nesting]) =>
        textFrame(`eio-bare-deep-${nesting}-${depth}`, `42${deepText(depth, nesting)}`, "either"),
      ),
    fc.string({ maxLength: 30 }).map((data) => textFrame("eio-random-text", data, "either")),
    fc
      .uint8Array({ minLength: 0, maxLength: 48 })
      .map((data) => binaryFrame("eio-random-binary", Buffer.from(data), "either")),
  );
}
