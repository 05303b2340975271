import type { FrameError } from "@wiretype/runtime";
import { createVoxyClient } from "@wiretype/voxy/client";
import { describe, expect, it } from "vitest";
import { fakeTransport } from "../support/fake-transports.js";

/**
 * A generated client bounds depth where it recurses, not by scanning every frame: a valid message with a
 * deep member no schema declares is delivered whole; a deep frame its guard refuses is reported too deep.
 */
const levels = 50_000;
const deep = `${"[".repeat(levels)}${"]".repeat(levels)}`;
/** The spec's `say` example (a push to the recipient). */
const say = {
  action: "say",
  content: "hello world",
  link_id: 2,
  time: "2020-11-07 09:00:00",
  list: [],
  to_userid: "2",
  to_userimg: "2",
  to_username: "2",
  category: "private",
  media: "",
};

async function connectedVoxy() {
  const transport = fakeTransport();
  const client = createVoxyClient({ url: "ws://127.0.0.1:1/", WebSocket: transport.WebSocket, reconnect: false });
  const delivered: unknown[] = [];
  const invalid: FrameError[] = [];
  client.on("say", (message) => delivered.push(message));
  client.onEvent("invalid", (error) => invalid.push(error));
  await client.connect();
  return { transport, client, delivered, invalid };
}

describe("a client receiving deep frames", () => {
  it("delivers a valid say whose undeclared member nests 50,000 levels", async () => {
    const { transport, client, delivered, invalid } = await connectedVoxy();
    transport.receive(`${JSON.stringify(say).slice(0, -1)},"extra":${deep}}`);
    expect(invalid).toEqual([]);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject(say);
    await client.close();
  });

  it("reports a deep frame its guard refuses as too deep, then delivers the next one", async () => {
    const { transport, client, delivered, invalid } = await connectedVoxy();
    transport.receive(`${JSON.stringify({ ...say, content: undefined }).slice(0, -1)},"content":${deep}}`);
    transport.receive(`${deep.slice(0, -1)}`);
    transport.receive(JSON.stringify(say));
    await expect.poll(() => delivered.length).toBe(1);
    expect(invalid.map((error) => error.kind)).toEqual(["too-deep", "too-deep"]);
    await client.close();
  });
});
