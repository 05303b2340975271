import type { CallView } from "./call.js";
import { byId } from "./dom.js";

const labels: Record<CallView["phase"], (view: CallView) => string> = {
  idle: () => "idle",
  calling: (view) => `calling ${view.peer}…`,
  ringing: (view) => `${view.peer} is calling`,
  connecting: (view) => `connecting to ${view.peer}…`,
  "in-call": (view) => `in call with ${view.peer}`,
  ended: (view) => `ended: ${view.reason}`,
};

/** Shows the call's phase (also as `data-state`, for styling), its buttons and both videos. */
export function showCall(view: CallView, remote?: MediaStream, local?: MediaStream): void {
  const section = byId<HTMLElement>("call");
  section.dataset.state = view.phase;
  byId<HTMLOutputElement>("call-state").value = labels[view.phase](view);
  byId<HTMLElement>("incoming").hidden = view.phase !== "ringing";
  byId<HTMLButtonElement>("hang-up").hidden = !["calling", "connecting", "in-call"].includes(view.phase);
  const remoteVideo = byId<HTMLVideoElement>("remote");
  const localVideo = byId<HTMLVideoElement>("local");
  if (remote !== undefined) remoteVideo.srcObject = remote;
  if (local !== undefined) localVideo.srcObject = local;
  if (view.phase === "ended" || view.phase === "idle") {
    remoteVideo.srcObject = null;
    localVideo.srcObject = null;
  }
}
