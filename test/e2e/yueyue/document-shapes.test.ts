import { phpJsonSign } from "@wiretype/runtime";
import type { YueyueServerMessages } from "@wiretype/yueyue";
import { afterEach, describe, expect, it } from "vitest";
import {
  Cleanup,
  discoveringClient,
  Inbox,
  rawSocket,
  specExamples,
  startDiscovery,
  startYueyueServer,
} from "../support/yueyue.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const sid = "1233s0a6d4b7e2c9f1835";
type Push = keyof YueyueServerMessages & string;
const serverExamples = specExamples("server");

function example(key: Push): Record<string, unknown> {
  const found = serverExamples.get(key)?.[0];
  if (found === undefined) throw new Error(`the spec has no example of ${key}`);
  return found;
}

/** `frame` without the member at `path` (`a` or `a.b`). */
function without(frame: Record<string, unknown>, path: string): Record<string, unknown> {
  const [head, tail] = path.split(".") as [string, string | undefined];
  const { [head]: inner, ...rest } = frame;
  if (tail === undefined) return rest;
  const { [tail]: _dropped, ...kept } = inner as Record<string, unknown>;
  return { ...rest, [head]: kept };
}

/** A connected generated client, the server side of its connection, and what the client accepts or refuses. */
async function listeningClient() {
  const app = await startYueyueServer(cleanup);
  const discovery = await startDiscovery(cleanup, app.url, 15);
  const { client } = discoveringClient(cleanup, discovery.url, sid);
  await client.connect();
  const accepted = new Inbox<{ key: string; message: unknown }>();
  const refused = new Inbox<{ messageName: string | undefined; paths: string[] }>();
  for (const key of ["up", "down", "exit_room", "enter_room"] as const) {
    client.on(key, (message) => accepted.push({ key, message }));
  }
  client.onEvent("invalid", (error) =>
    refused.push({ messageName: error.messageName, paths: error.issues.map((issue) => issue.path) }),
  );
  const connection = app.connectionOf(sid);
  const push = (key: Push, frame: Record<string, unknown>) =>
    connection?.send(key, frame as unknown as YueyueServerMessages[Push]);
  return { app, accepted, refused, push };
}

describe("yueyue end to end: pushes have the fields the document shows", () => {
  it("accepts each seat push with exactly its own fields and refuses one that lacks any of them", async () => {
    const { accepted, refused, push } = await listeningClient();
    const downSeat = ["id", "status", "microphone", "rank", "room_id"];
    const seats: [Push, string[]][] = [
      ["up", ["user_id", "sex", "avatar_url", "avatar_small_url", "nickname", ...downSeat]],
      ["down", downSeat],
      ["exit_room", ["id", "status", "microphone"]],
    ];
    for (const [key, fields] of seats) {
      expect(Object.keys(example(key).room_seat as object).sort()).toEqual([...fields].sort());
      push(key, example(key));
      expect(await accepted.next()).toEqual({ key, message: example(key) });
      for (const name of fields) {
        push(key, without(example(key), `room_seat.${name}`));
        expect(await refused.next()).toEqual({ messageName: key, paths: [`room_seat.${name}`] });
      }
    }
    expect(await accepted.nothingWithin(100)).toBeUndefined();
  });

  it("requires exit_room's seat and enter_room's tier, tier text and car gift, as the document shows them", async () => {
    const { accepted, refused, push } = await listeningClient();
    const cases: [Push, string][] = [
      ["exit_room", "room_seat"],
      ["enter_room", "i_segment"],
      ["enter_room", "i_segment_text"],
      ["enter_room", "user_car_gift"],
    ];
    for (const [key, name] of cases) {
      push(key, without(example(key), name));
      expect(await refused.next()).toEqual({ messageName: key, paths: [name] });
    }
    expect(await accepted.nothingWithin(100)).toBeUndefined();
  });

  it("types push ids as the document's integers: a seat with a numeric-string id or a 1/0 microphone is refused", async () => {
    const { refused, push } = await listeningClient();
    const up = example("up");
    const seat = up.room_seat as Record<string, unknown>;
    push("up", { ...up, room_seat: { ...seat, id: String(seat.id) } });
    expect(await refused.next()).toEqual({ messageName: "up", paths: ["room_seat.id"] });
    push("up", { ...up, room_seat: { ...seat, microphone: 1 } });
    expect(await refused.next()).toEqual({ messageName: "up", paths: ["room_seat.microphone"] });
  });
});

describe("yueyue end to end: signed client ids may be numeric strings (field notes)", () => {
  it("accepts a report whose user_id and timestamp are numeric strings when it is signed over them", async () => {
    const app = await startYueyueServer(cleanup);
    const handled = new Inbox<unknown>();
    app.server.on("exit_room_report", (report) => handled.push(report));
    const raw = await rawSocket(cleanup, `${app.url}?sid=${sid}`);
    await raw.frames.next();
    const unsigned = { action: "exit_room_report", user_id: "1233", online_token: "t", sid, timestamp: "1525328461" };
    const report = { ...unsigned, sign: phpJsonSign(unsigned, "sign") };
    raw.send(report);
    expect(await handled.next()).toEqual(report);
    expect(await raw.frames.nothingWithin(100)).toBeUndefined();
  });
});
