/** What a receiver must do with a frame: refuse it (error / `invalid`), ignore it, or either refuse or accept it. */
export type Expect = "invalid" | "ignored" | "either";

/** One generated frame, as it goes on the wire. */
export interface FuzzFrame {
  /** The frame class, for the per-class figures. */
  readonly cls: string;
  readonly data: string | Buffer;
  readonly binary: boolean;
  readonly expect: Expect;
}

export function textFrame(cls: string, data: string, expect: Expect = "invalid"): FuzzFrame {
  return { cls, data, binary: false, expect };
}

export function binaryFrame(cls: string, data: Buffer, expect: Expect = "invalid"): FuzzFrame {
  return { cls, data, binary: true, expect };
}

export function frameBytes(frame: FuzzFrame): number {
  return typeof frame.data === "string" ? Buffer.byteLength(frame.data) : frame.data.byteLength;
}

/** Frames per class, for the printed figures. */
export function classCounts(frames: readonly FuzzFrame[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const frame of frames) counts[frame.cls] = (counts[frame.cls] ?? 0) + 1;
  return counts;
}
