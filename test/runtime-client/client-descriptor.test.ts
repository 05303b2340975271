import type { ClientProtocolDescriptor, ClientSideDescriptor, ProtocolDescriptor } from "@wiretype/runtime";
import { describe, expect, it } from "vitest";
import { kurentoRoomClientProtocol } from "../../packages/kurento-room/src/client-protocol.gen.js";
import { kurentoRoomProtocol } from "../../packages/kurento-room/src/protocol.gen.js";
import { vertoClientProtocol } from "../../packages/verto/src/client-protocol.gen.js";
import { vertoProtocol } from "../../packages/verto/src/protocol.gen.js";
import { voxyClientProtocol } from "../../packages/voxy/src/client-protocol.gen.js";
import { voxyProtocol } from "../../packages/voxy/src/protocol.gen.js";
import { workspaceClientProtocol } from "../../packages/workspace/src/client-protocol.gen.js";
import { workspaceProtocol } from "../../packages/workspace/src/protocol.gen.js";
import { yueyueClientProtocol } from "../../packages/yueyue/src/client-protocol.gen.js";
import { yueyueProtocol } from "../../packages/yueyue/src/protocol.gen.js";
import { looseDescriptor } from "../../runtime/src/client/client-descriptor.js";

type Loose = Record<string, unknown>;
type Pair = readonly [ClientProtocolDescriptor<Loose, Loose>, ProtocolDescriptor<Loose, Loose>];

// The generated browser client descriptor must say what the full one says (less the zod schemas).
const pairs = {
  voxy: [voxyClientProtocol, voxyProtocol],
  yueyue: [yueyueClientProtocol, yueyueProtocol],
  workspace: [workspaceClientProtocol, workspaceProtocol],
  verto: [vertoClientProtocol, vertoProtocol],
  "kurento-room": [kurentoRoomClientProtocol, kurentoRoomProtocol],
} as unknown as Record<string, Pair>;

/** What a side says, with validators reduced to which keys and replies have them. */
function sideFacts(side: ClientSideDescriptor<Loose>) {
  const replies = Object.entries(side.replies).map(([key, reply]) => ({
    key,
    keys: reply?.keys,
    failures: reply?.failures,
    result: reply?.result !== undefined,
    error: reply?.error !== undefined,
  }));
  const { keys, correlation, rpc, failures, eventPatterns } = side;
  return { guards: Object.keys(side.guards), keys, correlation, rpc, failures, eventPatterns, replies };
}

function connectionFacts(descriptor: ClientProtocolDescriptor<Loose, Loose> | ProtocolDescriptor<Loose, Loose>) {
  const { id, address, parameters, framing, session, heartbeat, rooms, signature, discovery } = descriptor;
  const { response: _response, ...discoveryFacts } = discovery ?? { response: undefined };
  return { id, address, parameters, framing, session, heartbeat, rooms, signature, discoveryFacts };
}

describe.each(Object.entries(pairs))("%s: the client descriptor", (_name, [client, full]) => {
  it("says what the full descriptor says about connections, keys, answers and guards", () => {
    expect(connectionFacts(client)).toEqual(connectionFacts(full));
    expect(sideFacts(client.client)).toEqual(sideFacts(full.client));
    expect(sideFacts(client.server)).toEqual(sideFacts(full.server));
    expect(client.discovery?.response.guard).toBe(full.discovery?.response.guard);
  });

  it("signs the keys whose schema has the signature field, and explains with the full descriptor", async () => {
    expect(new Set(client.signed)).toEqual(looseDescriptor(full).signed);
    expect(await client.explain()).toBe(full);
  });
});
