import type { ClientDiscoveryDescriptor } from "../protocol.js";
import { valueAtPath } from "../protocol.js";
import type { Explainer } from "./explainer.js";

/** Where the discovery call says to connect, and the heartbeat interval it asks for. */
export interface DiscoveredEndpoint {
  readonly url: string;
  readonly heartbeatIntervalMs?: number;
}

/** Adds query parameters to a URL. */
export function withQuery(url: string, query: Readonly<Record<string, string>> | undefined): string {
  if (query === undefined || Object.keys(query).length === 0) return url;
  const target = new URL(url);
  for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
  return target.toString();
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

async function fetchDiscovery(
  discovery: ClientDiscoveryDescriptor,
  baseUrl: string,
  query: Readonly<Record<string, string>> | undefined,
): Promise<unknown> {
  const paths = [discovery.path, ...discovery.alternatePaths];
  for (const path of paths) {
    const response = await fetch(withQuery(joinUrl(baseUrl, path), query), { method: discovery.method });
    if (response.status === 404) continue;
    if (!response.ok) throw new Error(`discovery ${discovery.method} ${path} answered HTTP ${response.status}`);
    return response.json();
  }
  throw new Error(`discovery found nothing at ${paths.join(", ")} (HTTP 404)`);
}

/** What zod (loaded on demand) says is wrong with a discovery answer its guard refused, if it can say. */
async function mismatchDetail(explainer: Explainer, body: unknown): Promise<string> {
  const full = await explainer.load().catch(() => undefined);
  const parsed = full?.discovery?.response.schema.safeParse(body);
  return parsed === undefined || parsed.success ? "" : `: ${parsed.error.issues[0]?.message ?? ""}`;
}

/** Calls the protocol's HTTP discovery endpoint and reads the WebSocket endpoint from its answer. */
export async function discoverEndpoint(
  discovery: ClientDiscoveryDescriptor,
  baseUrl: string,
  query: Readonly<Record<string, string>> | undefined,
  explainer: Explainer,
): Promise<DiscoveredEndpoint> {
  const body = await fetchDiscovery(discovery, baseUrl, query);
  if (!discovery.response.guard(body)) {
    throw new Error(`discovery answer does not match the spec${await mismatchDetail(explainer, body)}`);
  }
  const endpoint = valueAtPath(body, discovery.endpoint);
  if (typeof endpoint !== "string" || endpoint === "") throw new Error("discovery answer has no endpoint");
  // The real servers may answer a bare host name.
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `ws://${endpoint}`;
  const interval = discovery.pingInterval === undefined ? undefined : valueAtPath(body, discovery.pingInterval);
  return typeof interval === "number" && interval > 0 ? { url, heartbeatIntervalMs: interval * 1000 } : { url };
}
