import type { VoxyClient } from "@wiretype/voxy/client";
import type { RemoteDescriptionField } from "@wiretype/voxy/types";

export interface PeerEvents {
  remoteStream(stream: MediaStream): void;
  connected(): void;
  failed(): void;
}

/**
 * One RTCPeerConnection whose offer, answer and ICE candidates travel as voxy `client_offer`,
 * `client_answer` and `client_candidate` frames, relayed by the server to `peer`.
 */
export class PeerLink {
  readonly connection: RTCPeerConnection;
  readonly #pendingCandidates: RTCIceCandidateInit[] = [];

  constructor(
    private readonly client: VoxyClient,
    private readonly self: string,
    private readonly peer: string,
    iceServers: RTCIceServer[],
    local: MediaStream,
    events: PeerEvents,
  ) {
    this.connection = new RTCPeerConnection({ iceServers });
    for (const track of local.getTracks()) this.connection.addTrack(track, local);
    this.connection.addEventListener("icecandidate", ({ candidate }) => {
      if (candidate !== null && candidate.candidate !== "") this.#sendCandidate(candidate);
    });
    this.connection.addEventListener("track", ({ streams }) => {
      if (streams[0] !== undefined) events.remoteStream(streams[0]);
    });
    this.connection.addEventListener("connectionstatechange", () => {
      if (this.connection.connectionState === "connected") events.connected();
      if (this.connection.connectionState === "failed") events.failed();
    });
  }

  /** Caller side, once the callee accepted. */
  async offer(): Promise<void> {
    await this.connection.setLocalDescription(await this.connection.createOffer());
    const info = this.#localDescription();
    this.client.send.clientOffer({ action: "client_offer", user_id: this.self, to_userid: this.peer, info });
  }

  /** Callee side: answers the caller's offer. */
  async answer(offer: RemoteDescriptionField): Promise<void> {
    await this.#setRemote(offer);
    await this.connection.setLocalDescription(await this.connection.createAnswer());
    const info = this.#localDescription();
    this.client.send.clientAnswer({ action: "client_answer", user_id: this.self, to_userid: this.peer, info });
  }

  async accept(answer: RemoteDescriptionField): Promise<void> {
    await this.#setRemote(answer);
  }

  /** Candidates can arrive before the remote description: they wait for it. */
  async addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (this.connection.remoteDescription === null) this.#pendingCandidates.push(candidate);
    else await this.connection.addIceCandidate(candidate);
  }

  close(): void {
    this.connection.close();
  }

  async #setRemote(field: RemoteDescriptionField): Promise<void> {
    // The document's own form is a string (the description as JSON); browsers send the object.
    const description = typeof field === "string" ? (JSON.parse(field) as RTCSessionDescriptionInit) : field;
    await this.connection.setRemoteDescription(description);
    for (const candidate of this.#pendingCandidates.splice(0)) await this.connection.addIceCandidate(candidate);
  }

  #localDescription(): { type: RTCSdpType; sdp: string } {
    const local = this.connection.localDescription;
    if (local === null) throw new Error("no local description");
    return { type: local.type, sdp: local.sdp };
  }

  #sendCandidate(candidate: RTCIceCandidate): void {
    this.client.send.clientCandidate({
      action: "client_candidate",
      user_id: this.self,
      to_userid: this.peer,
      ice_sdp: candidate.candidate,
      ice_index: candidate.sdpMLineIndex ?? 0,
      ice_mid: candidate.sdpMid ?? "0",
    });
  }
}
