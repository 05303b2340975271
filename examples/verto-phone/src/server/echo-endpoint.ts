import { RTCPeerConnection, RTCRtpCodecParameters, RtpPacket } from "werift";

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

const gatheringLimitMs = 3_000;

export interface EchoEndpoint {
  /** The SDP answer, with the endpoint's ICE candidates in it (verto does not trickle). */
  readonly sdp: string;
  close(): Promise<void>;
}

/** A WebRTC endpoint that sends every audio and video packet back to the browser it came from. */
export async function answerWithEcho(sdpOffer: string): Promise<EchoEndpoint> {
  const connection = new RTCPeerConnection({ codecs });
  connection.onTransceiverAdded.subscribe((transceiver) => {
    transceiver.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        const payloadType = transceiver.sender.codec?.payloadType;
        if (payloadType === undefined) return;
        const copy = RtpPacket.deSerialize(rtp.serialize());
        copy.header.payloadType = payloadType;
        transceiver.sender.sendRtp(copy).catch(() => undefined);
      });
      // The browser's decoder asks for a key frame: ask its encoder for one.
      transceiver.sender.onPictureLossIndication.subscribe(() => {
        if (track.ssrc !== undefined) transceiver.receiver.sendRtcpPLI(track.ssrc).catch(() => undefined);
      });
    });
  });
  await connection.setRemoteDescription({ type: "offer", sdp: sdpOffer });
  for (const transceiver of connection.getTransceivers()) transceiver.direction = "sendrecv";
  await connection.setLocalDescription(await connection.createAnswer());
  if (connection.iceGatheringState !== "complete") {
    await connection.iceGatheringStateChange
      .watch((state) => state === "complete", gatheringLimitMs)
      .catch(() => undefined);
  }
  return { sdp: connection.localDescription?.sdp ?? "", close: () => connection.close() };
}
