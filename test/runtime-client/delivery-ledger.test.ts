import { describe, expect, it } from "vitest";
import { DeliveryLedger } from "../../runtime/src/client/ledger.js";
import type { Queued } from "../../runtime/src/client/outbox.js";
import type { PendingRequest } from "../../runtime/src/client/pending.js";

const fromApp = (name: string): Queued => ({ key: "say", payload: { name }, fromApp: { message: { name } } });
const request: PendingRequest = { key: "bind", replyKeys: new Set(["bind"]), failureKeys: new Set(), replyEvents: [] };
const names = (ledger: DeliveryLedger) =>
  ledger.takeUnconfirmed().map((entry) => (entry.outbound.fromApp?.message as { name?: string } | undefined)?.name);

describe("delivery ledger", () => {
  it("keeps app messages until an answer confirms them and everything written before", () => {
    const ledger = new DeliveryLedger(100);
    ledger.written(fromApp("one"));
    ledger.written({ key: "bind", payload: {}, request, fromApp: { message: {} } });
    ledger.written(fromApp("after"));
    ledger.answered(request);
    expect(names(ledger)).toEqual(["after"]);
  });

  it("confirms by JSON-RPC id, whatever the id's type on the wire", () => {
    const ledger = new DeliveryLedger(100);
    ledger.written({ ...fromApp("one"), rpcId: 1 });
    ledger.written({ ...fromApp("two"), rpcId: 2 });
    ledger.written({ ...fromApp("three"), rpcId: 3 });
    ledger.answered("2");
    expect(names(ledger)).toEqual(["three"]);
  });

  it("a pong confirms what was written before its ping, not after", () => {
    const ledger = new DeliveryLedger(100);
    ledger.written(fromApp("before"));
    ledger.pingSent();
    ledger.written(fromApp("after"));
    ledger.pongReceived();
    expect(names(ledger)).toEqual(["after"]);
  });

  it("does not keep the client's own messages (handshake, heartbeat), though their answers confirm", () => {
    const ledger = new DeliveryLedger(100);
    ledger.written(fromApp("one"));
    ledger.written({ key: "bind", payload: {}, request });
    ledger.written({ key: "ping", payload: {} });
    expect(ledger.size).toBe(1);
    ledger.answered(request);
    expect(ledger.size).toBe(0);
  });

  it("past the window, hands back the oldest entries and asks for a ping at half of it", () => {
    const ledger = new DeliveryLedger(4);
    expect(ledger.written(fromApp("1"))).toEqual([]);
    ledger.written(fromApp("2"));
    expect(ledger.wantsPing()).toBe(true);
    ledger.pingSent();
    expect(ledger.wantsPing()).toBe(false);
    ledger.written(fromApp("3"));
    ledger.written(fromApp("4"));
    const evicted = ledger.written(fromApp("5"));
    expect(evicted.map((entry) => entry.outbound.fromApp?.message)).toEqual([{ name: "1" }]);
    expect(names(ledger)).toEqual(["2", "3", "4", "5"]);
  });
});
