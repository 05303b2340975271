/**
 * Receive path per protocol, for a typical frame: JSON.parse alone (the baseline) against what the
 * generated client runs when that frame arrives (frame bounds, JSON.parse, dispatch, the compiled guard,
 * the listener); and per-frame validation by the generated guard and by the generated zod schema,
 * against ajv (default options, its fastest) on the same JSON Schema. All figures come from one run.
 *
 *   pnpm bench receive          (built JavaScript, Node 20 and Node 24)
 */

import { spawnSync } from "node:child_process";
import { createKurentoRoomClient } from "@wiretype/kurento-room/client";
import { isIceCandidate } from "@wiretype/kurento-room/guards";
import { iceCandidateSchema } from "@wiretype/kurento-room/schemas";
import { createVertoClient } from "@wiretype/verto/client";
import { isVertoEvent } from "@wiretype/verto/guards";
import { vertoEventSchema } from "@wiretype/verto/schemas";
import { createVoxyClient } from "@wiretype/voxy/client";
import { isSayPush } from "@wiretype/voxy/guards";
import { sayPushSchema } from "@wiretype/voxy/schemas";
import { createWorkspaceClient } from "@wiretype/workspace/client";
import { isMediaStateUpdated } from "@wiretype/workspace/guards";
import { mediaStateUpdatedSchema } from "@wiretype/workspace/schemas";
import { createYueyueClient } from "@wiretype/yueyue/client";
import { isEnterRoom } from "@wiretype/yueyue/guards";
import { enterRoomSchema } from "@wiretype/yueyue/schemas";
import { Ajv } from "ajv";
import type { z } from "zod";
import { applyFormats } from "../support/ajv.js";
import { type FakeTransport, fakeTransport } from "../support/fake-transports.js";
import { pairedRatio } from "../support/paired-timing.js";
import { type ProtocolName, readSpecData } from "../support/spec-files.js";
import { compare, median, ratio } from "./measure.js";

const quick = process.env.WIRETYPE_BENCH_QUICK === "1";

interface Case {
  /** What WIRETYPE_RECEIVE_CASE names and the table prints: the protocol, and the client option measured if any. */
  readonly id: string;
  readonly protocol: ProtocolName;
  readonly message: string;
  /** What JSON.parse alone gets: the frame (for Socket.IO, the packet's JSON after its type digits). */
  readonly json: string;
  readonly payload: unknown;
  readonly schema: z.ZodType;
  readonly guard: (value: unknown) => boolean;
  /** A connected client whose listener for the message counts deliveries. */
  readonly connect: () => Promise<{ receive: () => void; delivered: () => number; close: () => Promise<void> }>;
  /** Where the message's name and payload sit in the parsed frame, for the hand-written reference. */
  readonly nameOf: (frame: Record<string | number, unknown>) => unknown;
  readonly payloadOf: (frame: Record<string | number, unknown>) => unknown;
}

/**
 * What a user would write by hand with the same guards: JSON.parse, the compiled guard, a listener found
 * by the message's name in a Map, with no transport. Not a floor: the Map hashes the freshly parsed name
 * (25–40 ns on the short kurento frame), which the generated client's lookup avoids.
 */
function handWritten(item: Case): { receive: () => void; delivered: () => number } {
  let delivered = 0;
  const wireName = item.nameOf(JSON.parse(item.json) as Record<string, unknown>);
  const listeners = new Map<unknown, (message: unknown) => void>([[wireName, () => (delivered += 1)]]);
  return {
    receive: () => {
      const frame = JSON.parse(item.json) as Record<string | number, unknown>;
      if (typeof frame !== "object" || frame === null) return;
      const payload = item.payloadOf(frame);
      if (item.guard(payload)) listeners.get(item.nameOf(frame))?.(payload);
    },
    delivered: () => delivered,
  };
}

function firstExample(protocol: ProtocolName, messageId: string): unknown {
  const spec = readSpecData(protocol) as {
    components: { messages: Record<string, { examples: { payload: unknown }[] }> };
  };
  const example = spec.components.messages[messageId]?.examples[0];
  if (example === undefined) throw new Error(`${protocol}: no example for ${messageId}`);
  return example.payload;
}

interface ListeningClient {
  connect(): Promise<void>;
  close(): Promise<void>;
}

/** Connects `client` over `transport`, counting deliveries through `listen`. */
async function connected(
  client: ListeningClient,
  listen: (count: () => void) => void,
  receive: () => void,
): Promise<{ receive: () => void; delivered: () => number; close: () => Promise<void> }> {
  let delivered = 0;
  listen(() => {
    delivered += 1;
  });
  await client.connect();
  return { receive, delivered: () => delivered, close: () => client.close() };
}

