import { describe, expect, it } from "vitest";
import { runKurentoRoomApp } from "../../docs/snippets/kurento-room/app.gen.js";
import { runVertoApp } from "../../docs/snippets/verto/app.gen.js";
import { runVoxyApp } from "../../docs/snippets/voxy/app.gen.js";
import { runWorkspaceApp } from "../../docs/snippets/workspace/app.gen.js";
import { runYueyueApp } from "../../docs/snippets/yueyue/app.gen.js";

/** The "Use it in your app" programs of the docs site (docs/snippets/<id>/app.gen.ts), run as a reader runs them. */

describe("docs app examples run end to end", () => {
  it("voxy: greeting, handshake, request and pushed event", async () => {
    const result = await runVoxyApp();
    expect(result.greeting.action).toBe("link_on");
    expect(result.answer.action).toBe("call_remote_callback");
    expect(result.pushed.action).toBe("cancel_phone");
  });

  it("yueyue: greeting and pushed event, over the spec's query", async () => {
    const result = await runYueyueApp();
    expect(result.greeting.action).toBe("create_token");
    expect(result.pushed.action).toBe("boom_gift");
  });

  it("workspace (Socket.IO 4): handshake and pushed event", async () => {
    const result = await runWorkspaceApp();
    expect(result.pushed.channelId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("verto (JSON-RPC): login, request and pushed notification", async () => {
    const result = await runVertoApp();
    expect(result.answer.message).toContain("UP 0 years");
    expect(result.pushed).toEqual({});
  });

  it("kurento-room: join, request and pushed event", async () => {
    const result = await runKurentoRoomApp();
    expect(result.answer.id).toBe("audioStateAnswer");
    expect(result.pushed.id).toBe("newParticipantArrived");
  });
});
