import { voxyProtocol } from "@wiretype/voxy/protocol";
import { describe, expect, it } from "vitest";
import { Engine } from "../../runtime/src/server/engine.js";
import { type Packet, ServerConnection } from "../../runtime/src/server/internal.js";
import type { AnyDescriptor } from "../../runtime/src/server/view.js";

const descriptor = voxyProtocol as unknown as AnyDescriptor;

interface SendContext {
  sendTo(id: string, key: string, message: unknown): boolean;
}

/** A member of another cluster node as the registry mirrors it: what is sent to it is recorded. */
function remoteMember(engine: Engine, id: string, delivered: Packet[]): ServerConnection {
  const link = { id, deliver: (packet: Packet) => delivered.push(packet), close: () => {} };
  return new ServerConnection(id, link, true, (target, key, message, packet) => {
    if (packet === undefined) engine.encoder.push(target, key, message);
    else target.link.deliver(packet);
  });
}

describe("a handler's sendTo in a cluster", () => {
  it("reaches a connection of another node by its id, and says false for an id nobody has", () => {
    const engine = new Engine(descriptor, { authenticate: () => true });
    const delivered: Packet[] = [];
    engine.registry.addRemote(remoteMember(engine, "remote-1", delivered));
    const answers: boolean[] = [];
    engine.handlers.set("say", (message, context) => {
      answers.push((context as SendContext).sendTo("remote-1", "say", message));
      answers.push((context as SendContext).sendTo("nobody", "say", message));
    });
    const local = engine.open({ deliver: () => {}, close: () => {} });
    // As after its bind: the session gate is not what this test is about.
    local.authenticated = true;
    const say = {
      action: "say",
      type: "1",
      user_id: "a",
      to_userid: "b",
      content: "hi",
      category: "private",
      media: "",
    };
    engine.receive(local, { key: "say", message: say });
    expect(answers).toEqual([true, false]);
    expect(delivered).toHaveLength(1);
    expect(JSON.parse(delivered[0]?.text ?? JSON.stringify(delivered[0]?.data))).toMatchObject({ content: "hi" });
  });
});
