/**
 * The seam between the signalling server and the media server. Kurento's design puts a media server
 * behind the room server: each `receiveVideoFrom` becomes one WebRTC endpoint there (the sender's own
 * upstream, or a viewer's downstream of another participant). `werift-sfu.ts` implements it in-process;
 * the README shows the same four calls on Kurento Media Server through `kurento-client`.
 */
export interface IceCandidateInit {
  readonly candidate: string;
  readonly sdpMid: string;
  readonly sdpMLineIndex: number;
}

export interface MediaServer {
  /**
   * Opens the endpoint through which `viewer` sends its own media (`sender === viewer`, a send-only
   * offer) or receives `sender`'s (a receive-only offer). Resolves with the SDP answer; the media
   * server's ICE candidates for that endpoint arrive through `onCandidate`.
   */
  connect(
    viewer: string,
    sender: string,
    sdpOffer: string,
    onCandidate: (candidate: IceCandidateInit) => void,
  ): Promise<string>;
  /** A candidate of the browser for the endpoint `viewer` → `sender`. */
  addCandidate(viewer: string, sender: string, candidate: IceCandidateInit): Promise<void>;
  /** Closes every endpoint `user` sends or receives through. */
  leave(user: string): Promise<void>;
  close(): Promise<void>;
}
