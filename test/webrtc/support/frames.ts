import type { Page } from "playwright-core";

export type Frame = Record<string, unknown>;

/** Every JSON frame the page's WebSockets sent and received, as the browser saw them. */
export interface PageFrames {
  readonly sent: Frame[];
  readonly received: Frame[];
}

export function recordFrames(page: Page): PageFrames {
  const frames: PageFrames = { sent: [], received: [] };
  page.on("websocket", (socket) => {
    socket.on("framesent", ({ payload }) => frames.sent.push(parse(payload)));
    socket.on("framereceived", ({ payload }) => frames.received.push(parse(payload)));
  });
  return frames;
}

function parse(payload: string | Buffer): Frame {
  try {
    return JSON.parse(String(payload)) as Frame;
  } catch {
    return { unparsed: String(payload) };
  }
}

/** Frames whose `field` is `value` (voxy `action`, kurento `id`, verto `method`). */
export function framesWith(frames: readonly Frame[], field: string, value: string): Frame[] {
  return frames.filter((frame) => frame[field] === value);
}
