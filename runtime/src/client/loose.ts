import type { ProtocolDescriptor } from "../protocol.js";
import type { ClientOptions } from "./types.js";

/** Messages of any protocol, by key: how the generic code sees a descriptor's typed tables. */
export type LooseMessages = Record<string, unknown>;

export type LooseDescriptor = ProtocolDescriptor<LooseMessages, LooseMessages>;

export type LooseOptions = ClientOptions<LooseMessages>;
