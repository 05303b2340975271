import type { MediaStreamTrack, RTCRtpReceiver, RTCRtpSender, RTCRtpTransceiver } from "werift";

type Kind = "audio" | "video";

interface Source {
  readonly track: MediaStreamTrack;
  readonly receiver: RTCRtpReceiver;
}

/**
 * One participant's upstream tracks and everyone who watches them: each RTP packet goes to every
 * subscribed sender (which sends a copy with its own SSRC and negotiated payload type), and a viewer's
 * picture-loss request (a newcomer needs a key frame) goes back to the participant's browser.
 */
export class Publisher {
  readonly #sources = new Map<Kind, Source>();
  readonly #waiting = new Map<Kind, Set<RTCRtpSender>>();
  /** What stops copying to each viewer's sender: dropped when that viewer's endpoint closes. */
  readonly #forwards = new Map<RTCRtpSender, () => void>();
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

  /**
   * A viewer's endpoint closed: stop copying to its sender. Without this every packet would still be
   * copied for each viewer that ever left, work that grows with each leave and competes with the live
   * viewers' packets when the machine is busy.
   */
  unsubscribe(sender: RTCRtpSender): void {
    this.#forwards.get(sender)?.();
    this.#forwards.delete(sender);
    for (const waiting of this.#waiting.values()) waiting.delete(sender);
  }

  /**
   * Asks the participant's browser for a key frame. A viewer can decode nothing before one, and the
   * request made when it subscribed came before its endpoint was connected, so that key frame never
   * reached it: ask again once it is (the viewer's own requests come later, and slower under load).
   */
  requestKeyFrame(): void {
    const video = this.#sources.get("video");
    if (video?.track.ssrc !== undefined) video.receiver.sendRtcpPLI(video.track.ssrc).catch(() => undefined);
  }

  stop(): void {
    for (const stop of this.#forwards.values()) stop();
    this.#forwards.clear();
    this.#waiting.clear();
  }

  #forward(kind: Kind, sender: RTCRtpSender): void {
    const source = this.#sources.get(kind);
    if (source === undefined) return;
    const { unSubscribe } = source.track.onReceiveRtp.subscribe((rtp) => {
      if (sender.codec === undefined) return;
      this.forwardedPackets += 1;
      // sendRtp copies the packet and writes the viewer's own SSRC and payload type into the copy.
      sender.sendRtp(rtp).catch(() => undefined);
    });
    const pli = sender.onPictureLossIndication.subscribe(() => this.requestKeyFrame());
    this.#forwards.get(sender)?.();
    this.#forwards.set(sender, () => {
      unSubscribe();
      pli.unSubscribe();
    });
  }
}
