import { randomUUID } from "node:crypto";
import type { ClientOptions } from "@wiretype/runtime";
import type { ServerOptions } from "@wiretype/runtime/server";
import { createVertoClient, type VertoClient } from "@wiretype/verto/client";
import { createVertoServer, type VertoServer } from "@wiretype/verto/server";
import type { VertoClientMessages, VertoServerMessages } from "@wiretype/verto/types";
import { WebSocket } from "ws";
import { onCleanup, settle, waitFor } from "../../support/lifecycle.js";
import { startNodes } from "./cluster-mode.js";

export { onCleanup, settle, waitFor };

/** The directory the test login handler checks. */
export const users: Readonly<Record<string, string>> = {
  "1000@seven.local": "secret-1000",
  "1001@seven.local": "secret-1001",
  "admin@seven.local": "secret-admin",
};

export type WireFrame = Record<string, unknown>;

/** Every JSON frame one client put on the wire and got from it, to check ids and answers. */
export interface Wire {
  readonly sent: WireFrame[];
  readonly received: WireFrame[];
}

/** `ws`'s WebSocket, recording each frame (the generated client hides ids and acknowledgements). */
export function tappedWebSocket(wire: Wire): new (url: string, protocols?: string | string[]) => WebSocket {
  return class TappedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      const send = this.send.bind(this);
      this.send = ((data: string) => {
        wire.sent.push(JSON.parse(data) as WireFrame);
        send(data);
      }) as WebSocket["send"];
      this.addEventListener("message", (event) => wire.received.push(JSON.parse(String(event.data)) as WireFrame));
    }
  };
}

type ServerKey = keyof VertoServerMessages & string;
const serverKeys: ServerKey[] = ["verto.clientReady", "verto.event", "verto.media", "verto.answer", "verto.bye"];
serverKeys.push("verto.ping", "verto.invite", "verto.attach", "verto.display", "verto.info", "verto.punt");

/** Everything one generated client received, by key, in order; `next` takes them one by one. */
export class Received {
  readonly #items: { key: ServerKey; message: unknown }[] = [];
  readonly #taken = new Map<ServerKey, number>();

