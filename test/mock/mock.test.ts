import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { phpJsonSign } from "@wiretype/runtime";
import { afterEach, describe, expect, it } from "vitest";
import type { Protocol } from "../../generator/src/ir/types.js";
import { liveDescriptors } from "../../generator/src/mock/descriptor.js";
import { exampleOf } from "../../generator/src/mock/examples.js";
import { loadProtocol as loadFresh } from "../../generator/src/mock/mock-command.js";
import { type RunningMock, startMock } from "../../generator/src/mock/mock-server.js";
import { parseScript } from "../../generator/src/mock/script.js";
import { connectSocketIo, connectSocketIoV2, connectWs, type RawClient } from "./mock-clients.js";

/**
 * `wiretype mock` on the five specs and third-party documents: started on a free port, a raw client
 * sends a valid frame (answered by the spec's defaults or example) and an invalid one (refused, logged
 * and answered with the protocol's error), and a scripted sequence arrives in order.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));

type Frame = Record<string, unknown>;
type Shape = "keyed" | "rpc" | "socket.io";

interface Case {
  readonly name: string;
  readonly file: string;
  readonly shape: Shape;
  /** The client key sent valid, then broken. */
  readonly key: string;
  /** Recognises the answer to the valid frame (undefined: the key has none; no refusal is expected). */
  readonly answer?: (frame: unknown) => boolean;
  /** Recognises the spec's greeting, sent on connect. */
  readonly greeting?: (frame: unknown) => boolean;
  /** Recognises the protocol's answer to the invalid frame (undefined: it has none; only the log says). */
  readonly refusal?: (frame: unknown) => boolean;
  /** Socket.IO specs: the events a socket.io-client 2.x must listen to (it cannot listen to all). */
  readonly socketIoV2Events?: readonly string[];
}

const member = (name: string, value: unknown) => (frame: unknown) => (frame as Frame | null)?.[name] === value;
const event = (name: string) => (frame: unknown) => Array.isArray(frame) && frame[0] === name;
const rpcAnswer = (id: number, part: "result" | "error") => (frame: unknown) =>
  member("id", id)(frame) && (frame as Frame)[part] !== undefined;

const cases: Case[] = [
  {
    name: "voxy",
    file: "specs/voxy.asyncapi.yaml",
    shape: "keyed",
    key: "bind",
    answer: member("action", "bind"),
    refusal: member("action", "error"),
  },
  {
    name: "yueyue",
    file: "specs/yueyue.asyncapi.yaml",
    shape: "keyed",
    key: "enter_room_report",
    refusal: member("action", "error"),
  },
  {
    name: "workspace",
    file: "specs/workspace.asyncapi.yaml",
    shape: "socket.io",
    key: "auth",
    answer: event("auth-success"),
    refusal: event("socket-api-error"),
  },
  {
    name: "workspace, socket.io-client 2.x",
    file: "specs/workspace.asyncapi.yaml",
    shape: "socket.io",
    key: "auth",
    answer: event("auth-success"),
    refusal: event("socket-api-error"),
    socketIoV2Events: ["auth-success", "socket-api-error"],
  },
  {
    name: "verto",
    file: "specs/verto.asyncapi.yaml",
    shape: "rpc",
    key: "login",
    answer: rpcAnswer(1, "result"),
    refusal: rpcAnswer(2, "error"),
  },
  {
    name: "kurento-room",
    file: "specs/kurento-room.asyncapi.yaml",
    shape: "keyed",
    key: "joinRoom",
    answer: member("id", "existingParticipants"),
    refusal: member("id", "error"),
  },
  {
    name: "kraken (third party)",
    file: "generator/test/corpus/kraken-websocket-asyncapi.yml",
    shape: "keyed",
    key: "ping",
    answer: member("event", "pong"),
  },
  {
    name: "slack rtm (third party)",
    file: "generator/test/corpus/slack-rtm-asyncapi.yml",
    shape: "keyed",
    key: "message",
  },
];

