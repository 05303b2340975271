/** Baseline for bench/generate.ts: only parse the five specs with @asyncapi/parser, as generate does. */
import { readdirSync, readFileSync } from "node:fs";
import { loadSpec } from "@wiretype/generator";

const names = readdirSync("specs").filter((name) => name.endsWith(".asyncapi.yaml"));
await Promise.all(
  names.map((name) => loadSpec({ path: `specs/${name}`, text: readFileSync(`specs/${name}`, "utf8") })),
);
