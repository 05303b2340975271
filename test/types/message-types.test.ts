import type { JoinRoom, KurentoRoomClientMessages, Member } from "@wiretype/kurento-room/types";
import type { KeyedDispatch } from "@wiretype/runtime";
import type { VertoClientMessages, VertoClientReplies } from "@wiretype/verto/types";
import { voxyServerDispatch } from "@wiretype/voxy/schemas";
import type { Bind, Say, VoxyClientMessage, VoxyServerMessages } from "@wiretype/voxy/types";
import type { Auth, WorkspaceServerMessages } from "@wiretype/workspace/types";
import { describe, expectTypeOf, it } from "vitest";

/**
 * Type-level tests: `pnpm typecheck` compiles this file, so each `@ts-expect-error` must still be an
 * error (a wrong field name or type must not compile) and each `expectTypeOf` must hold.
 */
describe("generated message types", () => {
  it("refuse a misspelled or mistyped field", () => {
    const bind: Bind = { action: "bind", user_id: "1", link_id: 2, to_userid: "-1" };
    // @ts-expect-error -- `userId` is not a field of bind (the wire name is `user_id`).
    const misspelled: Bind = { action: "bind", userId: "1", link_id: 2, to_userid: "-1" };
    // @ts-expect-error -- `link_id` is an integer in bind.
    const mistyped: Bind = { action: "bind", user_id: "1", link_id: "2", to_userid: "-1" };
    // @ts-expect-error -- the discriminator is fixed: a bind frame cannot claim to be a say frame.
    const wrongAction: Bind = { action: "say", user_id: "1", link_id: 2, to_userid: "-1" };
    // @ts-expect-error -- `audio` is required in joinRoom.
    const missing: JoinRoom = {
      id: "joinRoom",
      token: "t",
      userId: "1",
      communityId: "0",
      roomId: "c-1",
      video: false,
    };
    expectTypeOf(bind).toEqualTypeOf<Bind>();
    void [misspelled, mistyped, wrongAction, missing];
  });

  it("keep closed value sets closed and open ones open", () => {
    // @ts-expect-error -- onlineStatus is one of online, idle, offline.
    const badStatus: Auth = { token: "t", workspaceId: "w", onlineStatus: "away" };
    const say: Say["type"] = "14";
    expectTypeOf<Say["type"]>().toExtend<string | undefined>();
    expectTypeOf<"1">().toExtend<NonNullable<Say["type"]>>();
    void [badStatus, say];
  });

  it("map wire names to messages, per side", () => {
    expectTypeOf<VoxyServerMessages["bind"]["action"]>().toEqualTypeOf<"bind">();
    expectTypeOf<KurentoRoomClientMessages["joinRoom"]>().toEqualTypeOf<JoinRoom>();
    expectTypeOf<WorkspaceServerMessages["password-changed"]>().toEqualTypeOf<null>();
    expectTypeOf<VertoClientMessages>().toHaveProperty("verto.invite");
    expectTypeOf<VertoClientReplies>().toHaveProperty("login");
    expectTypeOf<Bind>().toExtend<VoxyClientMessage>();
    // @ts-expect-error -- link_on is sent by the server, never by the client.
    const fromClient: VoxyClientMessage = { action: "link_on", content: "", link_id: 1, category: "system" };
    void fromClient;
  });

  it("narrow a decoded frame by its wire name", () => {
    expectTypeOf(voxyServerDispatch).toExtend<KeyedDispatch<VoxyServerMessages>>();
    const result = voxyServerDispatch.decode("{}");
    if (result.ok && result.name === "link_on") {
      expectTypeOf(result.message.link_id).toEqualTypeOf<number>();
    }
    expectTypeOf<Member["video"]>().toEqualTypeOf<boolean>();
  });
});
