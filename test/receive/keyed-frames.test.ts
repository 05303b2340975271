import { kurentoRoomServerDispatch } from "@wiretype/kurento-room/schemas";
import { voxyClientDispatch, voxyServerDispatch } from "@wiretype/voxy/schemas";
import { describe, expect, it } from "vitest";

const linkOn = {
  action: "link_on",
  content: "連線成功",
  link_id: 2,
  category: "system",
  iceserver_config: { iceServers: { urls: ["stun:stun.l.google.com:19302"], username: "ceshi", credential: "ceshi" } },
};

describe("decoding frames keyed by a discriminator", () => {
  it("turns a valid text frame into a typed message named by its wire name", () => {
    const result = voxyServerDispatch.decode(JSON.stringify(linkOn));
    expect(result.ok).toBe(true);
    if (result.ok && result.name === "link_on") expect(result.message.link_id).toBe(2);
  });

  it("accepts JSON in binary frames, as the iOS voxy client sends it", () => {
    const ping = { action: "ping", link_id: "2" };
    const result = voxyClientDispatch.decode(new TextEncoder().encode(JSON.stringify(ping)));
    expect(result).toMatchObject({ ok: true, name: "ping", message: ping });
  });

  it("keeps members the spec does not name", () => {
    const result = kurentoRoomServerDispatch.decode(
      JSON.stringify({ id: "participantLeft", userId: "7", reason: "timeout", extra: { nested: [1, 2] } }),
    );
    expect(result).toMatchObject({ ok: true, message: { reason: "timeout", extra: { nested: [1, 2] } } });
  });

  it("reports malformed JSON and keeps the frame", () => {
    const result = voxyServerDispatch.decode('{"action": "link_on",');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe("malformed-json");
      expect(result.error.frame).toBe('{"action": "link_on",');
    }
  });

  it("reports a binary frame that is not UTF-8", () => {
    const result = voxyClientDispatch.decode(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid-utf8" } });
  });

  it("reports a frame that is not an object, and one without its key", () => {
    expect(voxyServerDispatch.decode("[1,2]")).toMatchObject({ ok: false, error: { kind: "not-an-object" } });
    expect(voxyServerDispatch.decode('{"content":"x"}')).toMatchObject({ ok: false, error: { kind: "missing-key" } });
  });

  it("names an unknown message", () => {
    const result = voxyServerDispatch.decode('{"action":"teleport"}');
    expect(result).toMatchObject({ ok: false, error: { kind: "unknown-message", messageName: "teleport" } });
  });

  it("does not take inherited properties for messages", () => {
    const result = voxyServerDispatch.decode('{"action":"toString"}');
    expect(result).toMatchObject({ ok: false, error: { kind: "unknown-message", messageName: "toString" } });
  });

  it("says which field is wrong, what was expected and what arrived", () => {
    const result = voxyServerDispatch.decode(JSON.stringify({ ...linkOn, link_id: "two" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("invalid-message");
    expect(result.error.messageName).toBe("link_on");
    expect(result.error.issues).toContainEqual(
      expect.objectContaining({ path: "link_id", expected: "number", received: 'string "two"' }),
    );
    expect(result.error.summary).toContain("link_id");
  });

  it("reports a missing required field at its nested path", () => {
    const frame = { id: "existingParticipants", members: [{ userId: "2", video: false }] };
    const result = kurentoRoomServerDispatch.decode(JSON.stringify(frame));
    expect(result).toMatchObject({
      ok: false,
      error: { issues: [expect.objectContaining({ path: "members.0.audio", received: "nothing (missing)" })] },
    });
  });
});
