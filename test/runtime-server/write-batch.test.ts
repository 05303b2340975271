import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { Writable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { createVoxyServer } from "@wiretype/voxy/server";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { tickBatching } from "../../runtime/src/server/write-batch.js";

/** A socket stand-in that records the chunks each write to the system carried. */
function recordingSink() {
  const writes: string[][] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map(({ chunk }) => String(chunk)));
      done();
    },
  });
  return { sink, writes };
}

describe("tickBatching", () => {
  it("sends the writes of one tick together once the tick's work is done", async () => {
    const { sink, writes } = recordingSink();
    const batch = tickBatching(sink);
    for (const text of ["a", "b", "c"]) {
      batch.hold();
      sink.write(text);
    }
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual([["a", "b", "c"]]);
    batch.hold();
    sink.write("d");
    await nextTurn();
    expect(writes).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("writes what it holds at once when flushed, and holds again in a later tick", async () => {
    const { sink, writes } = recordingSink();
    const batch = tickBatching(sink);
    batch.hold();
    sink.write("a");
    sink.write("b");
    batch.flush();
    expect(writes).toEqual([["a", "b"]]);
    await nextTurn();
    batch.hold();
    sink.write("c");
    expect(writes).toEqual([["a", "b"]]);
    await nextTurn();
    expect(writes).toEqual([["a", "b"], ["c"]]);
  });

  it("leaves a write made without it unbatched", () => {
    const { sink, writes } = recordingSink();
    tickBatching(sink);
    sink.write("a");
    expect(writes).toEqual([["a"]]);
  });
});

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

async function bound(port: number, user: string): Promise<WebSocket> {
  const socket = await open(`ws://127.0.0.1:${port}/`);
  const answered = new Promise<void>((resolve) => socket.once("message", () => resolve()));
  socket.send(JSON.stringify({ action: "bind", user_id: user, link_id: 1, to_userid: "0" }));
  await answered;
  return socket;
}

describe("a voxy relay sending a burst", () => {
  it("passes on every frame of a burst, in order, each a frame of its own", async () => {
    const server = createVoxyServer({ port: 0, authenticate: () => true });
    const { port } = await server.listen();
    try {
      const a = await bound(port, "a");
      const b = await bound(port, "b");
      const count = 200;
      const received: string[] = [];
      const all = new Promise<void>((resolve) =>
        b.on("message", (data) => {
          received.push(String(data));
          if (received.length === count) resolve();
        }),
      );
      const say = (n: number) => {
        const content = `hello ${n}`;
        return { action: "say", type: "1", user_id: "a", to_userid: "b", content, category: "private", media: "" };
      };
      for (let n = 0; n < count; n += 1) a.send(JSON.stringify(say(n)));
      await all;
      expect(received.map((text) => JSON.parse(text).content)).toEqual(
        Array.from({ length: count }, (_, n) => `hello ${n}`),
      );
      a.close();
      b.close();
    } finally {
      await server.close();
    }
  });
});

/** A client frame (masked, as the protocol requires) with `opcode` and a payload. */
function clientFrame(opcode: number, payload: string): Buffer {
  const data = Buffer.from(payload);
  const mask = randomBytes(4);
  const masked = data.map((byte, index) => byte ^ (mask[index % 4] ?? 0));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | data.length]), mask, masked]);
}

/** The server's frames (unmasked, short) as opcode and text, once it has closed the connection. */
function serverFrames(bytes: Buffer): { opcode: number; text: string }[] {
  const frames: { opcode: number; text: string }[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    const short = (bytes[at + 1] ?? 0) & 0x7f;
    const [start, length] = short === 126 ? [at + 4, bytes.readUInt16BE(at + 2)] : [at + 2, short];
    frames.push({ opcode: (bytes[at] ?? 0) & 0x0f, text: bytes.subarray(start, start + length).toString() });
    at = start + length;
  }
  return frames;
}

/** Opens a raw WebSocket connection and resolves with the socket and what followed the handshake. */
function rawUpgrade(port: number): Promise<{ socket: Socket; received: Promise<Buffer> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let upgraded = false;
    const received = new Promise<Buffer>((done) => socket.on("close", () => done(Buffer.concat(chunks))));
    socket.on("error", reject);
    socket.on("data", (chunk: Buffer) => {
      if (upgraded) return void chunks.push(chunk);
      const end = chunk.indexOf("\r\n\r\n");
      upgraded = true;
      chunks.push(chunk.subarray(end + 4));
      resolve({ socket, received });
    });
    const key = randomBytes(16).toString("base64");
    socket.write(
      `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

describe("a connection ended by a faulty frame", () => {
  it("still gets the answers to the frames before it, then the close frame", async () => {
    const server = createVoxyServer({ port: 0, authenticate: () => true });
    const { port } = await server.listen();
    try {
      const { socket, received } = await rawUpgrade(port);
      const bind = JSON.stringify({ action: "bind", user_id: "a", link_id: 1, to_userid: "0" });
      // One write: the bind and a frame with a reserved opcode reach the server in one read.
      socket.write(Buffer.concat([clientFrame(0x1, bind), clientFrame(0x3, "")]));
      const frames = serverFrames(await received);
      expect(frames.map(({ opcode }) => opcode)).toEqual([0x1, 0x8]);
      expect(JSON.parse(frames[0]?.text ?? "null")).toMatchObject({ action: "bind" });
    } finally {
      await server.close();
    }
  });
});
