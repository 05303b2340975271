import { webSocketChannels } from "../../ir/infer-transport.js";
import type { Protocol } from "../../ir/types.js";
import type { GeneratedFile } from "../generated-file.js";
import { appSnippet } from "./app-snippet.js";
import { emitAppPage } from "./page-app.js";
import { emitCliPage } from "./page-cli.js";
import { emitFlowsPage } from "./page-flows.js";
import { emitHomePage } from "./page-home.js";
import { emitMessagesPages } from "./page-messages.js";
import { emitOverviewPage } from "./page-overview.js";
import { emitUsagePage } from "./page-usage.js";
import { emitSidebar } from "./sidebar.js";
import { clientSnippet, serverSnippet } from "./snippets.js";

export { generatedMark } from "./markdown.js";

function protocolFiles(protocol: Protocol): GeneratedFile[] {
  const channel = webSocketChannels(protocol.channels)[0];
  const snippets =
    channel === undefined
      ? []
      : [clientSnippet(protocol, channel), serverSnippet(protocol, channel), appSnippet(protocol, channel)];
  const app = emitAppPage(protocol);
  return [
    emitOverviewPage(protocol),
    ...emitMessagesPages(protocol),
    emitFlowsPage(protocol),
    emitUsagePage(protocol),
    ...(app === undefined ? [] : [app]),
    ...snippets,
  ];
}

/**
 * Each protocol's own pages by its model, kept between runs of a watch session: a model reused from the
 * previous run is the same object, and its pages depend on nothing else.
 */
export type DocsMemo = WeakMap<Protocol, readonly GeneratedFile[]>;

/** Every generated file of the docs site, paths relative to the docs folder. Pure and deterministic. */
export function emitDocs(protocols: readonly Protocol[], memo?: DocsMemo): GeneratedFile[] {
  const sorted = [...protocols].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const pagesOf = (protocol: Protocol): readonly GeneratedFile[] => {
    const pages = memo?.get(protocol) ?? protocolFiles(protocol);
    memo?.set(protocol, pages);
    return pages;
  };
  return [emitHomePage(sorted), emitCliPage(), emitSidebar(sorted), ...sorted.flatMap(pagesOf)].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
}
