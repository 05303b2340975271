import { createVoxyClient } from "@wiretype/voxy/client";
import type { VoxyClientMessages, VoxyServerMessages } from "@wiretype/voxy/types";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { boundMember, onCleanup, rawSocket, sayMessage, settle, startVoxyServer, waitFor } from "../support/voxy.js";

type ErrorFrame = VoxyServerMessages["error"];

/** What a raw socket must get back for each bad frame, in order. */
const badFrames: readonly { readonly frame: string | Buffer; readonly kind: string; readonly mentions: string }[] = [
  { frame: "{not json", kind: "malformed-json", mentions: "" },
  { frame: "[1,2,3]", kind: "not-an-object", mentions: "" },
  { frame: JSON.stringify({ user_id: "x" }), kind: "missing-key", mentions: "action" },
  { frame: JSON.stringify({ action: "dance" }), kind: "unknown-message", mentions: "dance" },
  {
    frame: JSON.stringify({ ...sayMessage("alice", "bob", "x"), user_id: 5 }),
    kind: "invalid-message",
    mentions: "user_id",
  },
  { frame: JSON.stringify({ action: "ping", link_id: 7 }), kind: "invalid-message", mentions: "link_id" },
  { frame: Buffer.from([0xff, 0xfe, 0xfd]), kind: "invalid-utf8", mentions: "" },
  { frame: JSON.stringify(sayMessage("alice", "bob", "x".repeat(8_000))), kind: "too-large", mentions: "" },
];

describe("voxy end to end: bad input", () => {
  it("answers every bad raw frame with the error frame, keeps the connection, and bob gets every say meanwhile", async () => {
    const { url, server } = await startVoxyServer({ maxFrameBytes: 4_096 });
    const refused: string[] = [];
    server.onEvent("invalid", (_connection, error) => refused.push(error.kind));
    const bob = await boundMember(url, "bob");
    const carol = await boundMember(url, "carol");
    const raw = await rawSocket(url);
    const greeting = await raw.next("action", "link_on");

    raw.sendText(sayMessage("raw", "bob", "before bind"));
    const early = (await raw.next("action", "error")) as unknown as ErrorFrame;
    expect(early).toMatchObject({ action: "error", kind: "before-session" });
    expect(early.message).toContain("bind");
    raw.sendText({ action: "bind", user_id: "raw", link_id: greeting.link_id, to_userid: "-1" });
    await raw.next("action", "bind");

    let sent = 0;
    for (const { frame, kind, mentions } of badFrames) {
      carol.client.send.say(sayMessage("carol", "bob", `say ${sent}`));
      sent += 1;
      if (typeof frame === "string") raw.sendText(frame);
      else raw.socket.send(frame, { binary: true });
      const error = (await raw.next("action", "error")) as unknown as ErrorFrame;
      expect(error.kind).toBe(kind);
      expect(typeof error.message).toBe("string");
      expect(error.message).toContain(mentions);
    }
    raw.sendText(sayMessage("raw", "bob", "still alive"));
    await waitFor(() => bob.received.all("say").find((say) => say.content === "still alive"), 3_000, "raw's say");
    await settle();
    const fromCarol = bob.received.all("say").filter((say) => say.user_id === "carol");
    expect(fromCarol.map((say) => say.content)).toEqual(badFrames.map((_, index) => `say ${index}`));
    expect(refused).toEqual(["before-session", ...badFrames.map((bad) => bad.kind)]);
    expect(raw.closeCode()).toBeUndefined();
    expect(bob.client.state).toBe("open");
    expect(bob.received.all("error")).toEqual([]);
    expect(server.connections.size).toBe(3);
  });

  it("answers the generated client's own bad messages with error frames it receives and keeps its session", async () => {
    const { url, server } = await startVoxyServer({ maxFrameBytes: 4_096 });
    const bob = await boundMember(url, "bob");
    const alice = await boundMember(url, "alice");
    // Types forbid these: cast, as a JavaScript caller could send them.
    alice.client.send.say({
      ...sayMessage("alice", "bob", "typed"),
      content: 42,
    } as unknown as VoxyClientMessages["say"]);
    alice.client.sendMessage("dance" as "say", { action: "dance" } as unknown as VoxyClientMessages["say"]);
    alice.client.send.say(sayMessage("alice", "bob", "y".repeat(10_000)));
    alice.client.send.say(sayMessage("alice", "bob", "fine"));
    expect((await alice.received.next("error")).kind).toBe("invalid-message");
    expect((await alice.received.next("error")).kind).toBe("unknown-message");
    expect((await alice.received.next("error")).kind).toBe("too-large");
    expect(await bob.received.next("say")).toMatchObject({ content: "fine" });
    await settle();
    expect(bob.received.all("say")).toHaveLength(1);
    expect(alice.client.state).toBe("open");
    expect([...server.connections.values()].map((connection) => connection.presenceKey).sort()).toEqual([
      "alice",
      "bob",
    ]);
  });

  it("refuses a generated client's messages before bind with before-session and accepts them after", async () => {
    const { url } = await startVoxyServer();
    const bob = await boundMember(url, "bob");
    const errors: ErrorFrame[] = [];
    const linkOns: number[] = [];
    const client = createVoxyClient({ url, WebSocket, reconnect: false });
    client.on("error", (error) => errors.push(error));
    client.on("link_on", (greeting) => linkOns.push(greeting.link_id));
    onCleanup(() => client.close());
    await client.connect();
    client.send.say(sayMessage("late", "bob", "too early"));
    await waitFor(() => errors[0], 3_000, "the before-session error");
    expect(errors[0]).toMatchObject({ action: "error", kind: "before-session" });
    const linkId = await waitFor(() => linkOns[0], 3_000, "link_on");
    const answer = await client.request.bind({ action: "bind", user_id: "late", link_id: linkId, to_userid: "-1" });
    expect(answer.list).toEqual([expect.objectContaining({ user_id: "bob" })]);
    client.send.say(sayMessage("late", "bob", "on time"));
    expect(await bob.received.next("say")).toMatchObject({ content: "on time" });
    await settle();
    expect(bob.received.all("say").map((say) => say.content)).toEqual(["on time"]);
  });
});
