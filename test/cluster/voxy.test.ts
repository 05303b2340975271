import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boundMember, callAnswer, callRemote, sayMessage, settle, voxyMember, waitFor } from "../e2e/support/voxy.js";
import { redisAvailable } from "../support/redis-server.js";
import { startCluster, type TestCluster } from "./support/cluster.js";

/** Lets a membership change published on one node reach the others (Redis pub/sub on loopback). */
const converge = () => settle(200);

describe.skipIf(!redisAvailable())("voxy cluster: three nodes on one Redis", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster("voxy");
  }, 30_000);
  afterAll(() => cluster?.stop());
  const url = (index: number) => cluster.nodes[index]?.url ?? "";

  it("lists members bound on other nodes and announces a newcomer to every node", async () => {
    const alice = await boundMember(url(0), "alice-1");
    await converge();
    const bob = voxyMember(url(1), "bob-1");
    await bob.client.connect();
    const bobAnswer = await bob.received.next("bind");
    expect(bobAnswer.list).toEqual([{ user_id: "alice-1", user_name: "name-alice-1", user_img: "", link_id: 1001 }]);
    await alice.received.next("bind");
    expect(await alice.received.next("bind")).toMatchObject({ action: "bind", user_id: "bob-1", link_id: 2001 });
  });

  it("relays a private say by to_userid to a member on another node, and nobody else", async () => {
    const alice = await boundMember(url(0), "alice-2");
    const bob = await boundMember(url(1), "bob-2");
    const carol = await boundMember(url(2), "carol-2");
    await converge();
    alice.client.send.say(sayMessage("alice-2", "bob-2", "hello across nodes"));
    expect(await bob.received.next("say")).toMatchObject({ content: "hello across nodes", user_id: "alice-2" });
    await settle();
    expect(carol.received.all("say")).toEqual([]);
  });

  it("rings a callee on another node, passes the answer back, and answers busy to a third caller on a third node", async () => {
    const alice = await boundMember(url(0), "alice-3");
    const bob = await boundMember(url(1), "bob-3");
    const carol = await boundMember(url(2), "carol-3");
    await converge();
    const answered = alice.client.request.callRemote(callRemote("alice-3", "bob-3"), { timeoutMs: 3_000 });
    expect(await bob.received.next("call_remote_callback")).toMatchObject({ used_phone: 0, user_id: "alice-3" });
    bob.client.send.callRemoteCallback(callAnswer("bob-3", "alice-3", 1));
    expect(await answered).toMatchObject({ used_phone: 1, user_id: "bob-3" });
    await converge();
    const busy = await carol.client.request.callRemote(callRemote("carol-3", "bob-3"), { timeoutMs: 3_000 });
    expect(busy).toMatchObject({ action: "call_remote_callback", used_phone: 2 });
    await settle();
    expect(bob.received.all("call_remote_callback")).toHaveLength(1);
  });

  it("a node that closes hangs up its members' calls on other nodes and leaves at once", async () => {
    const alice = await boundMember(url(0), "alice-4");
    const bob = await boundMember(url(1), "bob-4");
    await converge();
    const answered = alice.client.request.callRemote(callRemote("alice-4", "bob-4"), { timeoutMs: 3_000 });
    await bob.received.next("call_remote_callback");
    bob.client.send.callRemoteCallback(callAnswer("bob-4", "alice-4", 1));
    await answered;
    const closedAt = Date.now();
    await cluster.nodes[1]?.ask({ type: "close" });
    expect(await alice.received.next("cancel_phone")).toMatchObject({ user_id: "bob-4", to_userid: "alice-4" });
    const left = await waitFor(() => cluster.nodes[0]?.events.find((event) => event.kind === "node-left"));
    // It said goodbye: the others did not wait for its state to expire.
    expect(left).toMatchObject({ node: cluster.nodes[1]?.node, expired: false });
    expect(left.at - closedAt).toBeLessThan(1_500);
  });
});
