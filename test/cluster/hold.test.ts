import { describe, expect, it } from "vitest";
import { HeldOutput } from "../../runtime/src/server/cluster/hold.js";
import { type Link, type Packet, ServerConnection } from "../../runtime/src/server/internal.js";

/** A local connection whose link records what reaches the transport, in order. */
function recorded() {
  const wire: unknown[] = [];
  const link: Link = {
    id: "c1",
    query: { sid: "7" },
    deliver: (packet: Packet) => wire.push(packet.text === undefined ? packet.data : JSON.parse(packet.text)),
    close: (code) => wire.push(`close ${code}`),
  };
  const connection = new ServerConnection("c1", link, true, () => {});
  return { wire, connection };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("cluster node: a connection's output waits for its own state change to reach Redis", () => {
  it("sends what no change holds at the end of the tick, in order, keeping the link's query", async () => {
    const { wire, connection } = recorded();
    const output = new HeldOutput();
    output.hold(connection);
    output.release(connection);
    connection.link.deliver({ data: "a" });
    connection.link.deliver({ data: "b" });
    expect(wire).toEqual([]);
    await tick();
    expect(wire).toEqual(["a", "b"]);
    expect(connection.query).toEqual({ sid: "7" });
  });

  it("sends a message as it was when sent, even if the handler changes the object afterwards", async () => {
    const { wire, connection } = recorded();
    const output = new HeldOutput();
    output.hold(connection);
    output.release(connection);
    const message = { action: "say", content: "first" };
    connection.link.deliver({ data: message });
    message.content = "changed";
    await tick();
    expect(wire).toEqual([{ action: "say", content: "first" }]);
  });

  it("holds an answer sent before the change in the same tick (a leave answered first) until release", async () => {
    const { wire, connection } = recorded();
    const output = new HeldOutput();
    output.hold(connection);
    output.release(connection);
    connection.link.deliver({ data: "unsubscribed" });
    output.hold(connection);
    await tick();
    expect(wire).toEqual([]);
    output.release(connection);
    expect(wire).toEqual(["unsubscribed"]);
  });

  it("passes another node's message straight on, after what waits", async () => {
    const { wire, connection } = recorded();
    const output = new HeldOutput();
    output.hold(connection);
    output.release(connection);
    output.deliver(connection, { data: "relayed" });
    expect(wire).toEqual(["relayed"]);
    connection.link.deliver({ data: "answer" });
    output.deliver(connection, { data: "relayed after" });
    expect(wire).toEqual(["relayed"]);
    await tick();
    expect(wire).toEqual(["relayed", "answer", "relayed after"]);
  });

  it("sends what waits before closing, and nothing after the connection is forgotten", async () => {
    const { wire, connection } = recorded();
    const output = new HeldOutput();
    output.hold(connection);
    connection.link.deliver({ data: "refused" });
    connection.close(4001, "handshake timeout");
    expect(wire).toEqual(["refused", "close 4001"]);
    output.forget(connection);
    connection.link.deliver({ data: "direct" });
    expect(wire).toEqual(["refused", "close 4001", "direct"]);
  });
});
