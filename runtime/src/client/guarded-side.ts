import type { z } from "zod";
import type { FrameError } from "../frame-error.js";
import type { ClientSideDescriptor, FramingDescriptor, SideDescriptor } from "../protocol.js";
import type { LooseMessages } from "./loose.js";

/**
 * Stands in for a zod schema the client has not loaded. Dispatch consults a schema only after the
 * compiled guard refused the value, to say what is wrong; this one refuses too, with no issue, and the
 * client then explains the frame with the real schemas (`Explainer`).
 */
const unexplained = {
  safeParse: () => ({ success: false, error: { issues: [] } }),
} as unknown as z.ZodType;

/** One side as the runtime's dispatch takes it: its guards decide, its schemas wait to be loaded. */
export function guardedSide(side: ClientSideDescriptor<LooseMessages>): SideDescriptor<LooseMessages> {
  const schemas = Object.fromEntries(Object.keys(side.guards).map((key) => [key, unexplained]));
  return { ...side, schemas, replies: {} };
}

/** Whether a guard-only dispatch's refusal lacks what zod would say (which member is wrong, and how). */
export function needsExplanation(error: FrameError, framing: FramingDescriptor): boolean {
  if (error.kind === "invalid-message") return true;
  // Frames told apart by shape: "unknown" names the closest message, which takes the schemas.
  return error.kind === "unknown-message" && framing.kind === "json-shape";
}
