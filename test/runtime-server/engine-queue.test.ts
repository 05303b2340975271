import { voxyProtocol } from "@wiretype/voxy/protocol";
import { describe, expect, it } from "vitest";
import { Engine } from "../../runtime/src/server/engine.js";
import type { AnyDescriptor } from "../../runtime/src/server/view.js";

const descriptor = voxyProtocol as unknown as AnyDescriptor;
const say = (content: string) => ({
  action: "say",
  type: "1",
  user_id: "a",
  to_userid: "b",
  content,
  category: "private",
  media: "",
});

/** A voxy engine with one connection, whose handlers record the order they ran in. */
function recordingEngine() {
  const engine = new Engine(descriptor, { authenticate: () => true });
  const connection = engine.open({ deliver: () => {}, close: () => {} });
  const ran: string[] = [];
  const receive = (message: { content: string }) => engine.receive(connection, { key: "say", message });
  return { engine, connection, ran, receive };
}

describe("the engine's per-connection queue", () => {
  it("handles a frame at once when nothing is in flight, with no microtask", () => {
    const { engine, connection, ran, receive } = recordingEngine();
    connection.authenticated = true;
    engine.handlers.set("say", (message) => {
      ran.push((message as { content: string }).content);
    });
    receive(say("first"));
    expect(ran).toEqual(["first"]);
  });

  it("holds later frames until an asynchronous handler settles, then runs them in order, then at once again", async () => {
    const { engine, connection, ran, receive } = recordingEngine();
    connection.authenticated = true;
    let release = () => {};
    engine.handlers.set("say", (message) => {
      const { content } = message as { content: string };
      if (content !== "slow") {
        ran.push(content);
        return;
      }
      return new Promise<void>((resolve) => {
        release = () => {
          ran.push(content);
          resolve();
        };
      });
    });
    receive(say("slow"));
    receive(say("second"));
    receive(say("third"));
    expect(ran).toEqual([]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ran).toEqual(["slow", "second", "third"]);
    receive(say("fourth"));
    expect(ran).toEqual(["slow", "second", "third", "fourth"]);
  });

  it("keeps handling a connection's frames after a handler threw, synchronously or not", async () => {
    const { engine, connection, ran, receive } = recordingEngine();
    connection.authenticated = true;
    const errors: string[] = [];
    engine.on("error", (_, error) => errors.push(error.message));
    engine.handlers.set("say", async (message) => {
      const { content } = message as { content: string };
      if (content === "throw") throw new Error("handler failed");
      ran.push(content);
    });
    receive(say("throw"));
    receive(say("after"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors).toEqual(["handler failed"]);
    expect(ran).toEqual(["after"]);
  });
});
