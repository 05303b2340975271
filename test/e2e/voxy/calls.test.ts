import { describe, expect, it } from "vitest";
import { boundMember, callAnswer, callRemote, settle, startVoxyServer } from "../support/voxy.js";

const offer = { type: "offer" as const, sdp: "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" };
const answerSdp = { type: "answer" as const, sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" };
const candidate = (from: string, to: string, index: number) => ({
  action: "client_candidate" as const,
  user_id: from,
  to_userid: to,
  ice_sdp: `candidate:${index} 1 udp 2122194687 192.168.0.${index} 6492${index} typ host`,
  ice_index: index,
  ice_mid: String(index),
});

describe("voxy end to end: a call between two clients", () => {
  it("rings the callee, passes the answer back, relays offer/answer/candidates and the hang-up", async () => {
    const { url } = await startVoxyServer();
    const alice = await boundMember(url, "alice");
    const bob = await boundMember(url, "bob");
    const carol = await boundMember(url, "carol");

    const answered = alice.client.request.callRemote(callRemote("alice", "bob"), { timeoutMs: 3_000 });
    const ringing = await bob.received.next("call_remote_callback");
    expect(ringing).toMatchObject({
      action: "call_remote_callback",
      used_phone: 0,
      user_id: "alice",
      user_name: "name-alice",
      to_userid: "bob",
      media_type: 2,
      user_video_fee: 20,
      connection_mode: "0",
    });

    bob.client.send.callRemoteCallback(callAnswer("bob", "alice", 1));
    const accepted = await answered;
    expect(accepted).toMatchObject({
      action: "call_remote_callback",
      used_phone: 1,
      user_id: "bob",
      to_userid: "alice",
    });
    expect(alice.received.all("call_remote_callback")).toHaveLength(1);

    alice.client.send.clientOffer({ action: "client_offer", user_id: "alice", to_userid: "bob", info: offer });
    expect(await bob.received.next("client_offer")).toMatchObject({ info: offer, user_id: "alice" });
    bob.client.send.clientAnswer({ action: "client_answer", user_id: "bob", to_userid: "alice", info: answerSdp });
    expect(await alice.received.next("client_answer")).toMatchObject({ info: answerSdp, user_id: "bob" });
    // The document's own form: info as a string.
    alice.client.send.clientOffer({
      action: "client_offer",
      user_id: "alice",
      to_userid: "bob",
      info: "description物件",
    });
    expect((await bob.received.next("client_offer")).info).toBe("description物件");

    alice.client.send.clientCandidate(candidate("alice", "bob", 0));
    alice.client.send.clientCandidate(candidate("alice", "bob", 1));
    bob.client.send.clientCandidate(candidate("bob", "alice", 2));
    const first = await bob.received.next("client_candidate");
    const second = await bob.received.next("client_candidate");
    const back = await alice.received.next("client_candidate");
    const { action: _a, to_userid: _t0, ...firstFields } = candidate("alice", "bob", 0);
    expect(first).toMatchObject(firstFields);
    expect(second).toMatchObject({ ice_index: 1, ice_mid: "1", ice_sdp: candidate("alice", "bob", 1).ice_sdp });
    expect(back).toMatchObject({ ice_index: 2, ice_mid: "2", user_id: "bob" });

    bob.client.send.cancelPhone({ action: "cancel_phone", user_id: "bob", to_userid: "alice", time: "42" });
    expect(await alice.received.next("cancel_phone")).toMatchObject({ user_id: "bob", to_userid: "alice", time: "42" });

    await settle();
    const carolGot = (["call_remote_callback", "client_offer", "client_answer", "client_candidate"] as const).flatMap(
      (key) => carol.received.all(key),
    );
    expect([...carolGot, ...carol.received.all("cancel_phone")]).toEqual([]);
    expect(bob.received.all("client_candidate")).toHaveLength(2);
    expect(alice.received.all("client_candidate")).toHaveLength(1);
    expect(bob.received.all("cancel_phone")).toEqual([]);
    expect(alice.received.all("error")).toEqual([]);
    expect(bob.received.all("error")).toEqual([]);
  });

  it("passes a rejection (used_phone 3) back to the caller", async () => {
    const { url } = await startVoxyServer();
    const alice = await boundMember(url, "alice");
    const bob = await boundMember(url, "bob");
    const answered = alice.client.request.callRemote(callRemote("alice", "bob"), { timeoutMs: 3_000 });
    await bob.received.next("call_remote_callback");
    bob.client.send.callRemoteCallback(callAnswer("bob", "alice", 3));
    expect(await answered).toMatchObject({ used_phone: 3, user_id: "bob" });
    await settle();
    expect(bob.received.all("call_remote_callback")).toHaveLength(1);
  });

  it("answers used_phone 4 to a caller whose callee is not online, by itself (no hook, no handler)", async () => {
    const missing: string[] = [];
    const { url } = await startVoxyServer({ onPeerMissing: ({ peer }) => missing.push(peer) });
    const alice = await boundMember(url, "alice");
    const bob = await boundMember(url, "bob");
    const answer = await alice.client.request.callRemote(callRemote("alice", "nobody"), { timeoutMs: 3_000 });
    expect(answer).toEqual({
      action: "call_remote_callback",
      used_phone: 4,
      user_id: "nobody",
      to_userid: "alice",
      media_type: 2,
      connection_mode: "0",
    });
    await settle();
    expect(bob.received.all("call_remote_callback")).toEqual([]);
    expect(missing).toEqual([]);
  });

  it("answers busy (used_phone 2) to a third caller while the callee is in a call, from the app's call state", async () => {
    const { url, server } = await startVoxyServer();
    const inCall = new Set<string>();
    server.on("call_remote", (message, context) => {
      if (inCall.has(message.to_userid)) {
        return {
          action: "call_remote_callback",
          used_phone: 2,
          user_id: message.to_userid,
          to_userid: message.user_id,
        };
      }
      context.runDefaults();
      return undefined;
    });
    server.on("call_remote_callback", (message, context) => {
      if (message.used_phone === 1) for (const user of [message.user_id, message.to_userid]) inCall.add(user);
      context.runDefaults();
      return undefined;
    });
    server.on("cancel_phone", (message, context) => {
      for (const user of [message.user_id, message.to_userid]) inCall.delete(user);
      context.runDefaults();
      return undefined;
    });
    const alice = await boundMember(url, "alice");
    const bob = await boundMember(url, "bob");
    const carol = await boundMember(url, "carol");
    const answered = alice.client.request.callRemote(callRemote("alice", "bob"), { timeoutMs: 3_000 });
    await bob.received.next("call_remote_callback");
    bob.client.send.callRemoteCallback(callAnswer("bob", "alice", 1));
    expect((await answered).used_phone).toBe(1);

    const busy = await carol.client.request.callRemote(callRemote("carol", "bob"), { timeoutMs: 3_000 });
    expect(busy).toEqual({ action: "call_remote_callback", used_phone: 2, user_id: "bob", to_userid: "carol" });
    await settle();
    expect(bob.received.all("call_remote_callback")).toHaveLength(1);
    expect(alice.received.all("call_remote_callback")).toHaveLength(1);

    alice.client.send.cancelPhone({ action: "cancel_phone", user_id: "alice", to_userid: "bob", time: "12" });
    expect(await bob.received.next("cancel_phone")).toMatchObject({ time: "12", user_id: "alice" });
    carol.client.send.callRemote(callRemote("carol", "bob"));
    expect(await bob.received.next("call_remote_callback")).toMatchObject({ used_phone: 0, user_id: "carol" });
    expect(carol.received.all("call_remote_callback")).toHaveLength(1);
  });
});
