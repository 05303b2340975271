/**
 * Relay throughput: messages per second through a generated voxy server relaying small `say` frames
 * from one client to another (parse, validate, presence lookup, forward), against two raw `ws` relays
 * measured in the same run with the same raw clients: one forwards each frame's bytes untouched, one
 * parses each frame and forwards its bytes (the least any relay that reads messages must do), one parses
 * and re-serialises the JSON. Then a
 * generated workspace server forwarding `conversation-broadcast` to a channel against bare socket.io 4
 * doing the same room emit (relay-socket-io.ts). After a warm-up round, ratios are taken per round
 * (alternating candidates), then their median and range, by wall clock and by process CPU time;
 * WIRETYPE_BENCH_QUICK=1 cuts the messages per round.
 *
 *   pnpm bench relay
 */
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createVoxyServer } from "@wiretype/voxy/server";
import { WebSocket, WebSocketServer } from "ws";
import { median } from "./measure.js";
import { bareSocketIo, generatedSocketIo } from "./relay-socket-io.js";
import { type Rate, startTiming } from "./relay-timing.js";

const quick = process.env.WIRETYPE_BENCH_QUICK === "1";
const messages = quick ? 4_000 : 20_000;
const window = 256;
const rounds = quick ? 3 : 5;

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
function pump(sender: WebSocket, receiver: WebSocket): Promise<Rate> {
  return new Promise((resolve) => {
    let sent = 0;
    let received = 0;
    const stop = startTiming();
    const fill = () => {
      while (sent < messages && sent - received < window) sender.send(say(sent++));
    };
    receiver.on("message", () => {
      received += 1;
      if (received === messages) resolve(stop(messages));
      else fill();
    });
    fill();
  });
}

/** How a raw relay passes a frame on: its bytes, its bytes once parsed, or re-serialised. */
type RawMode = "bytes" | "parse" | "json";

async function rawRelay(mode: RawMode): Promise<Rate> {
  const http = createHttpServer();
  const wss = new WebSocketServer({ server: http });
  const sockets: WebSocket[] = [];
  wss.on("connection", (socket) => {
    sockets.push(socket);
    socket.on("message", (data, isBinary) => {
      const other = sockets.find((candidate) => candidate !== socket);
      if (mode === "json") other?.send(JSON.stringify(JSON.parse(data.toString())));
      // The parsed value is looked at so the parse cannot be skipped (JSON.parse never returns undefined).
      else if (mode === "parse" && JSON.parse(data.toString()) === undefined) return;
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

async function generatedRelay(): Promise<Rate> {
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

/** Runs every candidate once per round, in turn, so machine noise hits them alike. */
async function measureRounds(candidates: Record<string, () => Promise<Rate>>): Promise<Map<string, Rate[]>> {
  const rates = new Map<string, Rate[]>(Object.keys(candidates).map((name) => [name, []]));
  // One unmeasured round first: every candidate's code is compiled before any is timed.
  for (const run of Object.values(candidates)) await run();
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, run] of Object.entries(candidates)) rates.get(name)?.push(await run());
  }
  return rates;
}

/** Median and range of the per-round ratios of a candidate's rate to its baseline's. */
function ratioText(values: readonly Rate[], baselines: readonly Rate[], of: keyof Rate): string {
  const ratios = values.map((value, index) => value[of] / (baselines[index]?.[of] ?? Number.NaN));
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  return `${median(ratios).toFixed(2)}× (${low.toFixed(2)}–${high.toFixed(2)})`;
}

function row(name: string, values: readonly Rate[], baselines?: readonly Rate[], versus = ""): string {
  const rate = `${median(values.map((value) => value.wall))
    .toFixed(0)
    .padStart(7)} msg/s`;
  if (baselines === undefined) return `  ${name.padEnd(40)} ${rate}   baseline`;
  const ratios = `${ratioText(values, baselines, "wall")} wall, ${ratioText(values, baselines, "cpu")} cpu`;
  return `  ${name.padEnd(40)} ${rate}   ${ratios}${versus}`;
}

const ws = await measureRounds({
  raw: () => rawRelay("bytes"),
  parse: () => rawRelay("parse"),
  json: () => rawRelay("json"),
  generated: generatedRelay,
});
const io = await measureRounds({
  bare: () => bareSocketIo(messages, window),
  generated: () => generatedSocketIo(messages, window),
});
const [raw, parse, json, generated] = ["raw", "parse", "json", "generated"].map(
  (name) => ws.get(name) ?? [],
) as Rate[][];
const [bare, generatedIo] = ["bare", "generated"].map((name) => io.get(name) ?? []) as Rate[][];
console.log(`relay of ${messages} small messages between two clients, window ${window}, ${rounds} alternating rounds`);
console.log("rates: median msg/s; ratios to the baseline: median of the per-round ratios (range), by wall-clock");
console.log("throughput and by throughput per CPU second of the process (steadier when the machine is busy)");
console.log(row("raw ws relay (bytes forwarded)", raw ?? []));
console.log(row("raw ws relay (parse, bytes forwarded)", parse ?? [], raw));
console.log(row("raw ws relay (JSON parse/stringify)", json ?? [], raw));
console.log(row("generated voxy server (say → peer)", generated ?? [], raw, "  vs bytes"));
console.log(row("  the same, against the JSON relay", generated ?? [], json, "  vs JSON"));
console.log(row("bare socket.io 4 (room emit)", bare ?? []));
console.log(row("generated workspace server (broadcast)", generatedIo ?? [], bare, "  vs bare"));
