import { phpJsonSign } from "@wiretype/runtime";
import { heartbeatTimeoutCode } from "@wiretype/runtime/server";
import type { YueyueClientMessages } from "@wiretype/yueyue";
import { afterEach, describe, expect, it } from "vitest";
import {
  Cleanup,
  discoveringClient,
  Inbox,
  rawSocket,
  startDiscovery,
  startYueyueServer,
  tokenOf,
  until,
} from "../support/yueyue.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const sid = "1233s0a6d4b7e2c9f1835";

describe("yueyue end to end: heartbeat", () => {
  it("pings at the discovered ping_interval with signed pings, and stays open past the server's timeout", async () => {
    const app = await startYueyueServer(cleanup, { heartbeatTimeoutMs: 1_500 });
    const pings = new Inbox<{ at: number; ping: YueyueClientMessages["ping"] }>();
    app.server.on("ping", (ping) => pings.push({ at: Date.now(), ping }));
    const discovery = await startDiscovery(cleanup, app.url, 1);
    const { client } = discoveringClient(cleanup, discovery.url, sid);
    const connectedAt = Date.now();
    await client.connect();
    const first = await pings.next(2_000);
    const second = await pings.next(2_000);
    // The spec's default is 15 s: pings a second apart can only come from the discovery answer.
    expect(first.at - connectedAt).toBeGreaterThanOrEqual(900);
    expect(second.at - first.at).toBeGreaterThanOrEqual(900);
    expect(second.at - first.at).toBeLessThan(1_400);
    expect(first.ping).toMatchObject({ action: "ping", online_token: tokenOf(sid), sid });
    expect(first.ping.sign).toBe(phpJsonSign({ ...first.ping }, "sign"));
    expect(client.state).toBe("open");
    expect(app.connectionOf(sid)).toBeDefined();
  });

  it("closes a client that does not ping within the timeout, and only that one", async () => {
    const app = await startYueyueServer(cleanup, { heartbeatTimeoutMs: 400 });
    const disconnects = new Inbox<{ sid: string | undefined; reason: string }>();
    app.server.onEvent("disconnect", (connection, reason) => disconnects.push({ sid: connection.query.sid, reason }));
    const discovery = await startDiscovery(cleanup, app.url, 30);
    const silent = discoveringClient(cleanup, discovery.url, sid);
    await silent.client.connect();
    const pinger = await rawSocket(cleanup, `${app.url}?sid=2000s1`);
    const ping = { action: "ping", online_token: tokenOf("2000s1"), timestamp: 1525328460, sid: "2000s1" };
    const timer = setInterval(() => pinger.send({ ...ping, sign: phpJsonSign(ping, "sign") }), 100);
    cleanup.add(() => clearInterval(timer));
    const startedAt = Date.now();

    expect(await disconnects.next(2_000)).toEqual({ sid, reason: `${heartbeatTimeoutCode} heartbeat timeout` });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
    // reconnect: false, so the client stays closed.
    await until(() => silent.client.state === "closed", 2_000);
    expect(silent.pings).toEqual([]);
    expect(await disconnects.nothingWithin(600)).toBeUndefined();
    expect(pinger.socket.readyState).toBe(pinger.socket.OPEN);
  });
});
