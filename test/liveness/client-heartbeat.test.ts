import { phpJsonSign } from "@wiretype/runtime";
import { heartbeatTimeoutCode } from "@wiretype/runtime/server";
import { createVoxyServer } from "@wiretype/voxy/server";
import { createYueyueServer } from "@wiretype/yueyue/server";
import { describe, expect, it } from "vitest";
import { expectNear, onCleanup, Peer, settle } from "./support.js";

/** Scaled down from the spec's 30 s (voxy) and 20 s (yueyue) so the test is short; defaults.test.ts checks those. */
const timeoutMs = 800;

interface Subject {
  readonly name: string;
  start(): Promise<number>;
  /** A frame the server accepts as the heartbeat. */
  ping(): unknown;
  /** Frames the server refuses: malformed, unknown, invalid. */
  readonly garbage: readonly unknown[];
}

const yueyuePing = (sign?: string) => {
  const ping = { action: "ping", online_token: "token-1s1", timestamp: 1525328460, sid: "1s1" };
  return { ...ping, sign: sign ?? phpJsonSign(ping, "sign") };
};

const subjects: Subject[] = [
  {
    name: "voxy",
    async start() {
      const server = createVoxyServer({ heartbeatTimeoutMs: timeoutMs, insecureDevelopmentMode: true });
      onCleanup(() => server.close());
      return (await server.listen()).port;
    },
    ping: () => ({ action: "ping", link_id: "1" }),
    garbage: ["{oops", { action: "nope" }, { action: "ping", link_id: 7 }, "[]"],
  },
  {
    name: "yueyue",
    async start() {
      const server = createYueyueServer({ heartbeatTimeoutMs: timeoutMs });
      onCleanup(() => server.close());
      return (await server.listen()).port;
    },
    ping: () => yueyuePing(),
    garbage: ["{oops", { action: "nope" }, { action: "ping", sid: "1s1" }, "[]"],
  },
];

describe.each(subjects)("liveness, client heartbeat: $name", (subject) => {
  it("closes a silent connection with 4000 at the heartbeat timeout", async () => {
    const peer = await Peer.open(`ws://127.0.0.1:${await subject.start()}/`);
    const closed = await peer.closedWithin(timeoutMs * 3);
    expect(closed).toMatchObject({ code: heartbeatTimeoutCode, reason: "heartbeat timeout" });
    expectNear(`${subject.name} silent connection`, closed.at - peer.openedAt, timeoutMs);
  });

  it("closes a connection that sends only garbage frames at the same timeout", async () => {
    const peer = await Peer.open(`ws://127.0.0.1:${await subject.start()}/`);
    let sent = 0;
    peer.repeat(() => subject.garbage[sent++ % subject.garbage.length], 40);
    const closed = await peer.closedWithin(timeoutMs * 3);
    expect(closed.code).toBe(heartbeatTimeoutCode);
    expect(sent).toBeGreaterThan(10);
    expectNear(`${subject.name} garbage-only connection`, closed.at - peer.openedAt, timeoutMs);
  });

  it("keeps a connection that sends valid heartbeats open past several timeouts", async () => {
    const peer = await Peer.open(`ws://127.0.0.1:${await subject.start()}/`);
    peer.repeat(() => subject.ping(), timeoutMs / 4);
    await settle(timeoutMs * 3);
    expect(peer.open).toBe(true);
    expect(peer.closedWith).toBeUndefined();
  });
});

describe("liveness, client heartbeat: refused frames", () => {
  it("yueyue: pings with a wrong signature do not keep a connection open", async () => {
    const peer = await Peer.open(`ws://127.0.0.1:${await subjects[1]?.start()}/`);
    peer.repeat(() => yueyuePing("0".repeat(32)), 40);
    const closed = await peer.closedWithin(timeoutMs * 3);
    expect(closed.code).toBe(heartbeatTimeoutCode);
    expectNear("yueyue badly signed pings", closed.at - peer.openedAt, timeoutMs);
  });
});
