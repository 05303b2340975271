import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generateFiles, inlineSpec, type Json, keyedPayload } from "./support/inline-spec.js";

/**
 * A client created with `formats: "annotate"` decides what it receives with format-free guards: the
 * guards that check a `format`, themselves or through a schema they refer to (refs may cycle), compiled
 * again without the format checks. Guards that check none are not repeated, and a document with no
 * `format` gets no such module.
 */
const outDir = fileURLToPath(new URL("../../scratch/format-free-guards/", import.meta.url));
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

const schemas: Record<string, Json> = {
  Stamp: { type: "string", format: "date-time" },
  Holder: {
    type: "object",
    required: ["at"],
    properties: { at: ref("Stamp"), id: { type: "string", format: "uuid" } },
  },
  Plain: { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } },
  Tree: {
    type: "object",
    properties: { seen: { type: "string", format: "email" }, children: { type: "array", items: ref("Tree") } },
  },
  Forest: { type: "object", properties: { trees: { type: "array", items: ref("Tree") } } },
};

const spec = inlineSpec({
  schemas,
  messages: {
    stamped: {
      action: "send",
      payload: keyedPayload("stamped", { holder: ref("Holder"), plain: ref("Plain") }, ["holder"]),
    },
    plainNote: { action: "send", payload: keyedPayload("plainNote", { plain: ref("Plain") }, ["plain"]) },
    forest: { action: "send", payload: keyedPayload("forest", { forest: ref("Forest") }, ["forest"]) },
    ask: { payload: keyedPayload("ask", { at: ref("Stamp") }, ["at"]) },
  },
});

type Guard = (value: unknown) => boolean;
let files: Readonly<Record<string, string>>;
let checking: Record<string, Guard>;
let free: Record<string, Guard>;

beforeAll(async () => {
  files = await generateFiles(spec);
  mkdirSync(`${outDir}src`, { recursive: true });
  for (const path of ["src/types.gen.ts", "src/guards.gen.ts", "src/format-free-guards.gen.ts"]) {
    writeFileSync(`${outDir}${path}`, files[path] ?? "");
  }
  checking = (await import(`${outDir}src/guards.gen.ts`)) as typeof checking;
  free = (await import(`${outDir}src/format-free-guards.gen.ts`)) as typeof free;
});

function exported(text: string): string[] {
  return [...text.matchAll(/^export function (\w+)\(/gm)].map((match) => match[1] as string).sort();
}

function guard(module: Record<string, Guard>, name: string): Guard {
  const found = module[name];
  if (found === undefined) throw new Error(`no guard ${name}`);
  return found;
}

describe("format-free guards", () => {
  it("repeat the received messages' guards that check a format, through refs and a ref cycle, without the check", () => {
    const text = files["src/format-free-guards.gen.ts"] ?? "";
    expect(exported(text)).toEqual(["isForest", "isForestMessage", "isHolder", "isStamp", "isStamped", "isTree"]);
    expect(text).not.toMatch(/isDateTimeFormat|isUuidFormat|checkFormat/);
    expect(text).toContain('import { isPlain } from "./guards.gen.js";');
  });

  it("take `format` as an annotation and check everything else", () => {
    const stamped = (holder: Json): Json => ({ type: "stamped", holder, plain: { name: "p" } });
    const badDate = stamped({ at: "not a date", id: "not a uuid" });
    expect(guard(checking, "isStamped")(badDate)).toBe(false);
    expect(guard(free, "isStamped")(badDate)).toBe(true);
    expect(guard(free, "isStamped")(stamped({ at: 5 }))).toBe(false);
    expect(guard(free, "isStamped")({ ...(stamped({ at: "x" }) as object), plain: { name: "" } })).toBe(false);
    const forest = (seen: Json): Json => ({ type: "forest", forest: { trees: [{ children: [{ seen }] }] } });
    expect(guard(checking, "isForestMessage")(forest("nobody"))).toBe(false);
    expect(guard(free, "isForestMessage")(forest("nobody"))).toBe(true);
    expect(guard(free, "isForestMessage")(forest(1))).toBe(false);
  });

  it("stand in the client descriptor for what the server sends, keyed by the messages that check a format", () => {
    const descriptor = files["src/client-protocol.gen.ts"] ?? "";
    const table = descriptor.slice(
      descriptor.indexOf("formatFreeGuards:"),
      descriptor.indexOf("}", descriptor.indexOf("formatFreeGuards:")),
    );
    expect(table).toContain('"stamped": formatFree.isStamped');
    expect(table).toContain('"forest": formatFree.isForestMessage');
    expect(table).not.toMatch(/plainNote|ask/);
    expect(descriptor.match(/formatFreeGuards:/g)).toHaveLength(1);
    expect(descriptor).toContain('import * as formatFree from "./format-free-guards.gen.js";');
  });

  it("are not generated for a document with no format", async () => {
    const plain = await generateFiles(
      inlineSpec({
        messages: { note: { action: "send", payload: keyedPayload("note", { text: { type: "string" } }) } },
      }),
    );
    expect(Object.keys(plain)).not.toContain("src/format-free-guards.gen.ts");
    expect(plain["src/client-protocol.gen.ts"]).not.toContain("formatFree");
  });
});
