import { voxyProtocol } from "@wiretype/voxy/protocol";
import { describe, expect, it } from "vitest";
import { Engine } from "../../runtime/src/server/engine.js";
import type { Packet, ServerConnection } from "../../runtime/src/server/internal.js";
import type { AnyDescriptor } from "../../runtime/src/server/view.js";
import { frameDispatchOf } from "../../runtime/src/side-dispatch.js";

const descriptor = voxyProtocol as unknown as AnyDescriptor;

/** A voxy engine with members a and b bound, whose links record what they are sent as JSON text. */
function voxyEngine() {
  const engine = new Engine(descriptor, { authenticate: () => true });
  const dispatch = frameDispatchOf(descriptor.client, descriptor.framing as never, engine.frameLimits);
  const sent = new Map<string, string[]>();
  const bytesSent: boolean[] = [];
  const open = (name: string) => {
    const texts: string[] = [];
    sent.set(name, texts);
    const deliver = (packet: Packet) => {
      const text = packet.text ?? JSON.stringify(packet.data);
      // Bytes a forward passes on are sent instead of the text: they must be its UTF-8.
      if (packet.bytes !== undefined) bytesSent.push(new TextDecoder().decode(packet.bytes) === text);
      texts.push(text);
    };
    return engine.open({ deliver, close: () => {} });
  };
  /** Feeds a frame as the ws transport does: with its text and bytes, or (`keepText` false) without them. */
  const receive = (connection: ServerConnection, text: string, keepText: boolean) => {
    const decoded = dispatch.decode(text);
    if (!decoded.ok) return;
    const inbound = { key: decoded.name, message: decoded.message };
    engine.receive(connection, keepText ? { ...inbound, text, bytes: new TextEncoder().encode(text) } : inbound);
  };
  const a = open("a");
  const b = open("b");
  receive(a, JSON.stringify({ action: "bind", user_id: "a", link_id: 7, to_userid: "0" }), true);
  receive(b, JSON.stringify({ action: "bind", user_id: "b", link_id: 8, to_userid: "0" }), true);
  for (const texts of sent.values()) texts.length = 0;
  return { engine, a, b, sent, bytesSent, receive };
}

const frames = [
  '{"action":"say","type":"1","user_id":"a","to_userid":"b","content":"hello","category":"private","media":""}',
  '{"action":"say","type":"1","user_id":"forged","to_userid":"b","content":"hi","category":"private","media":""}',
  '{"action":"say","type":"1","user_id":"a","to_userid":"b","content":"x","category":"default","media":"","time":"t"}',
  '{"action":"say","type":"1","user_id":"a","user_id":"b","to_userid":"b","content":"dup","category":"private","media":""}',
  '{"action":"say","type":"1","__proto__":{"x":1},"user_id":"a","to_userid":"b","content":"p","category":"private","media":""}',
  '{"action":"say","type":"1","user_id":"a","to_userid":"b","content":"\\u0041\\n","category":"private","media":""}',
  '{ "action" : "say", "type":"1","user_id":"a","to_userid":"b","content":"sp","category":"private","media":"" }',
  '{"action":"say","type":"1","user_id":"a","to_userid":"b","content":"caf\u00e9 \ud83d\ude00","category":"private","media":"","link_id":1.0}',
  '{"action":"say","type":"1","user_id":"a","to_userid":"b","content":"l","category":"private","media":"","list":[ 1, {"a" : 2} ]}',
  '{"action":"client_offer","user_id":"a","to_userid":"b","offer":{"type":"offer","sdp":"v=0"}}',
  '{"action":"say","type":"1","user_id":"a","to_userid":"b","content":"all","category":"private","media":"","link_id":3,"time":"","list":[],"to_userimg":"","to_username":""}',
  '{"action":"call_remote","user_id":"a","to_userid":"b","used_phone":1,"media_type":1,"connection_mode":1}',
  '{"action":"call_remote","user_id":"a","to_userid":"b","used_phone":0,"media_type":1,"connection_mode":1}',
];

describe("forwarding spliced from the frame's text", () => {
  it("sends exactly what encoding the built message sends, frame for frame (hostile frames included)", () => {
    const spliced = voxyEngine();
    const encoded = voxyEngine();
    for (const frame of frames) {
      spliced.receive(spliced.a, frame, true);
      encoded.receive(encoded.a, frame, false);
    }
    const received = spliced.sent.get("b") ?? [];
    expect(received.length).toBeGreaterThanOrEqual(6);
    expect(received).toEqual(encoded.sent.get("b"));
    expect(spliced.sent.get("a")).toEqual(encoded.sent.get("a"));
    // Forwards made from the frame (unchanged, or with members appended) went out as bytes, each the
    // UTF-8 of the text the message encodes to.
    expect(spliced.bytesSent.length).toBeGreaterThanOrEqual(2);
    expect(spliced.bytesSent.every((matches) => matches)).toBe(true);
    expect(encoded.bytesSent).toEqual([]);
  });

  it("writes the sender's identity from the session, never what the frame claims", () => {
    const { a, sent, receive } = voxyEngine();
    receive(a, frames[1] as string, true);
    const [forwarded] = sent.get("b") ?? [];
    expect(JSON.parse(forwarded ?? "{}")).toMatchObject({ user_id: "a", content: "hi", link_id: 7 });
  });

  it("follows what a handler changed in the message before running the defaults", () => {
    const { engine, a, sent, receive } = voxyEngine();
    engine.handlers.set("say", (message, context) => {
      (message as { content: string }).content = "changed by the handler";
      (context as { runDefaults: () => void }).runDefaults();
    });
    receive(a, frames[0] as string, true);
    const [forwarded] = sent.get("b") ?? [];
    expect(JSON.parse(forwarded ?? "{}")).toMatchObject({ content: "changed by the handler", user_id: "a" });
  });

  it("follows a handler's change that keeps the text's length (the frame's text no longer says it)", () => {
    const { engine, a, sent, receive } = voxyEngine();
    engine.handlers.set("say", (message, context) => {
      (message as { content: string }).content = "HELLO";
      (context as { runDefaults: () => void }).runDefaults();
    });
    receive(a, frames[0] as string, true);
    const [forwarded] = sent.get("b") ?? [];
    expect(JSON.parse(forwarded ?? "{}")).toMatchObject({ content: "HELLO", user_id: "a" });
  });
});
