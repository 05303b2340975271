import { createKurentoRoomServer } from "@wiretype/kurento-room/server";
import { createVertoServer } from "@wiretype/verto/server";
import { createVoxyServer } from "@wiretype/voxy/server";
import { describe, expect, it } from "vitest";
import { expectNear, onCleanup, Peer, settle } from "./support.js";

/** Scaled down from the 10 s default so the test is short; defaults.test.ts checks the default. */
const handshakeTimeoutMs = 800;
/** The close code of a connection whose session did not open in time. */
const handshakeTimeoutCode = 4001;

interface Subject {
  readonly name: string;
  start(): Promise<number>;
  /** The spec's handshake, accepted (insecureDevelopmentMode). */
  readonly handshake: unknown;
  /** The frame that says the session opened. */
  accepted(frame: Record<string, unknown>): boolean;
  /** A valid frame that is not the handshake (keeps any heartbeat happy). */
  readonly chatter?: unknown;
}

const options = { handshakeTimeoutMs, insecureDevelopmentMode: true } as const;

async function listening(server: { listen(): Promise<{ port: number }>; close(): Promise<void> }) {
  onCleanup(() => server.close());
  return (await server.listen()).port;
}

const subjects: Subject[] = [
  {
    name: "kurento-room",
    start: () => listening(createKurentoRoomServer(options)),
    handshake: {
      id: "joinRoom",
      token: "t",
      userId: "u-1",
      communityId: "1",
      roomId: "c-1",
      video: false,
      audio: false,
    },
    accepted: (frame) => frame.id === "existingParticipants",
  },
  {
    name: "verto",
    start: () => listening(createVertoServer(options)),
    handshake: { jsonrpc: "2.0", id: 1, method: "login", params: { login: "1000", passwd: "pw", sessid: "s-1" } },
    accepted: (frame) => frame.id === 1 && frame.result !== undefined,
  },
  {
    name: "voxy",
    start: () => listening(createVoxyServer(options)),
    handshake: { action: "bind", user_id: "1", user_img: "", user_name: "u", link_id: 2, to_userid: "-1" },
    accepted: (frame) => frame.action === "bind",
    chatter: { action: "ping", link_id: "2" },
  },
];

describe.each(subjects)("liveness, handshake timeout: $name", (subject) => {
  it("closes a connection that never opens its session with 4001 at the handshake timeout", async () => {
    const peer = await Peer.open(`ws://127.0.0.1:${await subject.start()}/`);
    if (subject.chatter !== undefined) peer.repeat(() => subject.chatter, 100);
    const closed = await peer.closedWithin(handshakeTimeoutMs * 3);
    expect(closed).toMatchObject({ code: handshakeTimeoutCode, reason: "handshake timeout" });
    expectNear(`${subject.name} connection that never logs in`, closed.at - peer.openedAt, handshakeTimeoutMs);
  });

  it("keeps a connection whose session opened", async () => {
    const peer = await Peer.open(`ws://127.0.0.1:${await subject.start()}/`);
    peer.send(subject.handshake);
    if (subject.chatter !== undefined) peer.repeat(() => subject.chatter, 100);
    await settle(handshakeTimeoutMs * 2);
    expect(peer.json().filter((frame) => subject.accepted(frame))).toHaveLength(1);
    expect(peer.closedWith).toBeUndefined();
    expect(peer.open).toBe(true);
  });
});
