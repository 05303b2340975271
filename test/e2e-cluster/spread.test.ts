import type { WorkspaceServerMessages } from "@wiretype/workspace";
import { afterEach, describe, expect, it } from "vitest";
import { clusterMode, clusterNodes, crossNodeSettle } from "../e2e/support/cluster-mode.js";
import { boundMember, sayMessage, startVoxyServer } from "../e2e/support/voxy.js";
import {
  Cleanup,
  connectV2,
  Inbox,
  ServerV4,
  serverExamples,
  startWorkspaceServer,
  tokenFor,
  workspaceClient,
  workspaceId,
} from "../e2e/support/workspace.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** The e2e suite's cluster mode itself: what makes its passing tests mean "two ends on different nodes". */
describe("e2e cluster mode: three nodes on one Redis behind a round-robin balancer", () => {
  it("runs in cluster mode (this project sets WIRETYPE_E2E_CLUSTER=1)", () => {
    expect(clusterMode).toBe(true);
  });

  it("puts the 1st, 2nd and 3rd client on three different nodes, which reach each other only through Redis", async () => {
    const { url, nodes } = await startVoxyServer();
    expect(nodes).toHaveLength(clusterNodes);
    const alice = await boundMember(url, "alice");
    const bob = await boundMember(url, "bob");
    const carol = await boundMember(url, "carol");
    expect(nodes.map((node) => [...node.connections.values()].map((connection) => connection.presenceKey))).toEqual([
      ["alice"],
      ["bob"],
      ["carol"],
    ]);
    alice.client.send.say(sayMessage("alice", "carol", "from node 0 to node 2"));
    expect(await carol.received.next("say")).toMatchObject({ user_id: "alice", content: "from node 0 to node 2" });
    expect(bob.received.all("say")).toEqual([]);
  });

  it("spreads Socket.IO clients (websocket transport, 2.x wire) over the nodes of the Redis adapter", async () => {
    const app = await startWorkspaceServer(cleanup, ServerV4);
    const created = serverExamples().get("channel-created") as WorkspaceServerMessages["channel-created"];
    const heard = new Inbox<string>();
    const users = ["ann", "bo", "cy"];
    for (const user of users) {
      const client = workspaceClient(cleanup, app.url, connectV2);
      client.on("channel-created", () => heard.push(user));
      await client.connect();
      await client.request.auth({ transaction: `t-${user}`, token: tokenFor(user, "c1"), workspaceId });
    }
    const usersByNode = app.nodes.map((node) => [...node.connections.values()].map((c) => c.data.get("userId")));
    expect(usersByNode).toEqual(users.map((user) => [user]));
    // The Socket.IO cluster answers auth before the other nodes' copies have the member (the WebSocket
    // nodes hold such answers until Redis has the change): let the copies catch up.
    await crossNodeSettle();
    app.nodes[1]?.toRoom("c1", "channel-created", created);
    expect([await heard.next(), await heard.next(), await heard.next()].sort()).toEqual(users);
  });
});
