import { kurentoRoomProtocol } from "@wiretype/kurento-room/protocol";
import { createServer } from "@wiretype/runtime/server";
import { describe, expect, it } from "vitest";
import { type Frame, onCleanup, RawClient, settle } from "./support.js";

async function roomServer() {
  const server = createServer(kurentoRoomProtocol, { insecureDevelopmentMode: true });
  onCleanup(() => server.close());
  const { port } = await server.listen();
  return { server, port };
}

const join = (userId: string, roomId = "r-5") => ({
  id: "joinRoom",
  token: `secret-${userId}`,
  userId,
  communityId: "0",
  roomId,
  video: true,
  audio: false,
});
const isId = (id: string) => (frame: Frame) => frame.id === id;

async function joined(port: number, userId: string, roomId = "r-5") {
  const client = await RawClient.connect(port);
  client.send(join(userId, roomId));
  const existing = await client.next(isId("existingParticipants"));
  return { client, existing };
}

describe("json framing with rooms (kurento-room)", () => {
  it("answers joinRoom with the members present and tells the room about the newcomer", async () => {
    const { port } = await roomServer();
    const first = await joined(port, "ann");
    expect(first.existing).toEqual({ id: "existingParticipants", members: [] });
    const elsewhere = await joined(port, "eve", "c-10");
    const second = await joined(port, "bo");
    expect(second.existing.members).toEqual([{ userId: "ann", video: true, audio: false }]);
    const arrived = await first.client.next(isId("newParticipantArrived"));
    expect(arrived).toEqual({ id: "newParticipantArrived", member: { userId: "bo", video: true, audio: false } });
    expect(JSON.stringify(arrived)).not.toContain("secret");
    await settle();
    expect(elsewhere.client.all(isId("newParticipantArrived"))).toEqual([]);
    expect(second.client.all(isId("newParticipantArrived"))).toEqual([]);
  });

  it("refuses room messages before joinRoom", async () => {
    const { port } = await roomServer();
    const client = await RawClient.connect(port);
    client.send({ id: "audioStateFrom", userId: "x", audio: true });
    expect(await client.next()).toMatchObject({ id: "error", kind: "before-session" });
  });

  it("forwards state changes to the rest of the room", async () => {
    const { port } = await roomServer();
    const ann = await joined(port, "ann");
    const bo = await joined(port, "bo");
    bo.client.send({ id: "audioStateFrom", userId: "bo", audio: true });
    expect(await ann.client.next(isId("audioStateAnswer"))).toEqual({
      id: "audioStateAnswer",
      userId: "bo",
      audio: true,
    });
  });

  it("sends participantLeft on leaveRoom (the leaver included, as the document says) and on disconnect", async () => {
    const { server, port } = await roomServer();
    const ann = await joined(port, "ann");
    const bo = await joined(port, "bo");
    const cy = await joined(port, "cy");
    bo.client.send({ id: "leaveRoom" });
    expect(await ann.client.next(isId("participantLeft"))).toEqual({ id: "participantLeft", userId: "bo" });
    expect(await cy.client.next(isId("participantLeft"))).toEqual({ id: "participantLeft", userId: "bo" });
    cy.client.terminate();
    expect(await ann.client.next(isId("participantLeft"))).toEqual({ id: "participantLeft", userId: "cy" });
    await settle();
    expect(bo.client.all(isId("participantLeft"))).toEqual([{ id: "participantLeft", userId: "bo" }]);
    const rooms = [...server.connections.values()].map((connection) => [...connection.rooms]);
    expect(rooms).toEqual(expect.arrayContaining([["r-5"], []]));
  });
});
