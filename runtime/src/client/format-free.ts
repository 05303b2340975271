import type { GuardTable } from "../dispatch.js";
import type { ClientSideDescriptor } from "../protocol.js";
import type { LooseFullDescriptor, LooseMessages } from "./loose.js";

type FormatFreeGuards = Partial<GuardTable<LooseMessages>>;

/**
 * The side with its format-free guards in place of the ones that check a `format`. A prebuilt dispatch
 * is dropped: it holds the checking guards, and the runtime builds one from the guards instead.
 */
export function formatFreeSide<S extends ClientSideDescriptor<LooseMessages>>(side: S, free: FormatFreeGuards): S {
  const { dispatch: _checking, ...rest } = side as S & { readonly dispatch?: unknown };
  return { ...rest, guards: { ...side.guards, ...free } } as S;
}

/** The full descriptor (loaded to explain a refusal) deciding with the same format-free guards. */
export function formatFreeFull(full: LooseFullDescriptor, free: FormatFreeGuards): LooseFullDescriptor {
  return { ...full, server: formatFreeSide(full.server, free) };
}
