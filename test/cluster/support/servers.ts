import { randomUUID } from "node:crypto";
import { createKurentoRoomServer } from "@wiretype/kurento-room/server";
import type { ClusterOptions, ProtocolServer } from "@wiretype/runtime/server";
import { createVertoServer } from "@wiretype/verto/server";
import { createVoxyServer } from "@wiretype/voxy/server";
import { createYueyueServer } from "@wiretype/yueyue/server";

/** The loose view the node script drives: keys and messages are checked by the tests' clients. */
export type LooseServer = ProtocolServer<never, Record<string, unknown>, never, never> & {
  broadcast(key: string, message: unknown): number;
  toRoom(room: string, key: string, message: unknown): number;
  sendToPresence(presenceKey: string, key: string, message: unknown): number;
};

const iceServers = { iceServers: { urls: "stun:stun.l.google.com:19302", username: "u", credential: "p" } };

/** A generated server as the e2e tests start it, on any free port, as node `index` of a cluster. */
export function nodeServer(protocol: string, index: number, cluster: ClusterOptions): LooseServer {
  switch (protocol) {
    case "voxy":
      return voxy(index, cluster) as unknown as LooseServer;
    case "kurento-room":
      return createKurentoRoomServer({ insecureDevelopmentMode: true, cluster }) as unknown as LooseServer;
    case "verto":
      return verto(cluster) as unknown as LooseServer;
    case "yueyue":
      return createYueyueServer({
        greeting: (connection) => ({ action: "create_token", online_token: `token-${connection.query.sid ?? ""}` }),
        cluster,
      }) as unknown as LooseServer;
    default:
      throw new Error(`no cluster test server for ${protocol}`);
  }
}

/** Link ids differ per node (node 1: 1001, 1002, …), as each voxy server numbers its own links. */
function voxy(index: number, cluster: ClusterOptions) {
  let linkIds = index * 1000;
  return createVoxyServer({
    insecureDevelopmentMode: true,
    cluster,
    greeting: () => {
      linkIds += 1;
      return {
        action: "link_on",
        content: "連線成功",
        link_id: linkIds,
        category: "system",
        iceserver_config: iceServers,
      };
    },
  });
}

/** Logs in anyone with a password (the e2e users' check is not what these tests are about). */
function verto(cluster: ClusterOptions) {
  const server = createVertoServer({ requestTimeoutMs: 2_000, insecureDevelopmentMode: true, cluster });
  server.on("login", (params, context) => {
    if (params.login === undefined || params.passwd === undefined) {
      return context.fail({ code: -32000, message: "Authentication Required" });
    }
    const sessid = params.sessid ?? randomUUID();
    context.authenticate(sessid);
    context.reply({ message: "logged in", sessid });
    return undefined;
  });
  return server;
}
