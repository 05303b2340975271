import { heartbeatTimeoutCode } from "@wiretype/runtime/server";
import { describe, expect, it } from "vitest";
import {
  boundMember,
  iceServers,
  rawSocket,
  sayMessage,
  settle,
  startVoxyServer,
  voxyMember,
  waitFor,
} from "../support/voxy.js";

describe("voxy end to end: greeting, bind and presence", () => {
  it("greets every connection with link_on carrying its own integer link id and the ICE servers", async () => {
    const { url } = await startVoxyServer();
    const alice = await boundMember(url, "alice");
    const bob = await boundMember(url, "bob");
    const [aliceGreeting] = alice.received.all("link_on");
    const [bobGreeting] = bob.received.all("link_on");
    expect(aliceGreeting).toEqual({
      action: "link_on",
      content: "連線成功",
      link_id: 101,
      category: "system",
      iceserver_config: iceServers,
    });
    expect(bobGreeting?.link_id).toBe(102);
    expect(alice.received.all("link_on")).toHaveLength(1);
  });

  it("answers bind with the members present and announces the newcomer to everyone else", async () => {
    const { url, server } = await startVoxyServer();
    const alice = await boundMember(url, "alice");
    const firstAnswer = alice.received.all("bind")[0];
    expect(firstAnswer).toMatchObject({ action: "bind", link_id: 101, list: [] });
    expect(typeof firstAnswer?.time).toBe("string");

    const bob = voxyMember(url, "bob");
    await bob.client.connect();
    const bobAnswer = await bob.received.next("bind");
    expect(bobAnswer.link_id).toBe(102);
    expect(bobAnswer.list).toEqual([{ user_id: "alice", user_name: "name-alice", user_img: "", link_id: 101 }]);

    // alice's bind answer first, then bob's online notice.
    await alice.received.next("bind");
    const notice = await alice.received.next("bind");
    expect(notice).toMatchObject({ action: "bind", link_id: 102 });
    await settle();
    expect(alice.received.all("bind")).toHaveLength(2);
    expect(bob.received.all("bind")).toHaveLength(1);
    const present = [...server.connections.values()].map((connection) => connection.presenceKey).sort();
    expect(present).toEqual(["alice", "bob"]);
  });
});

describe("voxy end to end: chat", () => {
  it("delivers a private say only to to_userid", async () => {
    const { url } = await startVoxyServer();
    const alice = await boundMember(url, "alice");
    const bob = await boundMember(url, "bob");
    const carol = await boundMember(url, "carol");
    alice.client.send.say(sayMessage("alice", "bob", "你好嗎"));
    const got = await bob.received.next("say");
    expect(got).toMatchObject({
      action: "say",
      content: "你好嗎",
      to_userid: "bob",
      user_id: "alice",
      category: "private",
    });
    await settle();
    expect(carol.received.all("say")).toEqual([]);
    expect(alice.received.all("say")).toEqual([]);
    expect(bob.received.all("say")).toHaveLength(1);
  });

  it("delivers a category default say to everyone but the sender, exactly once each", async () => {
    const { url } = await startVoxyServer();
    const alice = await boundMember(url, "alice");
    const bob = await boundMember(url, "bob");
    const carol = await boundMember(url, "carol");
    // to_userid names bob, who is also part of "everyone": he must still get it once.
    alice.client.send.say(sayMessage("alice", "bob", "hello all", "default"));
    expect(await bob.received.next("say")).toMatchObject({ content: "hello all", category: "default" });
    expect(await carol.received.next("say")).toMatchObject({ content: "hello all", category: "default" });
    await settle();
    expect(bob.received.all("say")).toHaveLength(1);
    expect(carol.received.all("say")).toHaveLength(1);
    expect(alice.received.all("say")).toEqual([]);
  });

  it("understands JSON in binary frames (as the iOS client sends them) and answers in text", async () => {
    const { url } = await startVoxyServer();
    const bob = await boundMember(url, "bob");
    const ios = await rawSocket(url);
    const greeting = await ios.next("action", "link_on");
    ios.sendBinary({ action: "bind", user_id: "ios", link_id: greeting.link_id, to_userid: "-1" });
    expect(await ios.next("action", "bind")).toMatchObject({ list: [{ user_id: "bob" }] });
    ios.sendBinary(sayMessage("ios", "bob", "from binary"));
    expect(await bob.received.next("say")).toMatchObject({ content: "from binary", user_id: "ios" });
    expect(ios.frames.every((frame) => typeof frame.action === "string")).toBe(true);
  });
});

describe("voxy end to end: heartbeat and reconnection", () => {
  it("disconnects a client that stops pinging and keeps one whose heartbeat pings", async () => {
    const { url, server } = await startVoxyServer({ heartbeatTimeoutMs: 300 });
    const pings: string[] = [];
    server.on("ping", (message) => {
      pings.push(message.link_id);
      return undefined;
    });
    const pinging = await boundMember(url, "pinging", { heartbeatIntervalMs: 60 });
    const quiet = await boundMember(url, "quiet", { heartbeatIntervalMs: 60_000 });
    const quietErrors: string[] = [];
    quiet.client.onEvent("error", (error) => quietErrors.push(error.message));
    const raw = await rawSocket(url);
    await raw.next("action", "link_on");
    expect(await waitFor(raw.closeCode, 2_000, "the silent raw client to be closed")).toBe(heartbeatTimeoutCode);
    await waitFor(() => (quiet.client.state === "closed" ? true : undefined), 2_000, "the quiet client to be closed");
    expect(quietErrors.join()).toContain(String(heartbeatTimeoutCode));
    await settle(300);
    expect(pinging.client.state).toBe("open");
    expect(pings.length).toBeGreaterThan(3);
    expect(new Set(pings)).toEqual(new Set([String(pinging.linkIds[0])]));
    expect(pinging.received.all("error")).toEqual([]);
    const present = [...server.connections.values()].map((connection) => connection.presenceKey);
    expect(present).toEqual(["pinging"]);
  });

  it("reconnects after the server drops it, binds again and delivers what was sent meanwhile", async () => {
    const { url, server } = await startVoxyServer();
    const alice = await boundMember(url, "alice", { reconnect: true });
    const bob = await boundMember(url, "bob");
    const states: string[] = [];
    alice.client.onEvent("state", (state) => states.push(state));
    const aliceConnection = [...server.connections.values()].find((connection) => connection.presenceKey === "alice");
    aliceConnection?.close(4001, "dropped by the test");
    await waitFor(() => (alice.client.state === "open" ? undefined : true), 2_000, "alice to notice the drop");
    alice.client.send.say(sayMessage("alice", "bob", "sent while away"));
    expect(alice.client.state).not.toBe("open");
    expect(await bob.received.next("say", 4_000)).toMatchObject({ content: "sent while away", user_id: "alice" });
    expect(alice.linkIds).toEqual([101, 103]);
    expect(states).toContain("reconnecting");
    expect(alice.client.state).toBe("open");
    const present = [...server.connections.values()].filter((connection) => connection.presenceKey === "alice");
    expect(present).toHaveLength(1);
    // The re-bind announced alice again to bob (bob: own answer, then alice's second online notice).
    await waitFor(() => (bob.received.all("bind").length >= 2 ? true : undefined), 2_000, "alice's new notice");
    expect(bob.received.all("bind")[1]).toMatchObject({ link_id: 103 });
  });
});
