/**
 * Relay throughput: messages per second through a generated voxy server relaying small `say` frames
 * from one client to another (parse, validate, presence lookup, forward), against two raw `ws` relays
 * measured in the same run with the same raw clients: one forwards each frame's bytes untouched, the
 * other parses and re-serialises the JSON (the least any relay that looks at messages must do).
 *
 *   pnpm bench:relay
 */
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { createVoxyServer } from "@wiretype/voxy/server";
import { WebSocket, WebSocketServer } from "ws";

const messages = 20_000;
const window = 256;
const rounds = 3;

const say = (n: number) =>
  JSON.stringify({
    action: "say",
    type: "1",
    user_id: "a",
    to_userid: "b",
    content: `hello ${n}`,
    category: "private",
    media: "",
  });

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Sends `messages` frames from `sender`, at most `window` unanswered, and times their arrival at `receiver`. */
function pump(sender: WebSocket, receiver: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    let sent = 0;
    let received = 0;
    const start = performance.now();
    const fill = () => {
      while (sent < messages && sent - received < window) sender.send(say(sent++));
    };
    receiver.on("message", () => {
      received += 1;
      if (received === messages) resolve(messages / ((performance.now() - start) / 1000));
      else fill();
    });
    fill();
  });
}

async function rawRelay(reserialise: boolean): Promise<number> {
  const http = createHttpServer();
  const wss = new WebSocketServer({ server: http });
  const sockets: WebSocket[] = [];
  wss.on("connection", (socket) => {
    sockets.push(socket);
    socket.on("message", (data, isBinary) => {
      const other = sockets.find((candidate) => candidate !== socket);
      if (reserialise) other?.send(JSON.stringify(JSON.parse(data.toString())));
      else other?.send(data, { binary: isBinary });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  const a = await open(`ws://127.0.0.1:${port}`);
  const b = await open(`ws://127.0.0.1:${port}`);
  const rate = await pump(a, b);
  a.close();
  b.close();
  wss.close();
  http.close();
  return rate;
}

async function bound(port: number, user: string): Promise<WebSocket> {
  const socket = await open(`ws://127.0.0.1:${port}/`);
  const answered = new Promise<void>((resolve) => socket.once("message", () => resolve()));
  socket.send(JSON.stringify({ action: "bind", user_id: user, link_id: 1, to_userid: "0" }));
  await answered;
  return socket;
}

async function generatedRelay(): Promise<number> {
  const server = createVoxyServer({ port: 0, authenticate: () => true });
  const { port } = await server.listen();
  const a = await bound(port, "a");
  const b = await bound(port, "b");
  const rate = await pump(a, b);
  a.close();
  b.close();
  await server.close();
  return rate;
}

const results: { raw: number[]; json: number[]; generated: number[] } = { raw: [], json: [], generated: [] };
for (let round = 0; round < rounds; round += 1) {
  results.raw.push(await rawRelay(false));
  results.json.push(await rawRelay(true));
  results.generated.push(await generatedRelay());
}
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? Number.NaN;
const raw = median(results.raw);
const json = median(results.json);
const generated = median(results.generated);
console.log(
  `relay of ${messages} small frames between two clients, window ${window}, median of ${rounds} alternating rounds:`,
);
console.log(`  raw ws relay (bytes forwarded)       ${raw.toFixed(0)} msg/s`);
console.log(`  raw ws relay (JSON parse/stringify) ${json.toFixed(0)} msg/s`);
console.log(
  `  generated voxy server (say → peer)  ${generated.toFixed(0)} msg/s  = ${(generated / raw).toFixed(2)}× bytes, ${(generated / json).toFixed(2)}× JSON`,
);
