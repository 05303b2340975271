import { RTCPeerConnection, RTCRtpCodecParameters } from "werift";
import type { IceCandidateInit, MediaServer } from "./media-server.js";
import { Publisher } from "./werift-publisher.js";

/** One codec per kind, so that every endpoint speaks what every other sends (no transcoding here). */
const codecs = {
  audio: [new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48_000, channels: 2 })],
  video: [
    new RTCRtpCodecParameters({
      mimeType: "video/VP8",
      clockRate: 90_000,
      rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "goog-remb" }],
    }),
  ],
};

const endpointKey = (viewer: string, sender: string) => `${viewer}\u0000${sender}`;

/**
 * A selective forwarding unit on werift (WebRTC in Node): one peer connection per `receiveVideoFrom`,
 * packets copied from a participant's upstream to each viewer's downstream, nothing decoded.
 */
export class WeriftSfu implements MediaServer {
  readonly #endpoints = new Map<string, RTCPeerConnection>();
  readonly #publishers = new Map<string, Publisher>();
  /** Browser candidates that came before their endpoint had the offer (trickle races the offer's handling). */
  readonly #earlyCandidates = new Map<string, IceCandidateInit[]>();

  constructor(private readonly iceServers: { urls: string }[] = []) {}

  async connect(
    viewer: string,
    sender: string,
    sdpOffer: string,
    onCandidate: (candidate: IceCandidateInit) => void,
  ): Promise<string> {
    await this.#closeEndpoint(endpointKey(viewer, sender));
    const endpoint = new RTCPeerConnection({ codecs, iceServers: this.iceServers });
    this.#endpoints.set(endpointKey(viewer, sender), endpoint);
    endpoint.onIceCandidate.subscribe((candidate) => {
      const json = candidate?.toJSON();
      if (json === undefined || json.candidate === "") return;
      onCandidate({ candidate: json.candidate, sdpMid: json.sdpMid ?? "0", sdpMLineIndex: json.sdpMLineIndex ?? 0 });
    });
    const publisher = this.#publisher(sender);
    if (viewer === sender) {
      endpoint.onTransceiverAdded.subscribe((transceiver) => {
        transceiver.onTrack.subscribe((track) => publisher.addSource(transceiver, track));
      });
    }
    await endpoint.setRemoteDescription({ type: "offer", sdp: sdpOffer });
    const early = this.#earlyCandidates.get(endpointKey(viewer, sender)) ?? [];
    this.#earlyCandidates.delete(endpointKey(viewer, sender));
    if (viewer !== sender) {
      for (const transceiver of endpoint.getTransceivers()) {
        transceiver.direction = "sendonly";
        publisher.subscribe(transceiver.kind === "audio" ? "audio" : "video", transceiver.sender);
      }
      endpoint.connectionStateChange.subscribe((state) => {
        if (state === "connected") publisher.requestKeyFrame();
      });
    }
    const answer = await endpoint.createAnswer();
    await endpoint.setLocalDescription(answer);
    for (const candidate of early) await endpoint.addIceCandidate(candidate);
    return endpoint.localDescription?.sdp ?? answer.sdp;
  }

  async addCandidate(viewer: string, sender: string, candidate: IceCandidateInit): Promise<void> {
    const key = endpointKey(viewer, sender);
    const endpoint = this.#endpoints.get(key);
    if (endpoint?.remoteDescription) return endpoint.addIceCandidate(candidate);
    this.#earlyCandidates.set(key, [...(this.#earlyCandidates.get(key) ?? []), candidate]);
  }

  async leave(user: string): Promise<void> {
    this.#publishers.get(user)?.stop();
    this.#publishers.delete(user);
    for (const key of this.#earlyCandidates.keys())
      if (key.split("\u0000").includes(user)) this.#earlyCandidates.delete(key);
    const keys = [...this.#endpoints.keys()].filter((key) => key.split("\u0000").includes(user));
    await Promise.all(keys.map((key) => this.#closeEndpoint(key)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.#publishers.keys()].map((user) => this.leave(user)));
  }

  /** RTP packets copied to viewers so far, over every participant. */
  get forwardedPackets(): number {
    let total = 0;
    for (const publisher of this.#publishers.values()) total += publisher.forwardedPackets;
    return total;
  }

  #publisher(user: string): Publisher {
    const existing = this.#publishers.get(user);
    if (existing !== undefined) return existing;
    const created = new Publisher();
    this.#publishers.set(user, created);
    return created;
  }

  async #closeEndpoint(key: string): Promise<void> {
    const endpoint = this.#endpoints.get(key);
    this.#endpoints.delete(key);
    if (endpoint === undefined) return;
    const [viewer, sender] = key.split("\u0000");
    if (viewer !== sender && sender !== undefined) {
      const publisher = this.#publishers.get(sender);
      for (const transceiver of endpoint.getTransceivers()) publisher?.unsubscribe(transceiver.sender);
    }
    await endpoint.close();
  }
}