const url = "ws://127.0.0.1:1/";

function websocketCase(
  protocol: ProtocolName,
  message: string,
  validators: Pick<Case, "schema" | "guard"> & { readonly discriminator: string },
  start: (transport: FakeTransport, count: () => void) => ListeningClient,
): Case {
  const payload = firstExample(protocol, message);
  const json = JSON.stringify(payload);
  const { discriminator, ...rest } = validators;
  return {
    id: protocol,
    protocol,
    message,
    json,
    payload,
    ...rest,
    nameOf: (frame) => frame[discriminator],
    payloadOf: (frame) => frame,
    connect: () => {
      const transport = fakeTransport();
      let count = () => {};
      const client = start(transport, () => count());
      return connected(
        client,
        (counter) => (count = counter),
        () => transport.receive(json),
      );
    },
  };
}

function vertoCase(): Case {
  const payload = firstExample("verto", "vertoEvent");
  const json = JSON.stringify({ jsonrpc: "2.0", method: "verto.event", params: payload });
  return {
    id: "verto",
    protocol: "verto",
    message: "vertoEvent",
    json,
    payload,
    schema: vertoEventSchema,
    guard: isVertoEvent,
    nameOf: (frame) => frame.method,
    payloadOf: (frame) => frame.params,
    connect: () => {
      const transport = fakeTransport();
      const client = createVertoClient({ url, WebSocket: transport.WebSocket, reconnect: false });
      return connected(
        client,
        (count) => client.on("verto.event", count),
        () => transport.receive(json),
      );
    },
  };
}

/** `formats`: the client option measured (the default, `assert`, checks the two date-time members exactly). */
function socketIoCase(formats: "assert" | "annotate"): Case {
  const payload = firstExample("workspace", "mediaStateUpdated");
  // socket.io-client parses the packet's JSON, then emits the event: the same work as here.
  const json = JSON.stringify(["media-state-updated", payload]);
  return {
    id: formats === "assert" ? "workspace" : "workspace, annotate",
    protocol: "workspace",
    message: "mediaStateUpdated",
    json,
    payload,
    schema: mediaStateUpdatedSchema,
    guard: isMediaStateUpdated,
    nameOf: (packet) => packet[0],
    payloadOf: (packet) => packet[1],
    connect: () => {
      const transport = fakeTransport();
      const client = createWorkspaceClient({ url, io: transport.io, reconnect: false, formats });
      return connected(
        client,
        (count) => client.on("media-state-updated", count),
        () => {
          // By index, as socket.io-client reads the packet (destructuring would time the array iterator).
          const packet = JSON.parse(json) as [string, unknown];
          transport.receiveEvent(packet[0], packet[1]);
        },
      );
    },
  };
}

const cases: Case[] = [
  websocketCase(
    "voxy",
    "sayPush",
    { schema: sayPushSchema, guard: isSayPush, discriminator: "action" },
    (transport, count) => {
      const client = createVoxyClient({ url, WebSocket: transport.WebSocket, reconnect: false });
      client.on("say", count);
      return client;
    },
  ),
  websocketCase(
    "yueyue",
    "enterRoom",
    { schema: enterRoomSchema, guard: isEnterRoom, discriminator: "action" },
    (transport, count) => {
      const client = createYueyueClient({ url, query: { sid: "s" }, WebSocket: transport.WebSocket, reconnect: false });
      client.on("enter_room", count);
      return client;
    },
  ),
  socketIoCase("assert"),
  socketIoCase("annotate"),
  vertoCase(),
  websocketCase(
    "kurento-room",
    "iceCandidate",
    { schema: iceCandidateSchema, guard: isIceCandidate, discriminator: "id" },
    (transport, count) => {
      const client = createKurentoRoomClient({ url, WebSocket: transport.WebSocket, reconnect: false });
      client.on("iceCandidate", count);
      return client;
    },
  ),
];

const runs = 3;

/**
 * Each protocol is measured in a process of its own, as JMH forks per benchmark: an app speaks one
 * protocol, and one process running all five would leave the shared runtime's call sites polymorphic
 * (each protocol's objects have their own shapes), timing every protocol slower than any app runs it.
 */
