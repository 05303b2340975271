import { setTimeout as sleep } from "node:timers/promises";
import type { SocketIoConnect } from "@wiretype/runtime";
import type { WorkspaceServerMessages } from "@wiretype/workspace";
import { createWorkspaceServer } from "@wiretype/workspace/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Cleanup,
  connectV2,
  connectV4Io,
  Inbox,
  ServerV2,
  ServerV4,
  serverExamples,
  tokenFor,
  workspaceClient,
  workspaceId,
} from "../e2e/support/workspace.js";
import { freePort, type RedisServer, redisAvailable, startRedis } from "../support/redis-server.js";
import { settles, WorkspaceNode } from "./workspace-nodes.js";

/** Short, so a killed node's members leave within seconds: the bound is 1.25 × expiryMs after its last beat. */
const expiryMs = 1_200;
const duringOutage = { action: "sound", userId: "ann", data: { name: "outage" } };
const mediaState = { microphone: true, speakers: true, screen: false, camera: false, speaking: false };
const cleanup = new Cleanup();
let redis: RedisServer;
let nodes: WorkspaceNode[] = [];

/** How many sessions the whole cluster has, as `node` sees it (a broadcast no test client listens to). */
const sessionsSeenBy = (node: WorkspaceNode | undefined) =>
  node?.broadcast("password-changed", null) ?? Promise.resolve(0);

function member(node: WorkspaceNode | undefined, user: string, channel: string, io: SocketIoConnect) {
  const client = workspaceClient(cleanup, node?.url ?? "", io, () => ({ token: tokenFor(user, channel), workspaceId }));
  const pushes = new Inbox<WorkspaceServerMessages["conversation-broadcast"]>();
  const created = new Inbox<unknown>();
  const selected = new Inbox<WorkspaceServerMessages["user-selected-channel"]>();
  client.on("conversation-broadcast", (push) => pushes.push(push));
  client.on("channel-created", (push) => created.push(push));
  client.on("user-selected-channel", (push) => selected.push(push));
  return { client, pushes, created, selected };
}

