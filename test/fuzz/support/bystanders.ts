import type { SocketIoConnect } from "@wiretype/runtime";
import { createVertoClient } from "@wiretype/verto/client";
import { createWorkspaceClient, type WorkspaceClient } from "@wiretype/workspace/client";
import type { YueyueClientMessages } from "@wiretype/yueyue";
import { createYueyueClient } from "@wiretype/yueyue/client";
import { io as connectV4 } from "socket.io-client";
import { WebSocket } from "ws";
import { joinedParticipant } from "../../e2e/support/kurento-room.js";
import { boundMember, sayMessage } from "../../e2e/support/voxy.js";
import { onCleanup, waitFor } from "../../support/lifecycle.js";
import { vertoPasswords, workspaceId } from "./child-apps.js";
import { type FuzzProtocol, profileOf, validExamples } from "./profiles.js";

/** A connection past its handshake that must keep working through the storm: `probe` makes it talk once. */
export interface Bystander {
  probe(token: string): Promise<void>;
}

const ms = 5_000;

async function voxy(url: string): Promise<Bystander> {
  const bob = await boundMember(url, "bys-bob");
  const carol = await boundMember(url, "bys-carol");
  return {
    async probe(token) {
      carol.client.send.say(sayMessage("bys-carol", "bys-bob", token));
      await waitFor(() => bob.received.all("say").find((say) => say.content === token), ms, `bob's say ${token}`);
    },
  };
}

async function kurento(url: string): Promise<Bystander> {
  const watcher = await joinedParticipant(url, "bys-watcher", { roomId: "r-5" });
  return {
    async probe(token) {
      await joinedParticipant(url, `bys-${token}`, { roomId: "r-5" });
      const arrived = () =>
        watcher.inbox.all("newParticipantArrived").find((push) => push.member.userId === `bys-${token}`);
      await waitFor(arrived, ms, `newParticipantArrived ${token}`);
    },
  };
}

async function verto(url: string): Promise<Bystander> {
  const [login, passwd] = Object.entries(vertoPasswords)[0] ?? ["", ""];
  const client = createVertoClient({
    url,
    WebSocket,
    reconnect: false,
    handshake: () => ({ login, passwd, sessid: "bys-1" }),
  });
  onCleanup(() => client.close());
  await client.connect();
  return {
    async probe(token) {
      const answer = await client.request.echo({ sessid: token }, { timeoutMs: ms });
      if (answer.sessid !== token) throw new Error(`echo answered ${JSON.stringify(answer)}`);
    },
  };
}

async function yueyue(url: string): Promise<Bystander> {
  const examples = validExamples(profileOf("yueyue"), "client");
  const report = examples.get("enter_room_report") as unknown as YueyueClientMessages["enter_room_report"];
  const client = createYueyueClient({ url, query: { sid: "1233s0a6d4b7e2c9f1835" }, WebSocket, reconnect: false });
  const pushes: unknown[] = [];
  client.on("enter_room", (push) => pushes.push(push));
  onCleanup(() => client.close());
  await client.connect();
  return {
    async probe(token) {
      const before = pushes.length;
      client.sendMessage("enter_room_report", { ...report, online_token: token, sign: "" });
      await waitFor(() => pushes[before], ms, `enter_room after ${token}`);
    },
  };
}

const connectV4Io: SocketIoConnect = (url, options) =>
  connectV4(url, options) as unknown as ReturnType<SocketIoConnect>;

async function workspaceMember(url: string, user: string): Promise<WorkspaceClient> {
  const handshake = () => ({ token: `tok-${user}-bys`, workspaceId });
  const client = createWorkspaceClient({
    url,
    io: connectV4Io,
    reconnect: false,
    ioOptions: { transports: ["websocket"] },
    handshake,
  });
  onCleanup(() => client.close());
  await client.connect();
  return client;
}

async function workspace(url: string): Promise<Bystander> {
  const ann = await workspaceMember(url, "ann");
  const bo = await workspaceMember(url, "bo");
  const names: string[] = [];
  bo.on("conversation-broadcast", (push) => names.push(JSON.stringify(push.data)));
  return {
    async probe(token) {
      ann.send.conversationBroadcast({ action: "sound", userId: "ann", data: { name: token } });
      await waitFor(() => names.find((name) => name.includes(token)), ms, `bo's broadcast ${token}`);
    },
  };
}

const starters: Record<FuzzProtocol, (url: string) => Promise<Bystander>> = {
  voxy,
  yueyue,
  "kurento-room": kurento,
  verto,
  workspace,
};

export function startBystander(protocol: FuzzProtocol, port: number): Promise<Bystander> {
  const scheme = protocol === "workspace" ? "http" : "ws";
  return starters[protocol](`${scheme}://127.0.0.1:${port}${protocol === "workspace" ? "" : "/"}`);
}

/** Client keys whose handler answers the probe: never sent valid by attackers (yueyue has no session to stop them). */
export const probeKeys: Readonly<Record<FuzzProtocol, readonly string[]>> = {
  voxy: [],
  yueyue: ["enter_room_report"],
  "kurento-room": [],
  verto: [],
  workspace: [],
};
