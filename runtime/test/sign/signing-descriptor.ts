/** The smallest client descriptor whose `report` message carries a PHP-style `sign`, for `signed()`. */
import { z } from "zod";
import { looseDescriptor } from "../../src/client/client-descriptor.js";
import type { LooseDescriptor } from "../../src/client/loose.js";
import type { ProtocolDescriptor } from "../../src/protocol.js";

const emptySide = {
  keys: [],
  correlation: {},
  rpc: {},
  failures: [],
  eventPatterns: {},
  replies: {},
  schemas: {},
  guards: {},
};

const descriptor: ProtocolDescriptor<Record<string, unknown>, Record<string, unknown>> = {
  id: "php-sign",
  title: "PHP sign",
  version: "1",
  address: "/",
  servers: [],
  framing: { kind: "json", discriminator: "action", frames: ["text"] },
  client: {
    ...emptySide,
    keys: ["report"],
    schemas: { report: z.object({ sign: z.string() }).loose() },
    guards: { report: (value: unknown): value is unknown => value !== undefined },
  },
  server: emptySide,
  forward: {},
  signature: { field: "sign", algorithm: "md5", canonical: "php-json-sorted", appliesTo: "client" },
};

/** As the client runs on it: the keys it signs read from the schemas. */
export const signingDescriptor: LooseDescriptor = looseDescriptor(descriptor);
