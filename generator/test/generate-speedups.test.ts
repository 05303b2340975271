import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generatedMark } from "../src/cli/docs-files.js";
import { writeTextIfChanged } from "../src/cli/write-text.js";
import { SpecError } from "../src/diagnostics.js";
import { generatedMark as docsPageMark } from "../src/emit/docs/emit-docs.js";
import { documentSchemaReuses } from "../src/load/document-schema-reuse.js";
import { loadSpec } from "../src/load/load-spec.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.asyncapi.yaml`, import.meta.url));

async function failureOf(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
  } catch (error) {
    return error instanceof SpecError ? error.diagnostics : error;
  }
  throw new Error("expected the run to fail");
}

describe("the AsyncAPI schema, compiled once per process", { timeout: 60_000 }, () => {
  it("is reused by later parses, which still report a document's structure errors", async () => {
    const text = readFileSync(fixture("market-feed"), "utf8");
    await loadSpec({ path: "market-feed.yaml", text });
    const before = documentSchemaReuses();
    await loadSpec({ path: "market-feed.yaml", text: `${text}\n# edited\n` });
    expect(documentSchemaReuses()).toBeGreaterThan(before);
    const broken = await failureOf(loadSpec({ path: "broken.yaml", text: text.replace(/^info:/m, "inf:") }));
    expect(JSON.stringify(broken)).toContain('must have required property \\"info\\"');
  });
});

describe("the CLI", () => {
  it("recognises generated docs pages by the mark the docs emitter writes", () => {
    expect(generatedMark).toBe(docsPageMark);
  });
});

describe("writing a generated file", () => {
  it("writes only a change, and a shorter text leaves nothing of the longer one behind", () => {
    const folder = mkdtempSync(join(tmpdir(), "wiretype-write-"));
    try {
      const path = join(folder, "file.ts");
      expect(writeTextIfChanged(path, "a longer first text\n")).toBe(true);
      const written = statSync(path).mtimeMs;
      expect(writeTextIfChanged(path, "a longer first text\n")).toBe(false);
      expect(statSync(path).mtimeMs).toBe(written);
      expect(writeTextIfChanged(path, "short\n")).toBe(true);
      expect(readFileSync(path, "utf8")).toBe("short\n");
      writeFileSync(path, "é");
      expect(writeTextIfChanged(path, "ünïcode longer\n")).toBe(true);
      expect(readFileSync(path, "utf8")).toBe("ünïcode longer\n");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
