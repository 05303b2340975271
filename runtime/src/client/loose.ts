import type { ClientProtocolView, ProtocolDescriptor } from "../protocol.js";
import type { Explainer } from "./explainer.js";
import type { ClientOptions } from "./types.js";

/** Messages of any protocol, by key: how the generic code sees a descriptor's typed tables. */
export type LooseMessages = Record<string, unknown>;

/** A full descriptor (zod schemas included): what explains a refused frame. */
export type LooseFullDescriptor = ProtocolDescriptor<LooseMessages, LooseMessages>;

/** What the generic client runs on: the client's view of the protocol, the keys it signs, its explainer. */
export interface LooseDescriptor extends ClientProtocolView<LooseMessages, LooseMessages> {
  /** Client keys whose message carries the signature field. */
  readonly signed: ReadonlySet<string>;
  /** The zod schemas, loaded on demand, that say what is wrong with a refused frame. */
  readonly explainer: Explainer;
}

export type LooseOptions = ClientOptions<LooseMessages>;
