import { createVoxyServer } from "@wiretype/voxy/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boundMember, callAnswer, callRemote, sayMessage, settle, voxyMember, waitFor } from "../e2e/support/voxy.js";
import { freePort, redisAvailable } from "../support/redis-server.js";
import { type ClusterChild, startCluster, type TestCluster } from "./support/cluster.js";

/** Lets a membership change published on one node reach the others (Redis pub/sub on loopback). */
const converge = () => settle(200);
const expiryMs = 1_500;

function eventSeen(node: ClusterChild | undefined, kind: string, after = 0): Promise<true> {
  const found = () => (node?.events.some((event) => event.kind === kind && event.at >= after) ? true : undefined);
  return waitFor(found, 8_000, `${kind} on ${node?.node}`);
}

describe("cluster: Redis unreachable at start", () => {
  it("listen() rejects within the bounded wait, naming the Redis URL", async () => {
    const redis = `redis://127.0.0.1:${await freePort()}`;
    const server = createVoxyServer({ insecureDevelopmentMode: true, cluster: { redis } });
    const started = Date.now();
    await expect(server.listen()).rejects.toThrow(`cannot reach Redis at ${redis}`);
    expect(Date.now() - started).toBeLessThan(6_000);
    await server.close();
  });
});

describe.skipIf(!redisAvailable())("voxy cluster: a node dies, Redis restarts", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster("voxy", expiryMs);
  }, 30_000);
  afterAll(() => cluster?.stop());
  const url = (index: number) => cluster.nodes[index]?.url ?? "";

  it("Redis killed mid-run: local delivery goes on, remote delivery fails with an event, all recovers when it is back", async () => {
    const alice = await boundMember(url(0), "alice-r");
    const dave = await boundMember(url(0), "dave-r");
    const bob = await boundMember(url(1), "bob-r");
    await converge();
    const lostAt = Date.now();
    await cluster.redis.kill();
    await eventSeen(cluster.nodes[0], "redis-lost", lostAt);
    alice.client.send.say(sayMessage("alice-r", "dave-r", "local still works"));
    expect(await dave.received.next("say")).toMatchObject({ content: "local still works" });
    alice.client.send.say(sayMessage("alice-r", "bob-r", "lost"));
    await eventSeen(cluster.nodes[0], "delivery-failed", lostAt);

    const backAt = Date.now();
    await cluster.redis.restart();
    await Promise.all(cluster.nodes.slice(0, 2).map((node) => eventSeen(node, "redis-back", backAt)));
    await converge();
    alice.client.send.say(sayMessage("alice-r", "bob-r", "back again"));
    expect(await bob.received.next("say")).toMatchObject({ content: "back again" });
    expect(bob.received.all("say")).toHaveLength(1);
    // The state went back into the new (empty) Redis: a newcomer on the third node lists everyone.
    const erin = voxyMember(url(2), "erin-r");
    await erin.client.connect();
    const listed = (await erin.received.next("bind")).list?.map((entry) => entry.user_id).sort();
    expect(listed).toEqual(["alice-r", "bob-r", "dave-r"]);
  });

  it("a SIGKILLed node: its members leave presence and their calls drop within expiryMs", async () => {
    const alice = await boundMember(url(0), "alice-k");
    const carol = await boundMember(url(1), "carol-k");
    const bob = await boundMember(url(2), "bob-k");
    await converge();
    const answered = alice.client.request.callRemote(callRemote("alice-k", "bob-k"), { timeoutMs: 3_000 });
    await bob.received.next("call_remote_callback");
    bob.client.send.callRemoteCallback(callAnswer("bob-k", "alice-k", 1));
    await answered;
    const killedAt = Date.now();
    await cluster.nodes[2]?.kill();
    const dropped = await alice.received.next("cancel_phone", 5_000);
    expect(Date.now() - killedAt).toBeLessThan(expiryMs + 500);
    expect(dropped).toMatchObject({ action: "cancel_phone", user_id: "bob-k", to_userid: "alice-k" });
    await eventSeen(cluster.nodes[1], "node-left", killedAt);
    // bob is gone for every node: calling him is answered "no such user" (4), not busy.
    const absent = await carol.client.request.callRemote(callRemote("carol-k", "bob-k"), { timeoutMs: 3_000 });
    expect(absent).toMatchObject({ used_phone: 4 });
    expect(carol.received.all("cancel_phone")).toEqual([]);
  });
});
