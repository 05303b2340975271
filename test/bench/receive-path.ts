/**
 * Receive path per protocol, for a typical frame: JSON.parse alone (baseline) vs JSON.parse + dispatch
 * + validate through the generated package, and the generated zod validator vs ajv on the same JSON
 * Schema. All figures come from this one process run; ratios are what matters on a noisy machine.
 *
 *   pnpm bench:receive
 */

import { iceCandidateSchema, kurentoRoomServerDispatch } from "@wiretype/kurento-room/schemas";
import { vertoEventSchema, vertoServerDispatch } from "@wiretype/verto/schemas";
import { sayPushSchema, voxyServerDispatch } from "@wiretype/voxy/schemas";
import { mediaStateUpdatedSchema, workspaceServerDispatch } from "@wiretype/workspace/schemas";
import { enterRoomSchema, yueyueServerDispatch } from "@wiretype/yueyue/schemas";
import type { Ajv } from "ajv";
import type { z } from "zod";
import { createAjv } from "../support/ajv.js";
import { type ProtocolName, readSpecData } from "../support/spec-files.js";
import { compare, ratio } from "./measure.js";

interface Case {
  readonly protocol: ProtocolName;
  readonly message: string;
  /** The frame as it arrives on the wire. */
  readonly text: string;
  /** JSON.parse + dispatch + validate, as a generated client runs it. */
  readonly receive: () => unknown;
  /** The validated value (the payload the zod schema and ajv both check). */
  readonly payload: unknown;
  readonly schema: z.ZodType;
}

function firstExample(protocol: ProtocolName, messageId: string): unknown {
  const spec = readSpecData(protocol) as {
    components: { messages: Record<string, { examples: { payload: unknown }[] }> };
  };
  const example = spec.components.messages[messageId]?.examples[0];
  if (example === undefined) throw new Error(`${protocol}: no example for ${messageId}`);
  return example.payload;
}

function keyedCase(protocol: ProtocolName, messageId: string, schema: z.ZodType, decode: (t: string) => unknown): Case {
  const payload = firstExample(protocol, messageId);
  const text = JSON.stringify(payload);
  return { protocol, message: messageId, text, payload, schema, receive: () => decode(text) };
}

function cases(): Case[] {
  const event = firstExample("workspace", "mediaStateUpdated");
  const eventText = `42${JSON.stringify(["media-state-updated", event])}`;
  const vertoParams = firstExample("verto", "vertoEvent");
  const vertoText = JSON.stringify({ jsonrpc: "2.0", id: 660, method: "verto.event", params: vertoParams });
  return [
    keyedCase("voxy", "sayPush", sayPushSchema, (t) => voxyServerDispatch.decode(t)),
    keyedCase("yueyue", "enterRoom", enterRoomSchema, (t) => yueyueServerDispatch.decode(t)),
    {
      protocol: "workspace",
      message: "mediaStateUpdated",
      text: eventText,
      payload: event,
      schema: mediaStateUpdatedSchema,
      receive: () => {
        const [name, data] = JSON.parse(eventText.slice(2)) as [string, unknown];
        return workspaceServerDispatch.decode(name, data);
      },
    },
    {
      protocol: "verto",
      message: "vertoEvent",
      text: vertoText,
      payload: vertoParams,
      schema: vertoEventSchema,
      receive: () => vertoServerDispatch.decode(vertoText),
    },
    keyedCase("kurento-room", "iceCandidate", iceCandidateSchema, (t) => kurentoRoomServerDispatch.decode(t)),
  ];
}

function ajvFor(ajv: Ajv, protocol: ProtocolName, message: string) {
  ajv.addSchema(readSpecData(protocol), protocol);
  return ajv.compile({ $ref: `${protocol}#/components/messages/${message}/payload` });
}

const ajv = createAjv();
console.log("receive path: JSON.parse + dispatch + validate, against JSON.parse alone (same frame, same run)");
console.log("protocol      message              bytes  parse ns  receive ns  receive/parse  zod ns  ajv ns  zod/ajv");
for (const item of cases()) {
  const validateWithAjv = ajvFor(ajv, item.protocol, item.message);
  if (!validateWithAjv(item.payload) || !item.schema.safeParse(item.payload).success) {
    throw new Error(`${item.protocol} ${item.message}: the benchmark frame does not validate`);
  }
  const text = item.protocol === "workspace" ? item.text.slice(2) : item.text;
  const figures = compare({
    parse: () => JSON.parse(text),
    receive: item.receive,
    zod: () => item.schema.safeParse(item.payload),
    ajv: () => validateWithAjv(item.payload),
  });
  const { parse = 0, receive = 0, zod = 0, ajv: ajvNs = 0 } = figures;
  console.log(
    [
      item.protocol.padEnd(13),
      item.message.padEnd(20),
      String(item.text.length).padStart(5),
      parse.toFixed(0).padStart(9),
      receive.toFixed(0).padStart(11),
      ratio(receive, parse).padStart(14),
      zod.toFixed(0).padStart(7),
      ajvNs.toFixed(0).padStart(7),
      ratio(zod, ajvNs).padStart(8),
    ].join(" "),
  );
}
