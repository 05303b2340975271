import { phpJsonSign } from "@wiretype/runtime";
import type { YueyueServerMessages } from "@wiretype/yueyue";
import { afterEach, describe, expect, it } from "vitest";
import {
  Cleanup,
  discoveringClient,
  Inbox,
  rawSocket,
  startDiscovery,
  startYueyueServer,
  tokenOf,
} from "../support/yueyue.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const sid = "1001s7c41e09b5d2a6f38";
/** The spec's signed `enter_room_report` example, with its md5. */
const signedReport = {
  action: "enter_room_report",
  user_id: 1233,
  online_token: "12f3b5a0c9d8e7f6a5b4c3d2e1f0a9b8c7",
  sid,
  timestamp: 1525328461,
  sign: "71999c25a408f4c86a52eb9e88f99136",
};

describe("yueyue end to end: the server checks signatures like the real one", () => {
  it("drops a wrongly signed frame silently (only `invalid` sees it) and accepts the correctly signed one", async () => {
    const app = await startYueyueServer(cleanup);
    const handled = new Inbox<unknown>();
    app.server.on("enter_room_report", (report) => handled.push(report));
    const raw = await rawSocket(cleanup, `${app.url}?sid=${sid}`);
    expect(await raw.frames.next()).toEqual({ action: "create_token", online_token: tokenOf(sid) });

    raw.send({ ...signedReport, sign: "00000000000000000000000000000000" });
    // An integer and a numeric string hash differently: the same sign no longer matches.
    raw.send({ ...signedReport, user_id: "1233" });
    const refused = [await app.invalid.next(), await app.invalid.next()].map(({ error }) => error);
    expect(refused.map((error) => [error.kind, error.messageName])).toEqual([
      ["bad-signature", "enter_room_report"],
      ["bad-signature", "enter_room_report"],
    ]);
    expect(refused[1]?.issues[0]).toMatchObject({
      path: "sign",
      expected: phpJsonSign({ ...signedReport, user_id: "1233" }, "sign"),
    });

    // No sign at all: the reference server checks the sign before anything else and answers nothing
    // (wsyandy/t1 BaseRequest::checkSign, SwooleEvents::onMessageEvent), so neither do we.
    const { sign: _unsigned, ...withoutSign } = signedReport;
    raw.send(withoutSign);
    expect((await app.invalid.next()).error).toMatchObject({ kind: "bad-signature", messageName: "enter_room_report" });
    raw.send(signedReport);
    expect(await handled.next()).toEqual(signedReport);
    expect(handled.all).toHaveLength(1);
    expect(await raw.frames.nothingWithin(150)).toBeUndefined();
  });
});

describe("yueyue end to end: bad input at the server", () => {
  it("answers each bad frame with the error frame, keeps the connection, and another client misses nothing", async () => {
    const app = await startYueyueServer(cleanup, { maxFrameBytes: 1024 });
    app.server.on("room_channel_status_report", () => {
      throw new Error("storage is down");
    });
    const discovery = await startDiscovery(cleanup, app.url, 15);
    const listener = discoveringClient(cleanup, discovery.url, sid);
    const pushes = new Inbox<string>();
    listener.client.on("sink_notice", (push) => pushes.push(push.title));
    await listener.client.connect();
    await listener.greetings.next();
    const offender = await rawSocket(cleanup, `${app.url}?sid=2000s1`);
    await offender.frames.next();

    const statusReport = { action: "room_channel_status_report", sid: "2000s1", status: 1 };
    const badFrames: [unknown, string][] = [
      ["{not json", "malformed-json"],
      ["[1,2,3]", "not-an-object"],
      [{ user_id: 1 }, "missing-key"],
      [{ action: "fly_to_moon" }, "unknown-message"],
      [
        { ...signedReport, user_id: true, sign: phpJsonSign({ ...signedReport, user_id: true }, "sign") },
        "invalid-message",
      ],
      [{ ...signedReport, online_token: "x".repeat(2048) }, "too-large"],
      [{ ...statusReport, sign: phpJsonSign(statusReport, "sign") }, "handler-failed"],
    ];
    const notice = (index: number): YueyueServerMessages["sink_notice"] => ({
      action: "sink_notice",
      title: `notice ${index}`,
      content: "快来听歌",
      client_url: "app://rooms/detail?id=1001",
    });
    const answers: Record<string, unknown>[] = [];
    for (const [index, [frame]] of badFrames.entries()) {
      offender.send(frame);
      app.connectionOf(sid)?.send("sink_notice", notice(index));
      answers.push(await offender.frames.next());
    }
    expect(answers.map((answer) => [answer.action, answer.kind])).toEqual(badFrames.map(([, kind]) => ["error", kind]));
    expect(answers[4]).toMatchObject({ details: [expect.objectContaining({ path: "user_id" })] });
    expect(answers[6]).toMatchObject({ message: "storage is down" });
    const titles = await Promise.all(badFrames.map(() => pushes.next()));
    expect(titles).toEqual(badFrames.map((_frame, index) => `notice ${index}`));
    expect(offender.socket.readyState).toBe(offender.socket.OPEN);
    expect(listener.client.state).toBe("open");
    expect(app.server.connections.size).toBe(2);
  });
});
