import { defaultFrameLimits, type FrameLimits, nestingExceeds, scansFrames } from "./frame-bounds.js";
import { type FrameError, frameError } from "./frame-error.js";

/** What a transport hands over: a text frame, or a binary frame holding UTF-8 JSON. */
export type RawFrame = string | ArrayBuffer | ArrayBufferView;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The frame's text; binary frames are decoded as UTF-8 (some clients send JSON in binary frames). */
export function frameText(frame: RawFrame): string | FrameError {
  if (typeof frame === "string") return frame;
  try {
    return ArrayBuffer.isView(frame)
      ? utf8.decode(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength))
      : utf8.decode(new Uint8Array(frame));
  } catch {
    return frameError("invalid-utf8", "binary frame is not valid UTF-8", frame);
  }
}

/** Why a frame was refused, as `readFrame` returns it: never confused with a value, which JSON.parse never makes a class instance. */
export class FrameRefusal {
  constructor(readonly error: FrameError) {}
}

/**
 * Parses a frame's JSON within the limits (length, then nesting, before anything recursive), or says
 * why not. The per-frame form: the value itself, or a `FrameRefusal` (no result object per frame).
 */
export function readFrame(frame: RawFrame, limits: FrameLimits = defaultFrameLimits): unknown {
  const text = typeof frame === "string" ? frame : frameText(frame);
  if (typeof text !== "string") return new FrameRefusal(text);
  if (text.length > limits.maxLength) {
    const summary = `frame of ${text.length} characters exceeds the limit of ${limits.maxLength}`;
    return new FrameRefusal(frameError("too-large", summary, text));
  }
  // JSON that parses closes every bracket it opens, so nesting past maxDepth needs 2 × (maxDepth + 1)
  // characters: a shorter frame is parsed first (JSON.parse copes with any depth) and scanned only if
  // that fails, to refuse it as too deep rather than malformed, as a longer one would be.
  // Limits bounding recursion only (clients) leave depth to what recurses: no scan of a frame that parses.
  const short = text.length < 2 * (limits.maxDepth + 1);
  if (!short && scansFrames(limits) && nestingExceeds(text, limits.maxDepth)) return tooDeep(text, limits);
  try {
    return JSON.parse(text);
  } catch (cause) {
    if ((short || !scansFrames(limits)) && nestingExceeds(text, limits.maxDepth)) return tooDeep(text, limits);
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new FrameRefusal(frameError("malformed-json", `frame is not JSON: ${reason}`, text));
  }
}

/** `readFrame` with its outcome in a result object. */
export function parseFrame(
  frame: RawFrame,
  limits: FrameLimits = defaultFrameLimits,
): { ok: true; value: unknown } | { ok: false; error: FrameError } {
  const value = readFrame(frame, limits);
  return value instanceof FrameRefusal ? { ok: false, error: value.error } : { ok: true, value };
}

function tooDeep(text: string, limits: FrameLimits): FrameRefusal {
  const summary = `frame nests deeper than the limit of ${limits.maxDepth}`;
  return new FrameRefusal(frameError("too-deep", summary, text));
}
