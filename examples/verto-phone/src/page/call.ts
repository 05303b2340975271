import type { VertoByePushParams } from "@wiretype/verto/types";
import type { VertoSession } from "./session.js";

export type PhonePhase = "idle" | "dialing" | "early-media" | "answered" | "ended";

export interface PhoneView {
  readonly phase: PhonePhase;
  readonly detail?: string;
  readonly remote?: MediaStream | null;
  readonly local?: MediaStream | null;
}

/** How long to wait for ICE gathering: verto sends the SDP once, candidates included (no trickle). */
const gatheringLimitMs = 3_000;

/** One call at a time: `verto.invite`, then the server's `verto.media`, `verto.answer`, `verto.bye`. */
export class Phone {
  #callID: string | undefined;
  #connection: RTCPeerConnection | undefined;
  #local: MediaStream | undefined;
  #phase: PhonePhase = "idle";

  constructor(
    private readonly session: VertoSession,
    private readonly render: (view: PhoneView) => void,
  ) {
    const { client } = session;
    client.on("verto.media", ({ callID, sdp }) => {
      if (callID === this.#callID) void this.#remoteAnswer(sdp, "early-media").catch((e) => this.#fail(e));
    });
    client.on("verto.answer", ({ callID, sdp }) => {
      if (callID !== this.#callID) return;
      if (sdp !== undefined && this.#connection?.remoteDescription === null) {
        void this.#remoteAnswer(sdp, "answered").catch((e) => this.#fail(e));
      } else this.show({ phase: "answered" });
    });
    client.on("verto.display", ({ callID, display_name }) => {
      if (callID === this.#callID) this.show({ phase: "answered", detail: display_name ?? "" });
    });
    client.on("verto.bye", (bye) => {
      if (bye.callID === this.#callID) this.#end(describe(bye));
    });
  }

  async call(destination: string): Promise<void> {
    if (this.#callID !== undefined) return;
    const callID = crypto.randomUUID();
    this.#callID = callID;
    this.show({ phase: "dialing", detail: destination });
    this.#local = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    const connection = new RTCPeerConnection({ iceServers: [] });
    this.#connection = connection;
    for (const track of this.#local.getTracks()) connection.addTrack(track, this.#local);
    connection.addEventListener("track", ({ streams }) => this.show({ phase: "answered", remote: streams[0] ?? null }));
    await connection.setLocalDescription(await connection.createOffer());
    await gatheringComplete(connection);
    this.show({ phase: "dialing", detail: destination, local: this.#local });
    const { sessid, login } = this.session;
    const dialogParams = { callID, destination_number: destination, caller_id_name: login, useVideo: true };
    await this.session.client.request.vertoInvite({
      sdp: connection.localDescription?.sdp ?? "",
      dialogParams,
      sessid,
    });
  }

  async hangUp(): Promise<void> {
    const callID = this.#callID;
    if (callID === undefined) return;
    this.#end("hung up");
    const bye = { dialogParams: { callID }, sessid: this.session.sessid, cause: "NORMAL_CLEARING", causeCode: 16 };
    await this.session.client.request.vertoBye(bye).catch(() => undefined);
  }

  async #remoteAnswer(sdp: string, phase: PhonePhase): Promise<void> {
    await this.#connection?.setRemoteDescription({ type: "answer", sdp });
    // verto.answer may have come while the SDP was being applied: never go back from answered.
    if (this.#phase === "dialing" || phase === "answered") this.show({ phase });
  }

  private show(view: PhoneView): void {
    this.#phase = view.phase;
    this.render(view);
  }

  #end(reason: string): void {
    this.#connection?.close();
    for (const track of this.#local?.getTracks() ?? []) track.stop();
    this.#connection = undefined;
    this.#local = undefined;
    this.#callID = undefined;
    this.show({ phase: "ended", detail: reason, remote: null, local: null });
  }

  #fail(error: unknown): void {
    console.warn("call failed:", error);
    void this.hangUp();
  }
}

function describe(bye: VertoByePushParams): string {
  return `ended by the other side (${bye.cause ?? "no cause"})`;
}

function gatheringComplete(connection: RTCPeerConnection): Promise<void> {
  if (connection.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (connection.iceGatheringState !== "complete") return;
      connection.removeEventListener("icegatheringstatechange", done);
      resolve();
    };
    connection.addEventListener("icegatheringstatechange", done);
    setTimeout(resolve, gatheringLimitMs);
  });
}