describe.skipIf(!redisAvailable())("workspace on three cluster nodes (socket.io 4 + Redis adapter)", () => {
  beforeAll(async () => {
    redis = await startRedis();
    nodes = await Promise.all(["n0", "n1", "n2"].map((id) => WorkspaceNode.start(redis.url, id, expiryMs)));
    // Three processes loading tsx: seconds, more on a loaded machine.
  }, 30_000);
  afterAll(async () => {
    cleanup.run();
    await Promise.all(nodes.map((node) => node.kill()));
    await redis?.stop();
  });

  const n0 = () => nodes[0];
  const n1 = () => nodes[1];
  const n2 = () => nodes[2];
  const members = {} as Record<"ann" | "bo" | "cy" | "dan" | "eve", ReturnType<typeof member>>;

  it("forwards a conversation broadcast to members on other nodes, a 2.x-wire client included", async () => {
    members.ann = member(n0(), "ann", "c1", connectV4Io);
    members.bo = member(n1(), "bo", "c1", connectV2);
    members.cy = member(n2(), "cy", "c2", connectV4Io);
    await Promise.all(Object.values(members).map(({ client }) => client.connect()));
    for (const node of nodes)
      await settles(
        () => sessionsSeenBy(node),
        (count) => count === 3,
      );

    members.bo.client.send.conversationBroadcast({ action: "sound", userId: "forged", data: { name: "wave" } });
    const expected = { action: "sound", userId: "bo", data: { name: "wave" } };
    expect(await members.ann.pushes.next()).toEqual(expected);
    expect(await members.bo.pushes.next()).toEqual(expected);
    members.ann.client.send.conversationBroadcast({ action: "typing" });
    expect(await members.bo.pushes.next()).toEqual({ action: "typing", userId: "ann" });
    expect(await members.ann.pushes.next()).toEqual({ action: "typing", userId: "ann" });
    expect(await members.cy.pushes.nothingWithin(150)).toBeUndefined();
  });

  it("applies user-selected-channel sent on one node to the member it names on another", async () => {
    members.dan = member(n2(), "dan", "lobby", connectV2);
    await members.dan.client.connect();
    await settles(
      () => sessionsSeenBy(n0()),
      (count) => count === 4,
    );
    const socketId = (await n2()?.socketOf("dan")) ?? "";
    const announcement = { userId: "dan", channelId: "c1", userMediaState: mediaState, socketId };
    expect(await n0()?.broadcast("user-selected-channel", announcement)).toBe(4);
    for (const { selected } of Object.values(members)) expect(await selected.next()).toEqual(announcement);
    // The owning node joined dan; every node's mirror follows.
    await settles(
      () => n1()?.toRoom("c1", "password-changed", null) ?? Promise.resolve(0),
      (count) => count === 3,
    );

    members.dan.client.send.conversationBroadcast({ action: "sound", data: { name: "hi" } });
    const expected = { action: "sound", userId: "dan", data: { name: "hi" } };
    for (const name of ["ann", "bo", "dan"] as const) expect(await members[name].pushes.next()).toEqual(expected);
    expect(await members.cy.pushes.nothingWithin(150)).toBeUndefined();
  });

  it("counts and reaches every node's members with toRoom and broadcast", async () => {
    const example = serverExamples().get("channel-created");
    expect(await n1()?.toRoom("c1", "channel-created", example)).toBe(3);
    for (const name of ["ann", "bo", "dan"] as const) expect(await members[name].created.next()).toEqual(example);
    expect(await members.cy.created.nothingWithin(100)).toBeUndefined();
    expect(await n2()?.broadcast("channel-created", example)).toBe(4);
    for (const { created } of Object.values(members)) expect(await created.next()).toEqual(example);
  });

  it("forgets a SIGKILLed node's members within 1.25 × expiryMs of its last beat", async () => {
    await n2()?.kill();
    const killed = Date.now();
    for (const node of [n0(), n1()])
      await settles(
        () => sessionsSeenBy(node),
        (count) => count === 2,
      );
    expect(Date.now() - killed).toBeLessThan(expiryMs * 1.25 + 500);
    expect(await n1()?.toRoom("c1", "password-changed", null)).toBe(2);
    for (const node of [n0(), n1()]) expect(await node?.clusterEvents.next()).toBe("node-left:n2:expired:2");
  });

  it("while Redis is away: local members still receive; each message for another node's member is a delivery-failed", async () => {
    await redis.kill();
    for (const node of [n0(), n1()]) expect(await node?.clusterEvent("redis-lost")).toBe("redis-lost");
    members.ann.client.send.conversationBroadcast({ action: "sound", data: { name: "outage" } });
    expect(await members.ann.pushes.next()).toEqual(duringOutage);
    expect(await n0()?.clusterEvent("delivery-failed")).toBe("delivery-failed:n1:1");
    // Past expiryMs: the nodes do not forget each other while no beat can arrive; still reported per message.
    await sleep(expiryMs * 1.25 + 200);
    members.bo.client.send.conversationBroadcast({ action: "typing" });
    expect(await members.bo.pushes.next()).toEqual({ action: "typing", userId: "bo" });
    expect(await n1()?.clusterEvent("delivery-failed")).toBe("delivery-failed:n0:1");
    // A session opened meanwhile cannot be told to the others (reported, and published when Redis is back).
    members.eve = member(n1(), "eve", "c1", connectV4Io);
    await members.eve.client.connect();
    expect(await n1()?.clusterEvent("delivery-failed")).toMatch(/^delivery-failed:-:0$/);
  });

  it("Redis back: no crash, the mirrors whole again, every message arrives or is a delivery-failed", async () => {
    await redis.restart();
    for (const node of [n0(), n1()]) expect(await node?.clusterEvent("redis-back")).toBe("redis-back");
    expect(nodes.slice(0, 2).every((node) => node.alive)).toBe(true);
    // Redis restarted empty: n1 told n0 about eve, who connected during the outage.
    await settles(
      () => n0()?.toRoom("c1", "password-changed", null) ?? Promise.resolve(0),
      (count) => count === 3,
    );
    const failuresOf = (node: WorkspaceNode | undefined) =>
      node?.clusterEvents.all.filter((event) => event === "delivery-failed:n0:1").length ?? 0;
    const [failedBefore, arrivedBefore] = [failuresOf(n1()), members.ann.pushes.all.length];
    let attempts = 0;
    await settles(
      async () => {
        attempts += 1;
        members.bo.client.send.conversationBroadcast({ action: "typing" });
        await sleep(150);
        return members.ann.pushes.all.length - arrivedBefore;
      },
      (arrived) => arrived > 0,
    );
    // Every attempt ends as an arrival or a delivery-failed; under load the last may still be on its way.
    const accounted = async () => members.ann.pushes.all.length - arrivedBefore + failuresOf(n1()) - failedBefore;
    await settles(accounted, (count) => count >= attempts).catch(() => undefined);
    await sleep(100);
    expect(await accounted()).toBe(attempts);
    expect(members.ann.pushes.all.at(-1)).toEqual({ action: "typing", userId: "bo" });
    // The message of the outage was dropped and reported, not queued for later.
    expect(members.bo.pushes.all).not.toContainEqual(duringOutage);
    expect(members.eve.pushes.all).not.toContainEqual(duringOutage);
  });
});

describe("workspace cluster start", () => {
  it("rejects listen() with the Redis URL when Redis is unreachable", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const server = createWorkspaceServer({ socketIo: ServerV4, cluster: { redis: url } });
    await expect(server.listen()).rejects.toThrow(`cannot reach Redis at ${url}`);
  });

  it("rejects a socket.io 2.x Server: it has no cluster adapter", async () => {
    const server = createWorkspaceServer({ socketIo: ServerV2, cluster: { redis: "redis://127.0.0.1:1" } });
    await expect(server.listen()).rejects.toThrow(/socket\.io 2\.x Server.*socket\.io 4/);
  });
});
