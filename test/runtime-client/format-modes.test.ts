import type { FrameError } from "@wiretype/runtime";
import type { WorkspaceServerMessages } from "@wiretype/workspace";
import { createWorkspaceClient } from "@wiretype/workspace/client";
import { Server, type Socket } from "socket.io";
import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { Cleanup, Inbox, listenHttp } from "./support.js";

/**
 * `formats`: a client checks the schemas' `format` in what it receives (`assert`, the default) or takes
 * it as an annotation (`annotate`): a timestamp that is not a date-time is then delivered, while
 * everything else a schema says is still checked, before and after zod is loaded to explain a refusal.
 */
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

type MediaState = WorkspaceServerMessages["media-state-updated"];
type Logged =
  | { readonly event: "invalid"; readonly error: FrameError }
  | { readonly event: "delivered"; readonly message: MediaState };

const valid: MediaState = {
  userId: "9d4e6a2b-1c3f-4e5d-8a7b-6c5d4e3f2a19",
  channelId: "3f8a1b2c-4d5e-4f60-8a9b-0c1d2e3f4a5b",
  userMediaState: { microphone: true, startScreenTs: "2021-03-16T08:31:02.000Z" },
};
const notADate = { ...valid, userMediaState: { startScreenTs: "yesterday" } };
const notABoolean = { ...valid, userMediaState: { microphone: "yes", startScreenTs: "2021-03-16T08:31:02.000Z" } };
const noSuchDay = { ...valid, userMediaState: { startSpeakingTs: "2021-02-30T08:31:02Z" } };

async function socketIoServer(): Promise<{ url: string; sockets: Inbox<Socket> }> {
  const { url, attached } = await listenHttp(cleanup, (http) => new Server(http));
  const sockets = new Inbox<Socket>();
  attached.on("connection", (socket) => sockets.push(socket));
  return { url, sockets };
}

/**
 * What a client created with `formats` logs for the frames the server emits, in order: `frames` on a
 * first connection, then `later` on a second one (which decides with the full descriptor, loaded to
 * explain a refusal on the first).
 */
async function received(
  formats: "assert" | "annotate" | undefined,
  frames: readonly unknown[],
  later: readonly unknown[] = [],
): Promise<Logged[]> {
  const { url, sockets } = await socketIoServer();
  const client = createWorkspaceClient({ url, io, reconnect: false, ...(formats === undefined ? {} : { formats }) });
  cleanup.add(() => client.close());
  const log = new Inbox<Logged>();
  client.on("media-state-updated", (message) => log.push({ event: "delivered", message }));
  client.onEvent("invalid", (error) => log.push({ event: "invalid", error }));
  const logged: Logged[] = [];
  for (const batch of [frames, later]) {
    if (batch.length === 0) continue;
    await client.connect();
    const socket = await sockets.next();
    for (const frame of batch) socket.emit("media-state-updated", frame);
    for (const _ of batch) logged.push(await log.next());
    await client.close();
  }
  return logged;
}

const frames = [notADate, notABoolean, noSuchDay, valid];

describe("a client's formats option", () => {
  it("refuses values that do not match their format by default, saying which member", async () => {
    const log = await received(undefined, frames);
    expect(log.map((entry) => entry.event)).toEqual(["invalid", "invalid", "invalid", "delivered"]);
    const paths = log.map((entry) => (entry.event === "invalid" ? entry.error.issues.map((issue) => issue.path) : []));
    expect(paths.slice(0, 3)).toEqual([
      ["userMediaState.startScreenTs"],
      ["userMediaState.microphone"],
      ["userMediaState.startSpeakingTs"],
    ]);
    expect(await received("assert", frames)).toEqual(log);
  });

  it("with annotate, delivers what only a format refuses, before and after zod loads, and refuses the rest", async () => {
    const log = await received("annotate", frames, [notADate, notABoolean]);
    expect(log.map((entry) => entry.event)).toEqual([
      "delivered",
      "invalid",
      "delivered",
      "delivered",
      "delivered",
      "invalid",
    ]);
    expect(log[0]).toEqual({ event: "delivered", message: notADate });
    const refused = log[1];
    expect(refused?.event === "invalid" && refused.error.issues.map((issue) => issue.path)).toEqual([
      "userMediaState.microphone",
    ]);
    expect(log[2]).toEqual({ event: "delivered", message: noSuchDay });
    expect(log[4]).toEqual({ event: "delivered", message: notADate });
  });

  it("asserts again on a second connection by default", async () => {
    const log = await received("assert", [notABoolean], [notADate]);
    expect(log.map((entry) => entry.event)).toEqual(["invalid", "invalid"]);
  });
});
