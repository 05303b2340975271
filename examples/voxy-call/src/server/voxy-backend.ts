import type { Server } from "node:http";
import { createVoxyServer, type VoxyServer } from "@wiretype/voxy/server";
import type { SessionTokens } from "./accounts.js";

const linkIdKey = "linkId";

export interface VoxyBackendOptions {
  readonly httpServer: Server;
  readonly tokens: SessionTokens;
  /** TURN/STUN URLs given to clients in `link_on`; empty: host candidates only (one machine or a LAN). */
  readonly iceUrls: readonly string[];
}

/**
 * The generated voxy server with its defaults (presence, call state, relaying of offers, answers and
 * candidates). The only application code is the greeting (a link id per connection and the ICE
 * servers) and the session check.
 */
export function createVoxyBackend(options: VoxyBackendOptions): VoxyServer {
  let lastLinkId = 0;
  return createVoxyServer({
    httpServer: options.httpServer,
    greeting: (connection) => {
      lastLinkId += 1;
      connection.data.set(linkIdKey, lastLinkId);
      return {
        action: "link_on",
        content: "connected",
        link_id: lastLinkId,
        category: "system",
        iceserver_config: { iceServers: { urls: [...options.iceUrls], username: "", credential: "" } },
      };
    },
    // A bind is accepted for the user the login token names, on the link id this connection was given.
    authenticate: (bind, connection) =>
      options.tokens.userOf(connection.query.token) === bind.user_id && connection.data.get(linkIdKey) === bind.link_id,
  });
}
