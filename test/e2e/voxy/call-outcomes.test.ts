import { describe, expect, it } from "vitest";
import {
  boundMember,
  callAnswer,
  callRemote,
  type Member,
  sayMessage,
  settle,
  startVoxyServer,
} from "../support/voxy.js";

/** The used_phone values of every call notice a member got, in order. */
const notices = (member: Member) => member.received.all("call_remote_callback").map((notice) => notice.used_phone);

const hangUp = (from: string, to: string) => ({
  action: "cancel_phone" as const,
  user_id: from,
  to_userid: to,
  time: "7",
});

async function twoMembers() {
  const { url } = await startVoxyServer();
  return { url, alice: await boundMember(url, "alice"), bob: await boundMember(url, "bob") };
}

describe("voxy end to end: every call outcome, seen from both sides, with no application code", () => {
  it("incoming then accepted: the callee sees 0 (incoming), the caller 1 (answered)", async () => {
    const { alice, bob } = await twoMembers();
    alice.client.send.callRemote(callRemote("alice", "bob"));
    expect(await bob.received.next("call_remote_callback")).toMatchObject({ used_phone: 0, user_id: "alice" });
    bob.client.send.callRemoteCallback(callAnswer("bob", "alice", 1));
    expect(await alice.received.next("call_remote_callback")).toMatchObject({ used_phone: 1, user_id: "bob" });
    await settle();
    expect([notices(alice), notices(bob)]).toEqual([[1], [0]]);
  });

  it.each([0, 3])("rejected with %i: the caller sees 3 (rejected), never 0", async (sent) => {
    const { alice, bob } = await twoMembers();
    alice.client.send.callRemote(callRemote("alice", "bob"));
    await bob.received.next("call_remote_callback");
    bob.client.send.callRemoteCallback(callAnswer("bob", "alice", sent));
    expect(await alice.received.next("call_remote_callback")).toMatchObject({ used_phone: 3, user_id: "bob" });
    await settle();
    expect([notices(alice), notices(bob)]).toEqual([[3], [0]]);
  });

  it("the caller cancels before the answer: the callee sees 3, never a second incoming call", async () => {
    const { alice, bob } = await twoMembers();
    alice.client.send.callRemote(callRemote("alice", "bob"));
    await bob.received.next("call_remote_callback");
    alice.client.send.callRemote({ ...callRemote("alice", "bob"), used_phone: 0 });
    expect(await bob.received.next("call_remote_callback")).toMatchObject({ used_phone: 3, user_id: "alice" });
    await settle();
    expect(notices(bob)).toEqual([0, 3]);
    expect(notices(alice)).toEqual([]);
    // The cancel ended the call: bob is free again, so a new call rings.
    alice.client.send.callRemote(callRemote("alice", "bob"));
    expect(await bob.received.next("call_remote_callback")).toMatchObject({ used_phone: 0 });
  });

  it("busy: a third caller gets 2 from the server while two members talk; the callee hears nothing", async () => {
    const { url, alice, bob } = await twoMembers();
    const carol = await boundMember(url, "carol");
    alice.client.send.callRemote(callRemote("alice", "bob"));
    await bob.received.next("call_remote_callback");
    bob.client.send.callRemoteCallback(callAnswer("bob", "alice", 1));
    await alice.received.next("call_remote_callback");
    carol.client.send.callRemote(callRemote("carol", "bob"));
    expect(await carol.received.next("call_remote_callback")).toMatchObject({
      action: "call_remote_callback",
      used_phone: 2,
      user_id: "bob",
      to_userid: "carol",
      media_type: 2,
    });
    // The busy side is busy as a caller too.
    carol.client.send.callRemote(callRemote("carol", "alice"));
    expect(await carol.received.next("call_remote_callback")).toMatchObject({ used_phone: 2, user_id: "alice" });
    await settle();
    expect([notices(alice), notices(bob)]).toEqual([[1], [0]]);
  });

  it("no such user: the caller gets 4 from the server", async () => {
    const { alice } = await twoMembers();
    alice.client.send.callRemote(callRemote("alice", "nobody"));
    expect(await alice.received.next("call_remote_callback")).toMatchObject({
      used_phone: 4,
      user_id: "nobody",
      to_userid: "alice",
    });
  });

  it.each(["alice", "bob"])("hang-up by %s reaches the other side and frees both", async (who) => {
    const { url, alice, bob } = await twoMembers();
    const carol = await boundMember(url, "carol");
    alice.client.send.callRemote(callRemote("alice", "bob"));
    await bob.received.next("call_remote_callback");
    bob.client.send.callRemoteCallback(callAnswer("bob", "alice", 1));
    await alice.received.next("call_remote_callback");
    const [from, to] = who === "alice" ? [alice, bob] : [bob, alice];
    const other = who === "alice" ? "bob" : "alice";
    from.client.send.cancelPhone(hangUp(who, other));
    expect(await to.received.next("cancel_phone")).toMatchObject({ user_id: who, time: "7" });
    carol.client.send.callRemote(callRemote("carol", "bob"));
    expect(await bob.received.next("call_remote_callback")).toMatchObject({ used_phone: 0, user_id: "carol" });
  });

  it.each(["ringing", "answered"])(
    "a disconnect while %s ends the call: the other side hears a hang-up and can be called again",
    async (state) => {
      const { url, alice, bob } = await twoMembers();
      const carol = await boundMember(url, "carol");
      alice.client.send.callRemote(callRemote("alice", "bob"));
      await bob.received.next("call_remote_callback");
      if (state === "answered") {
        bob.client.send.callRemoteCallback(callAnswer("bob", "alice", 1));
        await alice.received.next("call_remote_callback");
      }
      await alice.client.close();
      expect(await bob.received.next("cancel_phone")).toEqual({
        action: "cancel_phone",
        user_id: "alice",
        to_userid: "bob",
      });
      carol.client.send.callRemote(callRemote("carol", "bob"));
      expect(await bob.received.next("call_remote_callback")).toMatchObject({ used_phone: 0, user_id: "carol" });
    },
  );

  it("a member who was in no call leaves without anyone hearing a hang-up", async () => {
    const { alice, bob } = await twoMembers();
    await alice.client.close();
    await settle(100);
    expect(bob.received.all("cancel_phone")).toEqual([]);
  });
});

describe("voxy end to end: forwards keep what the sender sent", () => {
  it("a say with type 3 (image) or 11 (gift) arrives with its type and other members", async () => {
    const { alice, bob } = await twoMembers();
    alice.client.send.say({ ...sayMessage("alice", "bob", "🎁"), type: "11", sensitive: "0" });
    alice.client.send.say({ ...sayMessage("alice", "bob", "pic"), type: "3" });
    expect(await bob.received.next("say")).toMatchObject({
      type: "11",
      sensitive: "0",
      content: "🎁",
      user_id: "alice",
    });
    expect(await bob.received.next("say")).toMatchObject({ type: "3", content: "pic" });
  });
});
