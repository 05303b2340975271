import type { ArrivedMember, Member } from "@wiretype/kurento-room/types";
import { byId } from "./dom.js";
import { Participant } from "./participant.js";
import type { RoomSession } from "./session.js";

/** "true"/"false" strings as the document's tables type some states, booleans as its examples send. */
const isOn = (value: boolean | "true" | "false") => value === true || value === "true";

/** The room as this page sees it: our upstream and one receive-only endpoint per other participant. */
export class Room {
  readonly #participants = new Map<string, Participant>();
  #local: MediaStream | undefined;

  constructor(private readonly session: RoomSession) {
    const { client } = session;
    client.on("existingParticipants", ({ members }) => void this.#enter(members).catch(warn));
    client.on("newParticipantArrived", ({ member }) => void this.#arrived(member).catch(warn));
    client.on("receiveVideoAnswer", ({ userId, sdpAnswer }) => {
      void this.#participants.get(userId)?.answered(sdpAnswer).catch(warn);
    });
    client.on("iceCandidate", ({ userId, candidate }) => {
      void this.#participants.get(userId)?.addCandidate(candidate).catch(warn);
    });
    client.on("participantLeft", ({ userId }) => this.#left(userId));
    client.on("videoStateAnswer", ({ userId, video }) => this.#participants.get(userId)?.setState({ video }));
    client.on("audioStateAnswer", ({ userId, audio }) => this.#participants.get(userId)?.setState({ audio }));
  }

  /** Camera or microphone on/off: the track stops sending, and the room hears about it. */
  toggle(kind: "video" | "audio"): boolean {
    const tracks = kind === "video" ? this.#local?.getVideoTracks() : this.#local?.getAudioTracks();
    const on = !(tracks?.[0]?.enabled ?? true);
    for (const track of tracks ?? []) track.enabled = on;
    const { client, user } = this.session;
    if (kind === "video") client.send.videoStateFrom({ id: "videoStateFrom", userId: user, video: on });
    else client.send.audioStateFrom({ id: "audioStateFrom", userId: user, audio: on });
    return on;
  }

  async leave(): Promise<void> {
    await this.session.client.request.leaveRoom({ id: "leaveRoom" }, { timeoutMs: 3_000 }).catch(warn);
    for (const participant of this.#participants.values()) participant.close();
    this.#participants.clear();
    for (const track of this.#local?.getTracks() ?? []) track.stop();
    await this.session.client.close();
  }

  async #enter(members: readonly Member[]): Promise<void> {
    this.#local = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    await this.#add(this.session.user, this.#local).offer();
    for (const member of members) {
      const participant = this.#add(member.userId, undefined);
      participant.setState({ video: member.video, audio: member.audio });
      await participant.offer();
    }
  }

  async #arrived(member: ArrivedMember): Promise<void> {
    const participant = this.#add(member.userId, undefined);
    participant.setState({ video: isOn(member.video), audio: isOn(member.audio) });
    await participant.offer();
  }

  #add(userId: string, local: MediaStream | undefined): Participant {
    this.#participants.get(userId)?.close();
    const participant = new Participant(this.session.client, userId, local, []);
    this.#participants.set(userId, participant);
    byId<HTMLElement>("participants").append(participant.tile);
    return participant;
  }

  #left(userId: string): void {
    this.#participants.get(userId)?.close();
    this.#participants.delete(userId);
  }
}

function warn(error: unknown): void {
  console.warn("room:", error);
}
