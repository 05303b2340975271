import type { CallRemoteCallbackPush, ClientCandidatePush } from "@wiretype/voxy/types";
import { callDecision, callRequest, hangUpMessage } from "./call-messages.js";
import { PeerLink } from "./peer.js";
import type { Session } from "./session.js";

export type CallPhase = "idle" | "calling" | "ringing" | "connecting" | "in-call" | "ended";

export interface CallView {
  phase: CallPhase;
  peer?: string;
  /** Why the last call ended (shown with phase `ended`). */
  reason?: string;
}

/** Why a call ended, by the `used_phone` the server reported to this side. */
const outcomes: Readonly<Record<number, string>> = { 2: "busy", 3: "rejected", 4: "not online" };

/** One call at a time: voxy's call_remote / call_remote_callback / cancel_phone flow, media through PeerLink. */
export class CallController {
  #view: CallView = { phase: "idle" };
  #link: PeerLink | undefined;
  #local: MediaStream | undefined;
  #startedAt = 0;

  constructor(
    private readonly session: Session,
    private readonly show: (view: CallView, remote?: MediaStream, local?: MediaStream) => void,
  ) {
    const { client } = session;
    client.on("call_remote_callback", (notice) => void this.#onNotice(notice).catch((error) => this.#fail(error)));
    client.on("client_offer", (offer) => void this.#onOffer(offer.user_id, offer.info).catch((e) => this.#fail(e)));
    client.on("client_answer", (answer) => {
      if (this.#isPeer(answer.user_id ?? "")) void this.#link?.accept(answer.info).catch((error) => this.#fail(error));
    });
    client.on("client_candidate", (candidate) => void this.#onCandidate(candidate).catch((e) => this.#fail(e)));
    client.on("cancel_phone", (hangUp) => {
      if (this.#isPeer(hangUp.user_id ?? "")) this.#end(`hung up by ${hangUp.user_id}`);
    });
  }

  get free(): boolean {
    return this.#view.phase === "idle" || this.#view.phase === "ended";
  }

  async call(peer: string): Promise<void> {
    if (!this.free) return;
    this.#local = await openCamera();
    this.#set({ phase: "calling", peer });
    this.session.client.send.callRemote(callRequest(this.session.user, peer, 1));
  }

  /** Caller: withdraw the call before it is answered. Anyone in a call: hang up. */
  hangUp(): void {
    const { phase, peer } = this.#view;
    if (peer === undefined || this.free) return;
    const { client, user } = this.session;
    if (phase === "calling") client.send.callRemote(callRequest(user, peer, 0));
    else if (phase === "ringing") client.send.callRemoteCallback(callDecision(user, peer, 0));
    else client.send.cancelPhone(hangUpMessage(user, peer, (performance.now() - this.#startedAt) / 1000));
    this.#end(phase === "calling" ? "cancelled" : phase === "ringing" ? "rejected" : "hung up");
  }

  async accept(): Promise<void> {
    const { phase, peer } = this.#view;
    if (phase !== "ringing" || peer === undefined) return;
    // The document's ps3: check for media devices at the moment of agreeing.
    this.#local = await openCamera();
    this.#link = this.#linkTo(peer, this.#local);
    this.#set({ phase: "connecting", peer });
    this.session.client.send.callRemoteCallback(callDecision(this.session.user, peer, 1));
  }

  async #onNotice(notice: CallRemoteCallbackPush): Promise<void> {
    const from = notice.user_id ?? "";
    if (notice.used_phone === 0 && this.free) return this.#set({ phase: "ringing", peer: from });
    if (!this.#isPeer(from)) return;
    if (notice.used_phone === 1 && this.#view.phase === "calling" && this.#local !== undefined) {
      this.#link = this.#linkTo(from, this.#local);
      this.#set({ phase: "connecting", peer: from });
      return this.#link.offer();
    }
    const outcome = outcomes[notice.used_phone];
    if (outcome !== undefined) this.#end(this.#view.phase === "ringing" ? "cancelled by caller" : outcome);
  }

  async #onOffer(from: string | undefined, info: Parameters<PeerLink["answer"]>[0]): Promise<void> {
    if (from !== undefined && this.#isPeer(from)) await this.#link?.answer(info);
  }

  async #onCandidate(candidate: ClientCandidatePush): Promise<void> {
    if (candidate.user_id === undefined || !this.#isPeer(candidate.user_id)) return;
    await this.#link?.addCandidate({
      candidate: candidate.ice_sdp,
      sdpMLineIndex: candidate.ice_index,
      sdpMid: candidate.ice_mid,
    });
  }

  #linkTo(peer: string, local: MediaStream): PeerLink {
    return new PeerLink(this.session.client, this.session.user, peer, this.session.iceServers(), local, {
      remoteStream: (stream) => this.show(this.#view, stream, local),
      connected: () => {
        this.#startedAt = performance.now();
        this.#set({ phase: "in-call", peer });
      },
      failed: () => this.hangUp(),
    });
  }

  #isPeer(user: string): boolean {
    return !this.free && this.#view.peer === user;
  }

  #end(reason: string): void {
    this.#link?.close();
    this.#link = undefined;
    for (const track of this.#local?.getTracks() ?? []) track.stop();
    this.#local = undefined;
    this.#set({ phase: "ended", reason });
  }

  #fail(error: unknown): void {
    console.warn("call failed:", error);
    if (!this.free) this.hangUp();
  }

  #set(view: CallView): void {
    this.#view = view;
    this.show(view, undefined, this.#local);
  }
}

async function openCamera(): Promise<MediaStream> {
  if (navigator.mediaDevices === undefined) throw new Error("this page needs camera access (https or localhost)");
  return navigator.mediaDevices.getUserMedia({ audio: true, video: true });
}
