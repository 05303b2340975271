/**
 * Receive path per protocol, for a typical frame: JSON.parse alone (the baseline) against JSON.parse +
 * dispatch + validate through the generated package; and per-frame validation by the generated guard
 * (what the decoder runs) and by the generated zod schema, against ajv (default options, its fastest) on
 * the same JSON Schema. All figures come from this one process run: read the ratios.
 *
 *   pnpm bench:receive
 */
import { isIceCandidate } from "@wiretype/kurento-room/guards";
import { iceCandidateSchema, kurentoRoomServerDispatch } from "@wiretype/kurento-room/schemas";
import { isVertoEvent } from "@wiretype/verto/guards";
import { vertoEventSchema, vertoServerDispatch } from "@wiretype/verto/schemas";
import { isSayPush } from "@wiretype/voxy/guards";
import { sayPushSchema, voxyServerDispatch } from "@wiretype/voxy/schemas";
import { isMediaStateUpdated } from "@wiretype/workspace/guards";
import { mediaStateUpdatedSchema, workspaceServerDispatch } from "@wiretype/workspace/schemas";
import { isEnterRoom } from "@wiretype/yueyue/guards";
import { enterRoomSchema, yueyueServerDispatch } from "@wiretype/yueyue/schemas";
import { Ajv } from "ajv";
import type { z } from "zod";
import { applyFormats } from "../support/ajv.js";
import { type ProtocolName, readSpecData } from "../support/spec-files.js";
import { compare, ratio } from "./measure.js";

interface Case {
  readonly protocol: ProtocolName;
  readonly message: string;
  /** What JSON.parse alone gets: the frame (for Socket.IO, the packet's JSON after its type digits). */
  readonly json: string;
  /** JSON.parse + dispatch + validate, as a generated client runs it. */
  readonly receive: () => unknown;
  readonly payload: unknown;
  readonly schema: z.ZodType;
  readonly guard: (value: unknown) => boolean;
}

function firstExample(protocol: ProtocolName, messageId: string): unknown {
  const spec = readSpecData(protocol) as {
    components: { messages: Record<string, { examples: { payload: unknown }[] }> };
  };
  const example = spec.components.messages[messageId]?.examples[0];
  if (example === undefined) throw new Error(`${protocol}: no example for ${messageId}`);
  return example.payload;
}

type Validators = Pick<Case, "schema" | "guard">;

function keyedCase(
  protocol: ProtocolName,
  message: string,
  validators: Validators,
  decode: (t: string) => unknown,
): Case {
  const payload = firstExample(protocol, message);
  const json = JSON.stringify(payload);
  return { protocol, message, json, payload, ...validators, receive: () => decode(json) };
}

function socketIoCase(): Case {
  const payload = firstExample("workspace", "mediaStateUpdated");
  const json = JSON.stringify(["media-state-updated", payload]);
  return {
    protocol: "workspace",
    message: "mediaStateUpdated",
    json,
    payload,
    schema: mediaStateUpdatedSchema,
    guard: isMediaStateUpdated,
    receive: () => {
      const [name, data] = JSON.parse(json) as [string, unknown];
      return workspaceServerDispatch.decode(name, data);
    },
  };
}

function jsonRpcCase(): Case {
  const payload = firstExample("verto", "vertoEvent");
  const json = JSON.stringify({ jsonrpc: "2.0", id: 660, method: "verto.event", params: payload });
  const validators = { schema: vertoEventSchema, guard: isVertoEvent };
  return {
    protocol: "verto",
    message: "vertoEvent",
    json,
    payload,
    ...validators,
    receive: () => vertoServerDispatch.decode(json),
  };
}

const cases: Case[] = [
  keyedCase("voxy", "sayPush", { schema: sayPushSchema, guard: isSayPush }, (t) => voxyServerDispatch.decode(t)),
  keyedCase("yueyue", "enterRoom", { schema: enterRoomSchema, guard: isEnterRoom }, (t) =>
    yueyueServerDispatch.decode(t),
  ),
  socketIoCase(),
  jsonRpcCase(),
  keyedCase("kurento-room", "iceCandidate", { schema: iceCandidateSchema, guard: isIceCandidate }, (t) =>
    kurentoRoomServerDispatch.decode(t),
  ),
];

const ajv = new Ajv({ strict: false });
applyFormats(ajv);
const header =
  "protocol      message             bytes  parse ns  receive ns  receive/parse  guard ns  zod ns  ajv ns  guard/ajv  zod/ajv";
console.log("receive path: JSON.parse + dispatch + validate against JSON.parse alone; validators against ajv");
console.log(header);
for (const item of cases) {
  ajv.addSchema(readSpecData(item.protocol), item.protocol);
  const ajvValidate = ajv.compile({ $ref: `${item.protocol}#/components/messages/${item.message}/payload` });
  if (!ajvValidate(item.payload) || !item.guard(item.payload) || !item.schema.safeParse(item.payload).success) {
    throw new Error(`${item.protocol} ${item.message}: the benchmark frame does not validate`);
  }
  const f = compare({
    parse: () => JSON.parse(item.json),
    receive: item.receive,
    guard: () => item.guard(item.payload),
    zod: () => item.schema.safeParse(item.payload),
    ajv: () => ajvValidate(item.payload),
  });
  const [parse, receive, guard, zod, ajvNs] = [f.parse, f.receive, f.guard, f.zod, f.ajv].map(
    (n) => n ?? Number.NaN,
  ) as [number, number, number, number, number];
  const cells = [
    item.protocol.padEnd(13),
    item.message.padEnd(18),
    String(item.json.length).padStart(6),
    parse.toFixed(0).padStart(9),
    receive.toFixed(0).padStart(11),
    ratio(receive, parse).padStart(14),
    guard.toFixed(0).padStart(9),
    zod.toFixed(0).padStart(7),
    ajvNs.toFixed(0).padStart(7),
    ratio(guard, ajvNs).padStart(10),
    ratio(zod, ajvNs).padStart(8),
  ];
  console.log(cells.join(" "));
}
