import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAjv } from "../support/ajv.js";
import { parseSpec, severity } from "../support/parse-spec.js";
import { deref, listComponentMessageIds, listMessages } from "../support/raw-spec.js";
import { isJsonObject, protocolNames, readSpecData, specPath } from "../support/spec-files.js";
import { compareInventory } from "./harness/compare-inventory.js";
import { checkNotesProvenance } from "./harness/provenance.js";
import { readNotes, readSources } from "./harness/sources.js";
import { inventories } from "./inventory/index.js";

/**
 * Diagnostics a spec may keep, each with the reason. Keyed by protocol, then by diagnostic code.
 * Empty: every spec parses with zero errors and zero warnings.
 */
const allowedDiagnostics: Record<string, Record<string, string>> = {};

describe.each(protocolNames)("spec %s", (protocol) => {
  it("exists under specs/", () => {
    expect(existsSync(specPath(protocol))).toBe(true);
  });

  it("parses with @asyncapi/parser with no errors or warnings", async () => {
    const { document, diagnostics } = await parseSpec(protocol);
    const allowed = allowedDiagnostics[protocol] ?? {};
    const serious = diagnostics.filter((d) => d.severity <= severity.warning && !(d.code in allowed));
    expect(serious).toEqual([]);
    expect(document).toBeDefined();
  });

  it("uses every message component in an operation", () => {
    const data = readSpecData(protocol);
    const used = new Set(listMessages(data).map((message) => message.id));
    const unused = listComponentMessageIds(data).filter((id) => !used.has(id));
    expect(unused).toEqual([]);
  });

  it("gives every message an example that validates against its payload", () => {
    const data = readSpecData(protocol);
    const ajv = createAjv();
    ajv.addSchema(data, "spec");
    const failures: string[] = [];
    for (const { id, pointer, message } of listMessages(data)) {
      const examples = Array.isArray(message.examples) ? message.examples : [];
      if (examples.length === 0) failures.push(`${id}: no example`);
      const validate = ajv.compile({ $ref: `spec${pointer}/payload` });
      examples.forEach((example, index) => {
        if (!isJsonObject(example) || !("payload" in example)) {
          failures.push(`${id} example ${index}: no payload`);
        } else if (!validate(example.payload)) {
          failures.push(`${id} example ${index}: ${ajv.errorsText(validate.errors)}`);
        }
      });
    }
    expect(failures).toEqual([]);
  });

  it("keys every json-framed message by a const discriminator equal to its name", () => {
    const data = readSpecData(protocol);
    const channels = isJsonObject(data.channels) ? Object.values(data.channels) : [];
    const framing = channels.map((channel) => (isJsonObject(channel) ? channel["x-wiretype-framing"] : undefined));
    const first = framing[0];
    if (!isJsonObject(first) || first.kind !== "json") return;
    const discriminator = String(first.discriminator);
    const mismatches = listMessages(data).flatMap(({ id, message }) => {
      const payload = deref(data, message.payload);
      const properties = isJsonObject(payload) ? deref(data, payload.properties) : undefined;
      const key = isJsonObject(properties) ? deref(data, properties[discriminator]) : undefined;
      const value = isJsonObject(key) ? key.const : undefined;
      return value === message.name
        ? []
        : [`${id}: ${discriminator} const ${String(value)} ≠ name ${String(message.name)}`];
    });
    expect(mismatches).toEqual([]);
  });

  it("has every message and field its seed document names, with the document's type, required and values", () => {
    const inventory = inventories[protocol];
    expect(compareInventory(readSpecData(protocol), inventory, readSources(inventory.document))).toEqual([]);
  });

  it("cites in every x-wiretype-provenance: notes only what the field notes contain", () => {
    expect(checkNotesProvenance(readSpecData(protocol), readNotes())).toEqual([]);
  });
});
