import type { YueyueServerMessages } from "@wiretype/yueyue";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Cleanup, Inbox, specExamples, WebSocket } from "../e2e/support/yueyue.js";
import { redisAvailable } from "../support/redis-server.js";
import { startCluster, type TestCluster } from "./support/cluster.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** A raw client of a node with its sid; what it receives, parsed. */
async function member(url: string, sid: string) {
  const inbox = new Inbox<Record<string, unknown>>();
  const socket = new WebSocket(`${url}?sid=${sid}`);
  socket.on("message", (data) => inbox.push(JSON.parse(String(data)) as Record<string, unknown>));
  cleanup.add(() => socket.close());
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  expect(await inbox.next()).toMatchObject({ action: "create_token", online_token: `token-${sid}` });
  return inbox;
}

describe.skipIf(!redisAvailable())("yueyue cluster: room pushes over three nodes", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster("yueyue");
  }, 30_000);
  afterAll(() => cluster?.stop());
  const url = (index: number) => cluster.nodes[index]?.url ?? "";

  it("broadcasts the application's room notice from one node to members on every node", async () => {
    const inboxes = await Promise.all([0, 1, 2].map((index) => member(url(index), `100${index}s0a6d4b7e2c9f`)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const notice = specExamples("server").get("room_notice")?.[0] as unknown as YueyueServerMessages["room_notice"];
    expect(await cluster.nodes[1]?.ask({ type: "broadcast", key: "room_notice", message: notice })).toBe(3);
    for (const inbox of inboxes) expect(await inbox.next()).toEqual(notice);
  });
});
