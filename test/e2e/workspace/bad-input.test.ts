import type { SocketIoConnect } from "@wiretype/runtime";
import type { WorkspaceServerMessages } from "@wiretype/workspace";
import { afterEach, describe, expect, it } from "vitest";
import { skipInClusterMode } from "../support/cluster-mode.js";
import {
  Cleanup,
  connectV2,
  connectV4Io,
  Inbox,
  noClusterOnV2,
  rawIoClient,
  ServerV2,
  ServerV4,
  startWorkspaceServer,
  tokenFor,
  workspaceClient,
  workspaceId,
} from "../support/workspace.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const pairs: { name: string; socketIo: unknown; io: SocketIoConnect }[] = [
  { name: "socket.io 4 server, socket.io-client 4", socketIo: ServerV4, io: connectV4Io },
  { name: "socket.io 4 server, socket.io-client 2.5.0", socketIo: ServerV4, io: connectV2 },
  { name: "socket.io 2.5.1 server, socket.io-client 2.5.0", socketIo: ServerV2, io: connectV2 },
];

const onlineStatus = (index: number): WorkspaceServerMessages["online-status-updated"] => ({
  userId: `user-${index}`,
  onlineStatus: "online",
});

describe.each(pairs)("workspace end to end, bad input at the generated server: $name", ({ socketIo, io }) => {
  skipInClusterMode(socketIo === ServerV2, noClusterOnV2);
  it("answers each bad event with socket-api-error, survives, and another client misses nothing", async () => {
    const app = await startWorkspaceServer(cleanup, socketIo, { maxFrameBytes: 1024 });
    const listener = workspaceClient(cleanup, app.url, io, () => ({ token: tokenFor("ann", "c1"), workspaceId }));
    const statuses = new Inbox<string>();
    listener.on("online-status-updated", (update) => statuses.push(update.userId));
    await listener.connect();
    const offender = await rawIoClient(cleanup, io, app.url, [
      "socket-api-error",
      "socket-api-error-t-9",
      "auth-success",
    ]);
    offender.socket.emit("auth", { transaction: "t-0", token: tokenFor("eve", "c2"), workspaceId });
    expect((await offender.received.next()).event).toBe("auth-success");

    const badEvents: [string, unknown, string][] = [
      ["auth", { transaction: "t-9", token: 42, workspaceId }, "invalid-message"],
      ["auth", "not an object", "invalid-message"],
      ["conversation-broadcast", { data: "no action" }, "invalid-message"],
      ["take-over-the-world", { now: true }, "unknown-message"],
      ["conversation-broadcast", { action: "flood", data: "x".repeat(4096) }, "too-large"],
    ];
    const answers: unknown[] = [];
    for (const [index, [event, data]] of badEvents.entries()) {
      offender.socket.emit(event, data);
      app.connectionOf("ann")?.send("online-status-updated", onlineStatus(index));
      const answer = await offender.received.next();
      expect(answer.event).toBe("socket-api-error");
      answers.push(answer.data);
      if (index === 0) expect((await offender.received.next()).event).toBe("socket-api-error-t-9");
    }
    expect(answers).toEqual(badEvents.map(([event]) => ({ event, message: expect.any(String) })));
    expect(answers[0]).toMatchObject({ message: expect.stringContaining("token") });
    const refused = await Promise.all(badEvents.map(() => app.invalid.next()));
    expect(refused.map(({ error }) => error.kind)).toEqual(badEvents.map(([, , kind]) => kind));
    const received = await Promise.all(badEvents.map(() => statuses.next()));
    expect(received).toEqual(badEvents.map((_event, index) => `user-${index}`));
    expect(offender.socket.connected).toBe(true);
    expect(listener.state).toBe("open");
    expect(app.server.connections.size).toBe(2);
  });
});
