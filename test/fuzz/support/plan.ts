import fc, { type Arbitrary } from "fast-check";
import {
  binaryFrames,
  deepFrames,
  hugeFrames,
  malformedFrames,
  mutatedFrames,
  protoFrames,
  type Side,
  unknownNameFrames,
  validFrames,
  wrongTypeFrames,
} from "./classes.js";
import { engineIoJunk } from "./engine-io.js";
import { binaryFrame, type FuzzFrame, textFrame } from "./frame.js";
import type { Profile } from "./profiles.js";
import { rpcFrames } from "./rpc.js";
import { isValidMessage } from "./verdict.js";

/** The receivers' default `maxFrameBytes` (1 MiB): huge frames are built just under and over it. */
export const defaultLimit = 1024 * 1024;
const hugePerLane = 8;

interface ClassPlan {
  readonly arbitrary: Arbitrary<FuzzFrame>;
  readonly weight: number;
  /** Valid messages on purpose (sent before the session): not filtered out. */
  readonly valid?: boolean;
}

/** `count` frames of one class, bad ones only (a generated frame the receiver would accept is dropped). */
function sampleClass(profile: Profile, side: Side, plan: ClassPlan, count: number, seed: number): FuzzFrame[] {
  const keep = (frame: FuzzFrame) =>
    plan.valid === true || frame.expect !== "invalid" || !isValidMessage(profile, side, frame.data);
  const frames = fc.sample(plan.arbitrary, { seed, numRuns: Math.ceil(count * 1.5) + 8 }).filter(keep);
  return frames.slice(0, count);
}

/** Round robin over the classes, so that every batch mixes them. */
function interleave(lists: readonly FuzzFrame[][]): FuzzFrame[] {
  const mixed: FuzzFrame[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let at = 0; at < longest; at += 1)
    for (const list of lists) if (at < list.length) mixed.push(list[at] as FuzzFrame);
  return mixed;
}

/** `total` frames drawn from weighted classes (plus a few huge ones), deterministic for `seed`. */
function drawLane(
  profile: Profile,
  side: Side,
  classes: readonly ClassPlan[],
  total: number,
  seed: number,
): FuzzFrame[] {
  const huge = sampleClass(
    profile,
    side,
    { arbitrary: hugeFrames(profile, side, defaultLimit), weight: 0 },
    hugePerLane,
    seed,
  );
  const weights = classes.reduce((sum, plan) => sum + plan.weight, 0);
  const lists = classes.map((plan, index) =>
    sampleClass(profile, side, plan, Math.round(((total - huge.length) * plan.weight) / weights), seed + index + 1),
  );
  const mixed = interleave([huge, ...lists]);
  const filler =
    mixed.length < total ? sampleClass(profile, side, classes[0] as ClassPlan, total - mixed.length, seed - 1) : [];
  return [...mixed, ...filler].slice(0, total);
}

/** The classes every sender's storm has, for what `side` sends. */
function commonClasses(profile: Profile, side: Side): ClassPlan[] {
  const socketIo = profile.framing === "socket.io";
  const mutated = mutatedFrames(profile, side);
  const classes: ClassPlan[] = [
    { arbitrary: mutated, weight: 30 },
    { arbitrary: protoFrames(profile, side), weight: 10 },
    { arbitrary: unknownNameFrames(profile, side), weight: 8 },
    { arbitrary: deepFrames(profile, side, socketIo ? ["member", "body"] : ["bare", "member", "body"]), weight: 8 },
  ];
  if (!socketIo) {
    classes.push({ arbitrary: malformedFrames(profile, side), weight: 8 });
    classes.push({ arbitrary: wrongTypeFrames(profile), weight: 8 });
    classes.push({ arbitrary: binaryFrames(profile, side, mutated), weight: 8 });
  }
  if (profile.framing === "json-rpc") classes.push({ arbitrary: rpcFrames(profile, side), weight: 12 });
  return classes;
}

/** Keys a client may send before the session (or all, without one), less the handshake and those allowed early. */
function earlyKeys(profile: Profile, exclude: readonly string[]): string[] {
  const session = profile.descriptor.session;
  const skip = new Set([...exclude, ...(session ? [session.handshake, ...session.allowBefore] : [])]);
  return profile.client.keys.filter((key) => !skip.has(key));
}

export interface ServerStorm {
  /** Frames sent before the handshake (valid messages included: each must be refused). */
  readonly early: FuzzFrame[];
  /** Frames sent once the session is open. */
  readonly session: FuzzFrame[];
  /** Frames that may end their connection: each goes on a connection of its own. */
  readonly packets: FuzzFrame[];
}

/**
 * What attackers send a server: `total` frames over both lanes. `probeKeys`: keys whose handlers answer
 * (the bystander's probe), never sent valid.
 */
export function serverStorm(profile: Profile, seed: number, total: number, probeKeys: readonly string[]): ServerStorm {
  const classes = commonClasses(profile, "client");
  const valid = validFrames(profile, "client", earlyKeys(profile, probeKeys), "valid-before-session");
  const earlyClasses = [...classes, { arbitrary: valid, weight: 6, valid: true }];
  const half = Math.floor(total / 2);
  return {
    early: drawLane(profile, "client", earlyClasses, half, seed),
    session: drawLane(profile, "client", classes, total - half, seed + 1_000),
    packets: packetFrames(profile, seed, 100),
  };
}

export interface ClientStorm {
  readonly frames: FuzzFrame[];
  /** Frames that may end the connection: each goes to a client of its own. */
  readonly packets: FuzzFrame[];
}

/** What a hostile server sends a client. */
export function clientStorm(profile: Profile, seed: number, total: number): ClientStorm {
  return {
    frames: drawLane(profile, "server", commonClasses(profile, "server"), total, seed),
    packets: packetFrames(profile, seed, 30),
  };
}

/** Text frames that are not UTF-8 (a WebSocket peer closes with 1007), or Engine.IO junk for Socket.IO. */
function packetFrames(profile: Profile, seed: number, socketIoCount: number): FuzzFrame[] {
  if (profile.framing === "socket.io") {
    const junk = fc.sample(engineIoJunk(), { seed, numRuns: socketIoCount });
    const wrongNames = fc
      .sample(wrongTypeFrames(profile), { seed, numRuns: 10 })
      .map((frame) => ({ ...frame, expect: "either" as const }));
    return [...junk, ...wrongNames];
  }
  const invalidText = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80]].map((bad) =>
    Object.assign(
      binaryFrame("text-invalid-utf8", Buffer.concat([Buffer.from('{"a":"'), Buffer.from(bad), Buffer.from('"}')])),
      {
        binary: false,
      },
    ),
  );
  return [...invalidText, textFrame("text-empty", "", "invalid")];
}
