import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { diffProtocols, highestClass, renderChangeset, type SpecChange } from "../src/diff/index.js";
import { runDiff } from "../src/diff/run-diff.js";
import { buildProtocol } from "../src/ir/build-protocol.js";
import type { Protocol } from "../src/ir/types.js";
import { loadSpec } from "../src/load/load-spec.js";
import {
  type InlineMessage,
  type InlineSpecOptions,
  inlineId,
  inlinePath,
  inlineSpec,
  type Json,
  keyedPayload,
} from "./support/inline-spec.js";

/**
 * One test per classification rule of `wiretype diff`: two inline specs that differ in one way, and the
 * change(s) reported with their path and class.
 */

async function protocolOf(options: InlineSpecOptions): Promise<Protocol> {
  const { spec } = await loadSpec({ path: inlinePath, text: inlineSpec(options) });
  return buildProtocol(spec, { id: inlineId });
}

async function changesBetween(before: InlineSpecOptions, after: InlineSpecOptions): Promise<SpecChange[]> {
  return diffProtocols(await protocolOf(before), await protocolOf(after));
}

/** A spec with one client message `hello` whose payload has the given members. */
function helloSpec(properties: Record<string, Json>, required: readonly string[] = [], extra: InlineMessage = {}) {
  return { messages: { hello: { payload: keyedPayload("hello", properties, required), ...extra } } };
}

const name: Json = { type: "string" };

describe("wiretype diff: classification", () => {
  it("no difference → no change", async () => {
    expect(await changesBetween(helloSpec({ name }), helloSpec({ name }))).toEqual([]);
  });

  it("a message removed → major", async () => {
    const before = { messages: { hello: { payload: keyedPayload("hello") }, bye: { payload: keyedPayload("bye") } } };
    const changes = await changesBetween(before, helloSpec({}));
    expect(changes).toContainEqual({ path: "messages.bye", changeClass: "major", what: "message removed" });
    expect(highestClass(changes)).toBe("major");
  });

  it("a message added → minor", async () => {
    const after = { messages: { hello: { payload: keyedPayload("hello") }, bye: { payload: keyedPayload("bye") } } };
    const changes = await changesBetween(helloSpec({}), after);
    expect(changes).toContainEqual({ path: "messages.bye", changeClass: "minor", what: "message added" });
    expect(highestClass(changes)).toBe("minor");
  });

  it("a field removed → major", async () => {
    const changes = await changesBetween(helloSpec({ name }), helloSpec({}));
    expect(changes).toEqual([{ path: "messages.hello.payload.name", changeClass: "major", what: "field removed" }]);
  });

  it("an optional field added → minor", async () => {
    const changes = await changesBetween(helloSpec({}), helloSpec({ name }));
    expect(changes).toEqual([
      { path: "messages.hello.payload.name", changeClass: "minor", what: "optional field added" },
    ]);
  });

  it("a required field added → major", async () => {
    const changes = await changesBetween(helloSpec({}), helloSpec({ name }, ["name"]));
    expect(changes).toEqual([
      { path: "messages.hello.payload.name", changeClass: "major", what: "required field added" },
    ]);
  });

  it("a field made required → major", async () => {
    const changes = await changesBetween(helloSpec({ name }), helloSpec({ name }, ["name"]));
    expect(changes).toEqual([
      { path: "messages.hello.payload.name", changeClass: "major", what: "field made required" },
    ]);
  });

  it("a field made optional → major (readers must handle its absence)", async () => {
    const changes = await changesBetween(helloSpec({ name }, ["name"]), helloSpec({ name }));
    expect(highestClass(changes)).toBe("major");
    expect(changes[0]?.what).toMatch(/^field made optional/);
  });

  it("a type changed → major", async () => {
    const changes = await changesBetween(helloSpec({ name }), helloSpec({ name: { type: "integer" } }));
    expect(changes).toEqual([
      { path: "messages.hello.payload.name", changeClass: "major", what: "type changed: string → number" },
    ]);
  });

  it("a type narrowed → major, widened → minor", async () => {
    const long = helloSpec({ name: { type: "string", maxLength: 10 } });
    const short = helloSpec({ name: { type: "string", maxLength: 5 } });
    expect(await changesBetween(long, short)).toEqual([
      { path: "messages.hello.payload.name", changeClass: "major", what: "narrowed: maxLength 10 → 5" },
    ]);
    expect(await changesBetween(short, long)).toEqual([
      { path: "messages.hello.payload.name", changeClass: "minor", what: "widened: maxLength 5 → 10" },
    ]);
  });

  it("an enum value removed → major", async () => {
    const changes = await changesBetween(
      helloSpec({ mood: { type: "string", enum: ["happy", "sad"] } }),
      helloSpec({ mood: { type: "string", enum: ["happy"] } }),
    );
    expect(changes).toEqual([
      { path: "messages.hello.payload.mood", changeClass: "major", what: 'enum value "sad" removed' },
    ]);
  });

  it("an enum value added → minor", async () => {
    const changes = await changesBetween(
      helloSpec({ mood: { type: "string", enum: ["happy"] } }),
      helloSpec({ mood: { type: "string", enum: ["happy", "sad"] } }),
    );
    expect(changes).toEqual([
      { path: "messages.hello.payload.mood", changeClass: "minor", what: 'enum value "sad" added' },
    ]);
  });

  it("descriptions, titles and examples only → patch", async () => {
    const before = helloSpec({ name: { type: "string", description: "Who." } });
    const after = helloSpec({ name: { type: "string", description: "Who says hello.", examples: ["Ada"] } }, [], {
      extra: { title: "Hello", summary: "Greets the server." },
    });
    const changes = await changesBetween(before, after);
    expect(changes.map((change) => change.changeClass)).toEqual(["patch", "patch"]);
    expect(changes.map((change) => change.path)).toEqual(["messages.hello", "messages.hello.payload.name"]);
  });
});