/** Each document is parsed once for the whole file (the parser is the slow part). */
const loaded = new Map<string, Promise<Protocol>>();
function loadProtocol(file: string): Promise<Protocol> {
  const known = loaded.get(file) ?? loadFresh(file);
  loaded.set(file, known);
  return known;
}

/** Generous: a loaded CI machine parses a spec in seconds; each test itself takes well under one. */
const testTimeoutMs = 60_000;

const running: RunningMock[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(running.splice(0).map((mock) => mock.close()));
});

function clientMessage(protocol: Protocol, key: string) {
  const message = protocol.messages.find((each) => each.wireName === key && each.senders.includes("client"));
  if (message === undefined) throw new Error(`no client message ${key}`);
  return exampleOf(message, protocol) as Frame;
}

/** The example with one member replaced so that the mock's own validator refuses it. */
function broken(protocol: Protocol, key: string, valid: Frame, discriminator: string | undefined): Frame {
  const guard = liveDescriptors(protocol)[0]?.descriptor.client.guards[key];
  const payload = protocol.messages.find((each) => each.wireName === key)?.payload;
  const named = payload?.kind === "object" ? payload.properties.map((property) => property.name) : [];
  const candidates = [...new Set([...Object.keys(valid), ...named])].filter((name) => name !== discriminator);
  for (const name of candidates)
    for (const wrong of [{ wrong: true }, ["wrong"], 12_345.5])
      if (guard !== undefined && !guard({ ...valid, [name]: wrong })) return { ...valid, [name]: wrong };
  throw new Error(`no member of ${key}'s example could be broken`);
}

/** The frame signed when the spec signs client frames (yueyue), as a real client does. */
function signed(protocol: Protocol, frame: Frame): Frame {
  const signature = liveDescriptors(protocol)[0]?.descriptor.signature;
  if (signature?.appliesTo !== "client") return frame;
  return { ...frame, [signature.field]: phpJsonSign(frame, signature.field) };
}

function framed(shape: Shape, key: string, payload: Frame, id: number): unknown {
  if (shape === "rpc") return { jsonrpc: "2.0", id, method: key, params: payload };
  if (shape === "socket.io") return [key, payload];
  return payload;
}

