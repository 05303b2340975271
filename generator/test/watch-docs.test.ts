import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type DocsMemo, emitDocs } from "../src/emit/docs/emit-docs.js";
import { buildProtocol } from "../src/ir/build-protocol.js";
import type { Protocol } from "../src/ir/types.js";
import { loadSpec } from "../src/load/load-spec.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.asyncapi.yaml`, import.meta.url));

async function protocolOf(name: string): Promise<Protocol> {
  const path = `generator/test/fixtures/${name}.asyncapi.yaml`;
  const { spec } = await loadSpec({ path, text: readFileSync(fixture(name), "utf8") });
  return buildProtocol(spec, {});
}

/** A protocol's own pages live in folders named after it (`protocols/<id>/`, `snippets/<id>/`). */
const ownPages = (files: readonly { path: string }[], id: string) =>
  files.filter((file) => file.path.split("/")[1] === id);

describe("--watch: docs pages of a protocol that did not change are not emitted again", { timeout: 60_000 }, () => {
  it("reuses an unchanged model's pages, emits a changed one's, and lists both as a cold run does", async () => {
    const market = await protocolOf("market-feed");
    const rpc = await protocolOf("rpc-correlation");
    const memo: DocsMemo = new WeakMap();
    const first = emitDocs([market, rpc], memo);
    const marketPages = memo.get(market);
    expect(marketPages?.length).toBeGreaterThan(0);
    expect(ownPages(marketPages ?? [], market.id)).toEqual(marketPages);

    // A new model for the edited spec (what the pipeline builds), the same object for the other one.
    const renamed: Protocol = { ...rpc, title: "Renamed RPC" };
    const second = emitDocs([market, renamed], memo);
    expect(memo.get(market)).toBe(marketPages);
    expect(second).toEqual(emitDocs([market, renamed]));
    expect(second).not.toEqual(first);
    expect(second.filter((file) => file.content.includes("Renamed RPC")).length).toBeGreaterThan(0);
  });
});
