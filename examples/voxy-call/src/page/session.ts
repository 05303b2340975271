import { createVoxyClient, type VoxyClient } from "@wiretype/voxy/client";
import type { IceServerConfig, LinkOn } from "@wiretype/voxy/types";

export interface Session {
  readonly user: string;
  readonly client: VoxyClient;
  /** The ICE servers of the latest `link_on` (empty: host candidates only). */
  iceServers(): RTCIceServer[];
}

/**
 * Signs in over HTTP for a token, then connects the generated client, which binds on every
 * (re)connection. `attach` registers the page's listeners before connecting, so that it sees the
 * first bind answer (the member list) too.
 */
export async function signIn(user: string, password: string, attach: (session: Session) => void): Promise<Session> {
  const response = await fetch("/login", { method: "POST", body: JSON.stringify({ user, password }) });
  if (!response.ok) throw new Error("wrong user or password");
  const { token } = (await response.json()) as { token: string };
  let greeting = nextGreeting();
  let latest: LinkOn | undefined;
  const client = createVoxyClient({
    url: `${location.origin.replace(/^http/, "ws")}/`,
    query: { token },
    handshake: async () => {
      latest = await greeting.promise;
      greeting = nextGreeting();
      return { action: "bind", user_id: user, user_name: user, user_img: "", link_id: latest.link_id, to_userid: "-1" };
    },
    heartbeat: () => ({ action: "ping", link_id: String(latest?.link_id ?? 0) }),
  });
  client.on("link_on", (message) => greeting.resolve(message));
  const session = { user, client, iceServers: () => iceServersOf(latest?.iceserver_config) };
  attach(session);
  await client.connect();
  return session;
}

function nextGreeting() {
  let resolve: (message: LinkOn) => void = () => undefined;
  const promise = new Promise<LinkOn>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

function iceServersOf(config: IceServerConfig | undefined): RTCIceServer[] {
  const server = config?.iceServers;
  if (server === undefined || server.urls.length === 0) return [];
  return [{ urls: server.urls, username: server.username, credential: server.credential }];
}
