import type { KurentoRoomClient } from "@wiretype/kurento-room/client";
import type { Candidate } from "@wiretype/kurento-room/types";

/**
 * One participant's tile and the WebRTC endpoint for it: our own upstream (send-only, our camera) or
 * their media from the media server (receive-only). SDP and candidates travel as `receiveVideoFrom`,
 * `receiveVideoAnswer`, `onIceCandidate` and `iceCandidate`, each naming this participant.
 */
export class Participant {
  readonly connection: RTCPeerConnection;
  readonly tile: HTMLElement;
  readonly #state: HTMLElement;
  readonly #pending: RTCIceCandidateInit[] = [];
  #video = true;
  #audio = true;

  constructor(
    private readonly client: KurentoRoomClient,
    readonly userId: string,
    local: MediaStream | undefined,
    iceServers: RTCIceServer[],
  ) {
    this.connection = new RTCPeerConnection({ iceServers });
    this.tile = document.createElement("figure");
    this.tile.className = "participant";
    this.tile.dataset.user = userId;
    const video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    video.muted = local !== undefined;
    this.#state = document.createElement("figcaption");
    this.tile.append(video, this.#state);
    this.#showState();
    if (local === undefined) {
      for (const kind of ["audio", "video"]) this.connection.addTransceiver(kind, { direction: "recvonly" });
      this.connection.addEventListener("track", ({ streams }) => {
        if (streams[0] !== undefined) video.srcObject = streams[0];
        else video.srcObject = new MediaStream(this.connection.getReceivers().map((receiver) => receiver.track));
      });
    } else {
      for (const track of local.getTracks()) this.connection.addTransceiver(track, { direction: "sendonly" });
      video.srcObject = local;
    }
    this.connection.addEventListener("icecandidate", ({ candidate }) => {
      if (candidate !== null && candidate.candidate !== "") this.#sendCandidate(candidate);
    });
  }

  async offer(): Promise<void> {
    await this.connection.setLocalDescription(await this.connection.createOffer());
    const sdpOffer = this.connection.localDescription?.sdp ?? "";
    this.client.send.receiveVideoFrom({ id: "receiveVideoFrom", userId: this.userId, sdpOffer });
  }

  async answered(sdpAnswer: string): Promise<void> {
    await this.connection.setRemoteDescription({ type: "answer", sdp: sdpAnswer });
    for (const candidate of this.#pending.splice(0)) await this.connection.addIceCandidate(candidate);
  }

  async addCandidate(candidate: Candidate): Promise<void> {
    const init = { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex };
    if (this.connection.remoteDescription === null) this.#pending.push(init);
    else await this.connection.addIceCandidate(init);
  }

  setState(change: { video?: boolean; audio?: boolean }): void {
    this.#video = change.video ?? this.#video;
    this.#audio = change.audio ?? this.#audio;
    this.#showState();
  }

  close(): void {
    this.connection.close();
    this.tile.remove();
  }

  #showState(): void {
    this.tile.dataset.video = String(this.#video);
    this.tile.dataset.audio = String(this.#audio);
    this.#state.textContent = `${this.userId} · camera ${this.#video ? "on" : "off"} · mic ${this.#audio ? "on" : "off"}`;
  }

  #sendCandidate(candidate: RTCIceCandidate): void {
    this.client.send.onIceCandidate({
      id: "onIceCandidate",
      userId: this.userId,
      candidate: {
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? "0",
        sdpMLineIndex: candidate.sdpMLineIndex ?? 0,
      },
    });
  }
}