describe("wiretype diff: changesets", () => {
  let dir: string | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("renders the package bumped by the highest class, every change listed", () => {
    const text = renderChangeset("@wiretype/inline", [
      { path: "messages.hello.payload.name", changeClass: "minor", what: "optional field added" },
      { path: "messages.bye", changeClass: "major", what: "message removed" },
    ]);
    expect(text?.split("\n").slice(0, 3)).toEqual(["---", '"@wiretype/inline": major', "---"]);
    expect(text).toContain("- major: `messages.bye`: message removed\n- minor: `messages.hello.payload.name`");
    expect(renderChangeset("@wiretype/inline", [])).toBeUndefined();
  });

  it("`--write-changeset` writes .changeset/<id>-spec-<class>.md for the package", async () => {
    dir = mkdtempSync(join(tmpdir(), "wiretype-diff-"));
    const before = join(dir, "inline.asyncapi.yaml");
    const after = join(dir, "next", "inline.asyncapi.yaml");
    writeFileSync(before, inlineSpec(helloSpec({})));
    mkdirSync(join(dir, "next"));
    writeFileSync(after, inlineSpec(helloSpec({ name })));
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const status = await runDiff([before, after, "--write-changeset", "--changeset-dir", join(dir, ".changeset")]);
    expect(status).toBe(0);
    // No x-wiretype-package: the package is named after `info.title` ("Inline").
    expect(log.mock.calls.flat()).toContain("inline: minor (1 change(s))");
    const written = readFileSync(join(dir, ".changeset", "inline-spec-minor.md"), "utf8");
    expect(written).toMatch(/^---\n"inline": minor\n---\n/);
  });

  it("`--fail-on major` fails on a breaking change only, for CI", async () => {
    dir = mkdtempSync(join(tmpdir(), "wiretype-diff-"));
    const [plain, added, required] = ["plain", "added", "required"].map((folder) => {
      mkdirSync(join(dir as string, folder));
      return join(dir as string, folder, "inline.asyncapi.yaml");
    }) as [string, string, string];
    writeFileSync(plain, inlineSpec(helloSpec({})));
    writeFileSync(added, inlineSpec(helloSpec({ name })));
    writeFileSync(required, inlineSpec(helloSpec({ name }, ["name"])));
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await runDiff([plain, added, "--fail-on", "major"])).toBe(0);
    expect(await runDiff([added, required, "--fail-on", "major"])).toBe(1);
    expect(errors.mock.calls.flat().join("\n")).toContain("a major change, and --fail-on major was given");
    expect(await runDiff([plain, added, "--fail-on", "minor"])).toBe(1);
    expect(await runDiff([plain, added, "--fail-on", "huge"])).toBe(2);
  });
});