function runEachInItsOwnProcess(): void {
  console.log(
    `receive path on Node ${process.versions.node}: the generated client receiving a frame, against JSON.parse alone`,
  );
  console.log(
    `(receive/parse: median of ${runs} runs [min–max], each the median of paired batches of CPU time; one process per protocol); validators against ajv`,
  );
  console.log(
    "(hand/parse: a hand-written client with the same guard: JSON.parse, the guard, a listener from a Map by the message's name, no transport)",
  );
  console.log('("workspace, annotate": the same client created with `formats: "annotate"`, `format` not checked)');
  console.log(
    "protocol             message             bytes  parse ns  receive ns  receive/parse [spread]  hand/parse [spread]  guard ns  zod ns  ajv ns  guard/ajv  zod/ajv",
  );
  const script = process.argv[1] as string;
  for (const item of cases) {
    const env = { ...process.env, WIRETYPE_RECEIVE_CASE: item.id };
    const child = spawnSync(process.execPath, [script], { stdio: "inherit", env });
    if (child.status !== 0) throw new Error(`${item.id}: the receive bench failed (exit ${child.status})`);
  }
}

/** Median and spread of `runs` paired ratios of `candidate` against JSON.parse of the frame. */
function againstParse(item: Case, candidate: () => void) {
  const results = Array.from({ length: runs }, () => pairedRatio(() => JSON.parse(item.json), candidate, { quick }));
  const ratios = results.map((result) => result.ratio);
  return {
    ratio: median(ratios),
    spread: `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`,
    parseNs: median(results.map((result) => result.baselineNs)),
    candidateNs: median(results.map((result) => result.candidateNs)),
  };
}

/**
 * What the receive path validates: fresh JSON.parse copies in turn (the YAML reader builds dictionary-mode
 * objects and cons strings, and one constant object lets the compiler fold the checks away).
 */
function parsedCopies(item: Case): () => unknown {
  const copies = Array.from({ length: 64 }, () => item.payloadOf(JSON.parse(item.json) as Record<string, unknown>));
  let turn = 0;
  return () => copies[turn++ & 63];
}

function validatorTimes(item: Case, ajvValidate: (value: unknown) => boolean): [number, number, number] {
  const next = parsedCopies(item);
  const times = compare(
    {
      guard: () => item.guard(next()),
      zod: () => item.schema.safeParse(next()),
      ajv: () => ajvValidate(next()),
    },
    quick ? 1 : 3,
  );
  return [times.guard, times.zod, times.ajv].map((n) => n ?? Number.NaN) as [number, number, number];
}

function compiledAjv(item: Case): (value: unknown) => boolean {
  const ajv = new Ajv({ strict: false });
  applyFormats(ajv);
  ajv.addSchema(readSpecData(item.protocol), item.protocol);
  const validate = ajv.compile({ $ref: `${item.protocol}#/components/messages/${item.message}/payload` });
  return (value) => validate(value) === true;
}

async function measure(item: Case): Promise<void> {
  const ajvValidate = compiledAjv(item);
  if (!ajvValidate(item.payload) || !item.guard(item.payload) || !item.schema.safeParse(item.payload).success) {
    throw new Error(`${item.protocol} ${item.message}: the benchmark frame does not validate`);
  }
  const client = await item.connect();
  client.receive();
  if (client.delivered() !== 1) throw new Error(`${item.protocol}: the client did not deliver the benchmark frame`);
  const received = againstParse(item, client.receive);
  await client.close();
  const receiveCells = [
    item.id.padEnd(20),
    item.message.padEnd(18),
    String(item.json.length).padStart(6),
    received.parseNs.toFixed(0).padStart(9),
    received.candidateNs.toFixed(0).padStart(11),
    `${received.ratio.toFixed(2)}× [${received.spread}]`.padStart(23),
  ];
  // A client option's row: the reference and the validators are the protocol's own row's.
  if (item.id !== item.protocol) {
    console.log([...receiveCells, "–".padStart(21)].join(" "));
    return;
  }
  // The hand-written reference runs after the client, so the client is timed in a process it has alone.
  const reference = handWritten(item);
  reference.receive();
  if (reference.delivered() !== 1) throw new Error(`${item.protocol}: the hand-written reference did not deliver`);
  const byHand = againstParse(item, reference.receive);
  const [guard, zod, ajvNs] = validatorTimes(item, ajvValidate);
  const cells = [
    ...receiveCells,
    `${byHand.ratio.toFixed(2)}× [${byHand.spread}]`.padStart(21),
    guard.toFixed(0).padStart(9),
    zod.toFixed(0).padStart(7),
    ajvNs.toFixed(0).padStart(7),
    ratio(guard, ajvNs).padStart(10),
    ratio(zod, ajvNs).padStart(8),
  ];
  console.log(cells.join(" "));
}

const only = process.env.WIRETYPE_RECEIVE_CASE;
if (only === undefined) runEachInItsOwnProcess();
else {
  const item = cases.find((candidate) => candidate.id === only);
  if (item === undefined) throw new Error(`no receive case for ${only}`);
  await measure(item);
}
