import { Attacker, hasMember } from "./attacker.js";
import { vertoPasswords, workspaceId } from "./child-apps.js";
import type { FuzzProtocol } from "./profiles.js";

/** Before the handshake (`early`) or after it (`session`). */
export type Lane = "early" | "session";

type Opener = (port: number, lane: Lane, n: number) => Promise<Attacker>;

const wsUrl = (port: number, query = "") => `ws://127.0.0.1:${port}/${query}`;

async function voxy(port: number, lane: Lane, n: number): Promise<Attacker> {
  const attacker = await Attacker.open(wsUrl(port));
  const greeting = JSON.parse(await attacker.next((text) => hasMember(text, "action", "link_on"))) as {
    link_id: number;
  };
  if (lane === "session") {
    // to_userid "-1" would announce the attacker to everyone (other attackers included): named instead.
    const bind = {
      action: "bind",
      user_id: `att-${n}`,
      user_name: "a",
      user_img: "",
      link_id: greeting.link_id,
      to_userid: `att-${n}`,
    };
    attacker.sendText(JSON.stringify(bind));
    await attacker.next((text) => hasMember(text, "action", "bind"), 5_000, "the bind answer");
  }
  return attacker;
}

async function yueyue(port: number, _lane: Lane, n: number): Promise<Attacker> {
  const attacker = await Attacker.open(wsUrl(port, `?sid=${900 + n}s0a6d4b7e2c9f1835`));
  await attacker.next((text) => hasMember(text, "action", "create_token"), 5_000, "the greeting");
  return attacker;
}

async function kurento(port: number, lane: Lane, n: number): Promise<Attacker> {
  const attacker = await Attacker.open(wsUrl(port));
  if (lane === "session") {
    // A room of its own: no attacker is told about another one.
    const join = {
      id: "joinRoom",
      token: "t",
      userId: `att-${n}`,
      communityId: "0",
      roomId: `r-${900 + n}`,
      video: true,
      audio: true,
    };
    attacker.sendText(JSON.stringify(join));
    await attacker.next((text) => hasMember(text, "id", "existingParticipants"), 5_000, "existingParticipants");
  }
  return attacker;
}

async function verto(port: number, lane: Lane, n: number): Promise<Attacker> {
  const attacker = await Attacker.open(wsUrl(port));
  if (lane === "session") {
    const [login, passwd] = Object.entries(vertoPasswords)[0] ?? ["", ""];
    const params = { login, passwd, sessid: `att-${n}` };
    attacker.sendText(JSON.stringify({ jsonrpc: "2.0", id: "login", method: "login", params }));
    await attacker.next((text) => hasMember(text, "id", "login"), 5_000, "the login result");
  }
  return attacker;
}

/** A raw Engine.IO socket on the main namespace (EIO 4 connects with `40`; EIO 3 is connected by the server). */
function workspace(eio: 3 | 4): Opener {
  return async (port, lane, n) => {
    const attacker = await Attacker.open(wsUrl(port, `socket.io/?EIO=${eio}&transport=websocket`), eio);
    await attacker.next((text) => text.startsWith("0{"), 5_000, "the Engine.IO open packet");
    if (eio === 4) attacker.sendText("40");
    await attacker.next((text) => text.startsWith("40"), 5_000, "the namespace connect");
    if (lane === "session") {
      const auth = { transaction: `att-${n}`, token: `tok-att${n}-c${n}`, workspaceId };
      attacker.sendText(`42${JSON.stringify(["auth", auth])}`);
      await attacker.next((text) => text.startsWith('42["auth-success"'), 5_000, "auth-success");
    }
    return attacker;
  };
}

/** Opens an attacker connection, past the handshake for the `session` lane; its answers start empty. */
export function openerFor(protocol: FuzzProtocol, eio: 3 | 4 = 4): Opener {
  const openers: Record<FuzzProtocol, Opener> = {
    voxy,
    yueyue,
    "kurento-room": kurento,
    verto,
    workspace: workspace(eio),
  };
  const open = openers[protocol];
  return async (port, lane, n) => {
    const attacker = await open(port, lane, n);
    attacker.reset();
    return attacker;
  };
}
