#!/usr/bin/env node
// Inside the repository (the TypeScript source is there), runs the source through tsx so that a stale
// `dist` never generates anything; once installed from the registry (only `dist` is published), runs
// the built CLI.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/run.ts", import.meta.url);
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  await import(new URL("../dist/cli/run.js", import.meta.url).href);
}