  constructor(client: VertoClient) {
    for (const key of serverKeys) client.on(key, (message) => this.#items.push({ key, message }));
  }

  all<K extends ServerKey>(key: K): VertoServerMessages[K][] {
    return this.#items.filter((item) => item.key === key).map((item) => item.message as VertoServerMessages[K]);
  }

  /** The next message of `key` not taken yet. */
  async next<K extends ServerKey>(key: K, ms = 3_000): Promise<VertoServerMessages[K]> {
    const index = this.#taken.get(key) ?? 0;
    const found = await waitFor(() => this.all(key)[index], ms, `${key} #${index + 1}`);
    this.#taken.set(key, index + 1);
    return found;
  }
}

/** What the server's `verto.clientReady` requests got back, per sessid. */
export type ClientReadyOutcome = { readonly answer: unknown } | { readonly error: string };

/**
 * A generated verto server with the test's login handler: no credentials → -32000, a wrong password →
 * -32001, else `logged in` (with the client's sessid, or a new one) and a `verto.clientReady` request.
 */
export async function startVertoServer(options: ServerOptions<VertoServerMessages> = {}) {
  const started = await startNodes(createVertoServer, {
    requestTimeoutMs: 2_000,
    insecureDevelopmentMode: true,
    ...options,
  });
  const server: VertoServer = started.server;
  const clientReady = new Map<string, Promise<ClientReadyOutcome>>();
  const logins: VertoClientMessages["login"][] = [];
  server.on("login", (params, context) => {
    logins.push(params);
    if (params.login === undefined || params.passwd === undefined) {
      return context.fail({ code: -32000, message: "Authentication Required" });
    }
    if (users[params.login] !== params.passwd) return context.fail({ code: -32001, message: "Authentication Failure" });
    const sessid = params.sessid ?? randomUUID();
    context.authenticate(sessid);
    context.reply({ message: "logged in", sessid });
    const asked = server.request(context.connection.id, "verto.clientReady", { reattached_sessions: [] });
    clientReady.set(
      sessid,
      asked.then(
        (answer) => ({ answer }),
        (error: unknown) => ({ error: String(error) }),
      ),
    );
    return undefined;
  });
  onCleanup(() => server.close());
  const { port } = started;
  return { server, nodes: started.nodes, port, url: `ws://127.0.0.1:${port}/`, clientReady, logins };
}

/** A generated client (no reconnection) with its wire log and inbox. */
export function vertoClient(url: string, options: Partial<ClientOptions<VertoClientMessages>> = {}) {
  const wire: Wire = { sent: [], received: [] };
  const client = createVertoClient({ url, WebSocket: tappedWebSocket(wire), reconnect: false, ...options });
  const received = new Received(client);
  onCleanup(() => client.close());
  return { client, wire, received };
}

/** A generated client logged in through its handshake option (sent on connect, awaited). */
export async function loggedInClient(url: string, login = "1000@seven.local", sessid: string = randomUUID()) {
  const passwd = users[login] ?? "";
  const handle = vertoClient(url, { handshake: () => ({ login, passwd, sessid }) });
  await handle.client.connect();
  return { ...handle, sessid };
}

/** The server-side connection known by a sessid. */
export function connectionOf(server: VertoServer, sessid: string) {
  const found = [...server.connections.values()].find((connection) => connection.presenceKey === sessid);
  if (found === undefined) throw new Error(`no connection for ${sessid}`);
  return found;
}

/** A FreeSWITCH HEARTBEAT event body, as the document shows it. */
export function heartbeatData(sequence: number) {
  return {
    "Event-Name": "HEARTBEAT",
    "Core-UUID": "e6bc80ad-d9ec-49b8-bfcf-fb70d4c8ae0c",
    "FreeSWITCH-Hostname": "0515416ed1e7",
    "FreeSWITCH-Switchname": "0515416ed1e7",
    "FreeSWITCH-IPv4": "172.31.0.2",
    "FreeSWITCH-IPv6": "::1",
    "Event-Date-Local": "2020-07-17 16:45:04",
    "Event-Date-GMT": "Fri, 17 Jul 2020 08:45:04 GMT",
    "Event-Date-Timestamp": "1594975504302776",
    "Event-Calling-File": "switch_core.c",
    "Event-Calling-Function": "send_heartbeat",
    "Event-Calling-Line-Number": "81",
    "Event-Sequence": String(sequence),
    "Event-Info": "System Ready",
    "Up-Time": "0 years, 1 day, 0 hours, 40 minutes, 20 seconds, 105 milliseconds, 546 microseconds",
    "FreeSWITCH-Version": "1.10.4-dev+git~20200716T012008Z~13da3a0095~64bit",
    "Uptime-msec": "88820105",
    "Session-Count": "0",
    "Max-Sessions": "1000",
    "Session-Per-Sec": "30",
    "Session-Per-Sec-Last": "0",
    "Session-Per-Sec-Max": "2",
    "Session-Per-Sec-FiveMin": "0",
    "Session-Since-Startup": "59",
    "Session-Peak-Max": "2",
    "Session-Peak-FiveMin": "0",
    "Idle-CPU": "96.133333",
  };
}

/** A bare `ws` connection (no generated code) for frames the generated client would never send. */
export class RawPeer {
  readonly received: WireFrame[] = [];
  closeCode: number | undefined;
  #taken = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => this.received.push(JSON.parse(String(data)) as WireFrame));
    socket.on("close", (code) => {
      this.closeCode = code;
    });
  }

  static async connect(url: string): Promise<RawPeer> {
    const peer = new RawPeer(new WebSocket(url));
    onCleanup(() => peer.socket.terminate());
    await new Promise<void>((resolve, reject) => {
      peer.socket.once("open", () => resolve());
      peer.socket.once("error", reject);
    });
    return peer;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** The next frame received (after those already taken). */
  async next(ms = 3_000): Promise<WireFrame> {
    const frame = await waitFor(() => this.received[this.#taken], ms, "a frame");
    this.#taken += 1;
    return frame;
  }
}
