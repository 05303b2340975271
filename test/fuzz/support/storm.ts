import { waitFor } from "../../support/lifecycle.js";
import type { Attacker } from "./attacker.js";
import { documentedCloseCodes, isDocumentedAnswer } from "./documented.js";
import type { FuzzFrame } from "./frame.js";
import type { Profile } from "./profiles.js";
import type { Lane } from "./sessions.js";

/** What one lane of a storm provoked. */
export interface LaneOutcome {
  sent: number;
  answers: number;
  /** Packet-lane frames after which the connection stayed open and silent (e.g. Socket.IO `41` leaves the namespace). */
  silent: number;
  /** Answers the spec does not document (first few), with the frame classes of their batch. */
  readonly undocumented: string[];
  /** Connections closed, by close code. */
  readonly closes: Record<string, number>;
  /** Message-lane batches whose connection closed (or stalled) before the sentinel was answered. */
  readonly broken: string[];
}

export interface LaneOptions {
  readonly profile: Profile;
  readonly lane: Lane;
  readonly open: (lane: Lane, n: number) => Promise<Attacker>;
  /** Message frames: batches on one connection each; packet frames: one connection per frame. */
  readonly packetLane: boolean;
  readonly batch: number;
  readonly parallel: number;
}

const shown = 5;

/** A frame every server answers with its refusal, naming `token` (an unknown message name). */
export function sentinelFor(profile: Profile, token: string): string {
  if (profile.framing === "json-rpc") return JSON.stringify({ jsonrpc: "2.0", id: token, method: token });
  if (profile.framing === "socket.io") return `42${JSON.stringify([token, { transaction: token }])}`;
  return JSON.stringify({ [profile.discriminator]: token });
}

function classesOf(frames: readonly FuzzFrame[]): string {
  const [only] = frames;
  if (frames.length === 1 && only !== undefined) return `${only.cls} ${JSON.stringify(String(only.data).slice(0, 80))}`;
  return [...new Set(frames.map((frame) => frame.cls))].slice(0, 12).join(",");
}

function check(options: LaneOptions, outcome: LaneOutcome, attacker: Attacker, frames: readonly FuzzFrame[]): void {
  outcome.answers += attacker.answers.length;
  for (const answer of attacker.answers) {
    if (outcome.undocumented.length < shown && !isDocumentedAnswer(options.profile, answer, options.packetLane)) {
      outcome.undocumented.push(`${answer.slice(0, 200)} (after ${classesOf(frames)})`);
    }
  }
  const code = attacker.closeCode;
  if (code === undefined) return;
  outcome.closes[code] = (outcome.closes[code] ?? 0) + 1;
  if (!documentedCloseCodes.has(code) && outcome.broken.length < shown) {
    outcome.broken.push(`closed with undocumented code ${code} after ${classesOf(frames)}`);
  }
}

/** Sends one batch on a fresh connection, then the sentinel, and waits for its answer or the close. */
async function runBatch(
  options: LaneOptions,
  outcome: LaneOutcome,
  frames: readonly FuzzFrame[],
  n: number,
): Promise<void> {
  const attacker = await options.open(options.lane, n);
  const token = `__fuzz_sentinel_${options.lane}_${n}`;
  try {
    for (const frame of frames) attacker.send(frame);
    outcome.sent += frames.length;
    attacker.sendText(sentinelFor(options.profile, token));
    const answered = () =>
      attacker.answers.some((answer) => answer.includes(token)) || attacker.closeCode !== undefined;
    await waitFor(
      () => (answered() ? true : undefined),
      options.packetLane ? 1_000 : 30_000,
      `the answer to ${token}`,
    ).catch(() => {
      if (options.packetLane) outcome.silent += 1;
      else if (outcome.broken.length < shown)
        outcome.broken.push(`no answer to the sentinel after ${classesOf(frames)}`);
    });
    const sentinelSeen = attacker.answers.some((answer) => answer.includes(token));
    if (!options.packetLane && !sentinelSeen && attacker.closeCode !== undefined && outcome.broken.length < shown) {
      outcome.broken.push(
        `batch ${n} closed (${attacker.closeCode}) before the sentinel, classes ${classesOf(frames)}`,
      );
    }
    check(options, outcome, attacker, frames);
  } finally {
    attacker.terminate();
  }
}

/** Runs a lane: batches `parallel` at a time; stops early when connections can no longer be opened. */
export async function runLane(options: LaneOptions, frames: readonly FuzzFrame[]): Promise<LaneOutcome> {
  const outcome: LaneOutcome = { sent: 0, answers: 0, silent: 0, undocumented: [], closes: {}, broken: [] };
  const size = options.packetLane ? 1 : options.batch;
  const batches: FuzzFrame[][] = [];
  for (let at = 0; at < frames.length; at += size) batches.push(frames.slice(at, at + size));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const n = next;
      next += 1;
      await runBatch(options, outcome, batches[n] as FuzzFrame[], n);
    }
  };
  await Promise.all(Array.from({ length: options.parallel }, worker));
  return outcome;
}