async function connect(mock: RunningMock, protocol: Protocol, testCase: Case): Promise<RawClient> {
  const channel = mock.channels[0];
  const framing = liveDescriptors(protocol)[0]?.descriptor.framing;
  if (channel === undefined || framing === undefined) throw new Error("no channel");
  const socketIoUrl = `http://127.0.0.1:${channel.port}${channel.address}`;
  const v2Events = testCase.socketIoV2Events;
  const client =
    framing.kind !== "socket.io"
      ? await connectWs(`ws://127.0.0.1:${channel.port}${channel.address}`)
      : v2Events === undefined
        ? await connectSocketIo(socketIoUrl, framing.path)
        : await connectSocketIoV2(socketIoUrl, framing.path, v2Events);
  clients.push(client);
  expect(testCase.shape === "socket.io").toBe(framing.kind === "socket.io");
  return client;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(cases)("wiretype mock: $name", (testCase) => {
  it(
    "answers a valid frame, refuses an invalid one with the protocol's error and logs it",
    async () => {
      const protocol = await loadProtocol(`${root}${testCase.file}`);
      const log: string[] = [];
      const mock = await startMock(protocol, { port: 0, log: (line) => log.push(line) });
      running.push(mock);
      const client = await connect(mock, protocol, testCase);
      const framing = liveDescriptors(protocol)[0]?.descriptor.framing;
      const discriminator = framing?.kind === "json" ? framing.discriminator : undefined;
      if (testCase.greeting !== undefined) await client.next(testCase.greeting);
      const example = clientMessage(protocol, testCase.key);
      const valid = signed(
        protocol,
        discriminator === undefined ? example : { [discriminator]: testCase.key, ...example },
      );

      client.send(framed(testCase.shape, testCase.key, valid, 1));
      if (testCase.answer !== undefined) await client.next(testCase.answer);
      else await pause(300);
      expect(log.filter((line) => line.includes("refused"))).toEqual([]);

      client.send(
        framed(testCase.shape, testCase.key, signed(protocol, broken(protocol, testCase.key, valid, discriminator)), 2),
      );
      if (testCase.refusal !== undefined) await client.next(testCase.refusal);
      await expect.poll(() => log.find((line) => line.includes("refused invalid-message"))).toBeDefined();
      expect(log.find((line) => line.includes("refused"))).toContain(testCase.key);
    },
    testTimeoutMs,
  );
});

describe("wiretype mock defaults", () => {
  it(
    "opens sessions unchecked and forwards as the spec says (voxy say to a peer)",
    async () => {
      const protocol = await loadProtocol(`${root}specs/voxy.asyncapi.yaml`);
      const mock = await startMock(protocol, { port: 0, log: () => {} });
      running.push(mock);
      const url = `ws://127.0.0.1:${mock.channels[0]?.port}/`;
      const [alice, bob] = [await connectWs(url), await connectWs(url)];
      clients.push(alice, bob);
      for (const [client, id] of [
        [alice, "alice"],
        [bob, "bob"],
      ] as const) {
        client.send({ ...clientMessage(protocol, "bind"), user_id: id, to_userid: "0" });
        await client.next(member("action", "bind"));
      }
      alice.send({ ...clientMessage(protocol, "say"), user_id: "alice", to_userid: "bob" });
      const forwarded = (await bob.next(member("action", "say"))) as Frame;
      expect(forwarded).toMatchObject({ user_id: "alice", to_userid: "bob" });
    },
    testTimeoutMs,
  );
});

describe("wiretype mock --script", () => {
  it(
    "replays the scripted server messages in order, on a parameterised third-party channel",
    async () => {
      const protocol = await loadProtocol(`${root}generator/test/corpus/websocket-gemini-asyncapi.yml`);
      const key = liveDescriptors(protocol)[0]?.descriptor.server.keys[0] ?? "";
      const script = parseScript(
        [
          `- { send: ${key}, payload: { type: update, eventId: 1, socket_sequence: 0, events: [] } }`,
          `- { after_ms: 50, send: ${key}, payload: { type: update, eventId: 2, socket_sequence: 1, events: [] } }`,
          `- { after_ms: 10, send: ${key} }`,
        ].join("\n"),
      );
      const mock = await startMock(protocol, { port: 0, script, log: () => {} });
      running.push(mock);
      const port = mock.channels[0]?.port;
      const client = await connectWs(`ws://127.0.0.1:${port}/v1/marketdata/btcusd`);
      clients.push(client);
      await client.next(() => client.received.length === 3);
      const [first, second, third] = client.received as Frame[];
      expect([first?.eventId, second?.eventId]).toEqual([1, 2]);
      const [marketData] = protocol.messages;
      expect(marketData && third).toEqual(marketData && exampleOf(marketData, protocol));
    },
    testTimeoutMs,
  );

  it(
    "refuses a script that sends a message the server never sends",
    async () => {
      const protocol = await loadProtocol(`${root}specs/voxy.asyncapi.yaml`);
      const script = parseScript('[{ "send": "bind_nobody" }]');
      await expect(startMock(protocol, { port: 0, script, log: () => {} })).rejects.toThrow(/never sends/);
    },
    testTimeoutMs,
  );
});

describe("wiretype mock (the command)", () => {
  it(
    "announces the development server and its port, serves, and stops on SIGTERM",
    async () => {
      const cli = `${root}generator/bin/wiretype.js`;
      const child = spawn(process.execPath, [cli, "mock", "specs/voxy.asyncapi.yaml", "--port", "0"], { cwd: root });
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += String(chunk);
      });
      try {
        await expect.poll(() => /listening on 127\.0\.0\.1:(\d+)/.exec(output), { timeout: 45_000 }).not.toBeNull();
        expect(output).toContain("insecure development mode");
        const port = /listening on 127\.0\.0\.1:(\d+)/.exec(output)?.[1];
        const client = await connectWs(`ws://127.0.0.1:${port}/`);
        clients.push(client);
        await client.next(member("action", "link_on"));
      } finally {
        child.kill("SIGTERM");
      }
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
    },
    testTimeoutMs,
  );
});
