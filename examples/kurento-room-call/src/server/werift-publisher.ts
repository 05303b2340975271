import type { MediaStreamTrack, RTCRtpReceiver, RTCRtpSender, RTCRtpTransceiver } from "werift";
import { RtpPacket } from "werift";

type Kind = "audio" | "video";

interface Source {
  readonly track: MediaStreamTrack;
  readonly receiver: RTCRtpReceiver;
}

/**
 * One participant's upstream tracks and everyone who watches them: each RTP packet is copied to every
 * subscribed sender with that sender's negotiated payload type, and a viewer's picture-loss request
 * (a newcomer needs a key frame) goes back to the participant's browser.
 */
export class Publisher {
  readonly #sources = new Map<Kind, Source>();
  readonly #waiting = new Map<Kind, Set<RTCRtpSender>>();
  readonly #stops = new Set<() => void>();
  /** RTP packets copied to viewers since start (for the CPU figures). */
  forwardedPackets = 0;

  /** A track arrived on the participant's send-only endpoint. */
  addSource(transceiver: RTCRtpTransceiver, track: MediaStreamTrack): void {
    const kind = track.kind as Kind;
    this.#sources.set(kind, { track, receiver: transceiver.receiver });
    for (const sender of this.#waiting.get(kind) ?? []) this.#forward(kind, sender);
    this.#waiting.delete(kind);
  }

  /** Sends this participant's `kind` track through `sender` (now, or once the track arrives). */
  subscribe(kind: Kind, sender: RTCRtpSender): void {
    if (this.#sources.has(kind)) {
      this.#forward(kind, sender);
      return;
    }
    const waiting = this.#waiting.get(kind) ?? new Set<RTCRtpSender>();
    waiting.add(sender);
    this.#waiting.set(kind, waiting);
  }

  stop(): void {
    for (const stop of this.#stops) stop();
    this.#stops.clear();
  }

  #forward(kind: Kind, sender: RTCRtpSender): void {
    const source = this.#sources.get(kind);
    if (source === undefined) return;
    const { unSubscribe } = source.track.onReceiveRtp.subscribe((rtp) => {
      const payloadType = sender.codec?.payloadType;
      if (payloadType === undefined) return;
      const copy = RtpPacket.deSerialize(rtp.serialize());
      copy.header.payloadType = payloadType;
      this.forwardedPackets += 1;
      sender.sendRtp(copy).catch(() => undefined);
    });
    const askKeyFrame = () => {
      if (source.track.ssrc !== undefined) source.receiver.sendRtcpPLI(source.track.ssrc).catch(() => undefined);
    };
    const pli = sender.onPictureLossIndication.subscribe(askKeyFrame);
    askKeyFrame();
    this.#stops.add(() => {
      unSubscribe();
      pli.unSubscribe();
    });
  }
}
