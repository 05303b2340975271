import { describe, expect, it } from "vitest";
import { deliveryPayload, parseDeliveries, parseMessage } from "../../runtime/src/server/cluster/wire.js";

describe("cluster wire format", () => {
  it("carries several deliveries in one message, texts with newlines and commas intact", () => {
    const deliveries = [
      { ids: ["a", "b"], text: '{"action":"say",\n "content":"x,\\ny"}' },
      { ids: ["c"], text: "" },
      { ids: ["d"], text: "日本語\n" },
    ];
    expect(parseDeliveries(deliveryPayload(deliveries))).toEqual(deliveries);
  });

  it("keeps the deliveries before a malformed one and drops the rest", () => {
    const good = deliveryPayload([{ ids: ["a"], text: "{}" }]);
    expect(parseDeliveries(`${good}b\nnot-a-length\n{}`)).toEqual([{ ids: ["a"], text: "{}" }]);
    expect(parseDeliveries("garbage")).toEqual([]);
  });

  it("accepts only well-formed cluster messages", () => {
    const member = { id: "c1", authenticated: true, presenceKey: "alice", rooms: [["r", null]] };
    expect(parseMessage(JSON.stringify({ op: "upsert", node: "n1", member }))).toMatchObject({ op: "upsert" });
    expect(
      parseMessage(JSON.stringify({ op: "upsert", node: "n1", member: { ...member, rooms: "r" } })),
    ).toBeUndefined();
    expect(parseMessage(JSON.stringify({ op: "remove", node: "n1" }))).toBeUndefined();
    expect(
      parseMessage(JSON.stringify({ op: "call", node: "n1", call: { caller: "a", callee: "b", state: "busy" } })),
    ).toBeUndefined();
    expect(parseMessage("{not json")).toBeUndefined();
    expect(parseMessage(JSON.stringify({ op: "launch", node: "n1" }))).toBeUndefined();
  });
});
