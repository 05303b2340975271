/**
 * Relay throughput: messages per second through a generated voxy server relaying small `say` frames
 * from one client to another (parse, validate, presence lookup, forward), against raw `ws` relays
 * measured in the same run with the same raw clients: one forwards each frame's bytes untouched, one
 * does the same with its writes batched per tick (as the generated server sends), one parses each frame
 * and forwards its bytes (the least any relay that reads messages must do), one parses and re-serialises
 * the JSON. Then a generated workspace server forwarding `conversation-broadcast` to a channel against
 * bare socket.io 4 doing the same room emit (relay-socket-io.ts). After a warm-up round, ratios are taken
 * per round (alternating candidates), then their median and range, by wall clock and by process CPU time.
 * WIRETYPE_BENCH_QUICK=1 cuts the messages per round and the rounds.
 *
 *   pnpm bench relay
 */
import { WebSocket } from "ws";
import { median } from "./measure.js";
import { type RelayKind, startRelay } from "./relay-servers.js";
import { bareSocketIo, generatedSocketIo } from "./relay-socket-io.js";
import { type Rate, startTiming } from "./relay-timing.js";

const quick = process.env.WIRETYPE_BENCH_QUICK === "1";
const messages = quick ? 4_000 : 20_000;
const window = 256;
// Seven rounds: the per-round ratios on a busy machine spread wide, and the median needs several.
const rounds = quick ? 3 : 7;

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

/** A client of the relay at `port`; one of the generated server's first binds as `user` (it relays to present peers). */
async function client(port: number, binds: boolean, user: string): Promise<WebSocket> {
  const socket = await open(`ws://127.0.0.1:${port}/`);
  if (!binds) return socket;
  const answered = new Promise<void>((resolve) => socket.once("message", () => resolve()));
  socket.send(JSON.stringify({ action: "bind", user_id: user, link_id: 1, to_userid: "0" }));
  await answered;
  return socket;
}

/** Clients and relay in this process: the rate by wall clock and by this process's CPU time. */
async function inProcess(kind: RelayKind): Promise<Rate> {
  const relay = await startRelay(kind);
  const a = await client(relay.port, relay.binds, "a");
  const b = await client(relay.port, relay.binds, "b");
  const rate = await pump(a, b);
  a.close();
  b.close();
  await relay.close();
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

async function main(): Promise<void> {
  const kinds: Record<string, RelayKind> = {
    raw: "bytes",
    batched: "batched",
    parse: "parse",
    json: "json",
    generated: "generated",
  };
  const candidates = (run: (kind: RelayKind) => Promise<Rate>) =>
    Object.fromEntries(Object.entries(kinds).map(([name, kind]) => [name, () => run(kind)]));
  const ws = await measureRounds(candidates(inProcess));
  const io = await measureRounds({
    bare: () => bareSocketIo(messages, window),
    generated: () => generatedSocketIo(messages, window),
  });
  const of = (rates: Map<string, Rate[]>, name: string) => rates.get(name) ?? [];
  console.log(
    `relay of ${messages} small messages between two clients, window ${window}, ${rounds} alternating rounds`,
  );
  console.log("rates: median msg/s; ratios to the baseline: median of the per-round ratios (range), by wall-clock");
  console.log("throughput and by throughput per CPU second of the process (steadier when the machine is busy)");
  console.log(row("raw ws relay (bytes forwarded)", of(ws, "raw")));
  console.log(row("raw ws relay (bytes, writes batched)", of(ws, "batched"), of(ws, "raw")));
  console.log(row("raw ws relay (parse, bytes forwarded)", of(ws, "parse"), of(ws, "raw")));
  console.log(row("raw ws relay (JSON parse/stringify)", of(ws, "json"), of(ws, "raw")));
  console.log(row("generated voxy server (say → peer)", of(ws, "generated"), of(ws, "raw"), "  vs bytes"));
  console.log(row("  the same, against the batched relay", of(ws, "generated"), of(ws, "batched"), "  vs batched"));
  console.log(row("  the same, against the JSON relay", of(ws, "generated"), of(ws, "json"), "  vs JSON"));
  console.log(row("bare socket.io 4 (room emit)", of(io, "bare")));
  console.log(row("generated workspace server (broadcast)", of(io, "generated"), of(io, "bare"), "  vs bare"));
}

await main();
