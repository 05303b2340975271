import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics.js";
import {
  diagnosticsOf,
  inlinePath,
  inlineSpec,
  type Json,
  type JsonObject,
  keyedPayload,
  lineContaining,
  runInline,
  schemaSpec,
} from "./support/inline-spec.js";

/**
 * One test per diagnostic: an inline spec the generator must refuse, and the code, JSON pointer and
 * line it reports. Every diagnostic names the file and a 1-based line.
 */

/** The one error a spec produces, checked to be located in the inline file. */
async function onlyError(text: string): Promise<Diagnostic> {
  const diagnostics = await diagnosticsOf(text);
  expect(diagnostics).toHaveLength(1);
  const [diagnostic] = diagnostics as [Diagnostic];
  expect(diagnostic.severity).toBe("error");
  expect(diagnostic.file).toBe(inlinePath);
  expect(diagnostic.line).toBeGreaterThanOrEqual(1);
  expect(diagnostic.line).toBeLessThanOrEqual(text.split("\n").length);
  return diagnostic;
}

/** The one warning of a spec that generates, located in the inline file. */
async function onlyWarning(text: string): Promise<Diagnostic> {
  const result = await runInline(text);
  if (!result.ok)
    throw new Error(`expected the spec to generate: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  expect(result.warnings).toHaveLength(1);
  const [warning] = result.warnings as [Diagnostic];
  expect(warning.severity).toBe("warning");
  expect(warning.file).toBe(inlinePath);
  return warning;
}

const probe = { probe: { payload: keyedPayload("probe") } } as const;

/** A valid document with the given channel extensions. */
function withChannel(channel: JsonObject): string {
  return inlineSpec({ channel, messages: probe });
}

describe("diagnostics", () => {
  it("a parser error stops generation with file, pointer and line", async () => {
    const text = "asyncapi: 3.1.0\ninfo:\n  title: No version\nchannels: {}\n";
    const diagnostic = await onlyError(text);
    expect(diagnostic.pointer).toBe("/info");
    expect(diagnostic.message).toContain("version");
    expect(diagnostic.line).toBe(lineContaining(text, "info:"));
  });

  // Every other keyword is validated (schemas-constructs.test.ts); these are left out, with a warning.
  const unchecked: [string, Json][] = [
    ["unevaluatedProperties", false],
    ["unevaluatedItems", false],
  ];

  it.each(unchecked)("`%s` → an unsupported-keyword warning at the keyword's pointer", async (keyword, value) => {
    const text = schemaSpec({
      Subject: { type: "object", properties: { field: { type: "string", [keyword]: value } } },
    });
    const warning = await onlyWarning(text);
    expect(warning.code).toBe("unsupported-keyword");
    expect(warning.pointer).toBe(`/components/schemas/Subject/properties/field/${keyword}`);
  });

  it("reports every error of a spec, not just the first", async () => {
    const text = schemaSpec({
      First: { type: "string", "x-wiretype-values": "nope" },
      Second: { type: "string", "x-wiretype-values": [{ name: "no value" }] },
    });
    const diagnostics = await diagnosticsOf(text);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ["bad-extension", "/components/schemas/First/x-wiretype-values"],
      ["bad-extension", "/components/schemas/Second/x-wiretype-values/0"],
    ]);
  });

  it("an x-wiretype-framing of unknown kind → bad-extension (leaving it out infers the framing: infer.test.ts)", async () => {
    const diagnostic = await onlyError(inlineSpec({ framing: { kind: "protobuf" }, messages: probe }));
    expect(diagnostic.code).toBe("bad-extension");
    expect(diagnostic.pointer).toBe("/channels/main/x-wiretype-framing/kind");
  });

  it("json framing whose discriminator const differs from the message name → bad-discriminator", async () => {
    const diagnostic = await onlyError(inlineSpec({ messages: { probe: { payload: keyedPayload("other") } } }));
    expect(diagnostic.code).toBe("bad-discriminator");
    expect(diagnostic.pointer).toBe("/components/messages/probe/payload");
    expect(diagnostic.message).toContain("const: probe");
  });

  it("json-rpc framing with a message lacking x-wiretype-rpc → missing-rpc-role", async () => {
    const text = inlineSpec({ framing: { kind: "json-rpc", version: "2.0" }, messages: probe });
    const diagnostic = await onlyError(text);
    expect(diagnostic.code).toBe("missing-rpc-role");
    expect(diagnostic.pointer).toBe("/components/messages/probe");
  });

  it("x-wiretype-session naming an unknown operation → unknown-operation, on the handshake's line", async () => {
    const text = withChannel({ "x-wiretype-session": { handshake: "nope" } });
    const diagnostic = await onlyError(text);
    expect(diagnostic.code).toBe("unknown-operation");
    expect(diagnostic.pointer).toBe("/channels/main/x-wiretype-session/handshake");
    expect(diagnostic.line).toBe(lineContaining(text, "handshake: nope"));
  });

  it("a client heartbeat without operation and timings → bad-extension", async () => {
    const diagnostic = await onlyError(withChannel({ "x-wiretype-heartbeat": { sender: "client" } }));
    expect(diagnostic.code).toBe("bad-extension");
    expect(diagnostic.pointer).toBe("/channels/main/x-wiretype-heartbeat");
  });

  it("an unknown heartbeat sender → bad-extension on the sender's line", async () => {
    const text = withChannel({ "x-wiretype-heartbeat": { sender: "bogus", intervalMs: 1000, timeoutMs: 5000 } });
    const diagnostic = await onlyError(text);
    expect(diagnostic.code).toBe("bad-extension");
    expect(diagnostic.pointer).toBe("/channels/main/x-wiretype-heartbeat/sender");
    expect(diagnostic.line).toBe(lineContaining(text, "sender: bogus"));
  });

  it("a message with no payload → a no-payload warning of its own, at the message", async () => {
    const text = inlineSpec({ framing: null, messages: { ...probe, bare: { name: "bare" } } });
    const result = await runInline(text);
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("; "));
    const warnings = result.warnings.filter((warning) => warning.code === "no-payload");
    expect(warnings.map((warning) => warning.pointer)).toEqual(["/components/messages/bare"]);
    expect(warnings[0]?.line).toBe(lineContaining(text, "bare:", "components:"));
    expect(warnings[0]?.message).toContain("`bare` has no payload schema");
  });

  it("a keyword whose value is a scalar → the keyword's own line", async () => {
    const text = schemaSpec({ Subject: { type: "object", unevaluatedProperties: false } });
    const warning = await onlyWarning(text);
    expect(warning.line).toBe(lineContaining(text, "unevaluatedProperties: false"));
  });

  // Regression: a block mapping's value starts on the line after its key; the diagnostic used to point
  // one line below `not:` (the parser's own diagnostics point at the key's line).
  it("a keyword whose value is a block mapping → the keyword's own line", async () => {
    const text = schemaSpec({ Subject: { type: "object", unevaluatedProperties: { type: "string" } } });
    const warning = await onlyWarning(text);
    expect(warning.pointer).toBe("/components/schemas/Subject/unevaluatedProperties");
    expect(warning.line).toBe(lineContaining(text, "unevaluatedProperties:", "Subject:"));
  });
});
