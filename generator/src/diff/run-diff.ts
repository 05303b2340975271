import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type DiffCommand, parseDiffArgs } from "../cli/diff-args.js";
import { formatDiagnostic, SpecError } from "../diagnostics.js";
import { buildProtocol } from "../ir/build-protocol.js";
import type { Protocol } from "../ir/types.js";
import { loadSpec } from "../load/load-spec.js";
import { changesetSlug, formatChanges, renderChangeset } from "./changeset.js";
import { diffProtocols } from "./diff-protocols.js";
import { atLeast, type ChangeClass, highestClass } from "./types.js";

const specSuffix = /\.asyncapi\.(ya?ml|json)$/;
const revisionPath = /^([^:]+):(.+)$/;

/** A file, or `<revision>:<path>` read from git (the spec as it was on a branch). */
function readSpec(spec: string): { path: string; text: string } {
  if (existsSync(spec)) return { path: spec, text: readFileSync(spec, "utf8") };
  const match = revisionPath.exec(spec);
  if (match === null) throw new Error(`${spec}: no such file`);
  const text = execFileSync("git", ["show", spec], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return { path: match[2] ?? spec, text };
}

async function protocolOf(spec: string): Promise<Protocol> {
  const source = readSpec(spec);
  const { spec: loaded } = await loadSpec(source);
  return buildProtocol(loaded, { id: basename(source.path).replace(specSuffix, "") });
}

function writeChangeset(command: DiffCommand, protocol: Protocol, content: string, bump: ChangeClass): string {
  mkdirSync(command.changesetDir, { recursive: true });
  const slug = changesetSlug(protocol.id, bump, (taken) => existsSync(join(command.changesetDir, `${taken}.md`)));
  const path = join(command.changesetDir, `${slug}.md`);
  writeFileSync(path, content);
  return path;
}

async function diff(command: DiffCommand): Promise<number> {
  const [before, after] = await Promise.all([protocolOf(command.before), protocolOf(command.after)]);
  const changes = diffProtocols(before, after);
  const bump = highestClass(changes);
  if (bump === undefined) {
    console.log(`${after.packageName}: no change`);
    return 0;
  }
  for (const line of formatChanges(changes)) console.log(line);
  console.log(`${after.packageName}: ${bump} (${changes.length} change(s))`);
  const content = renderChangeset(after.packageName, changes);
  if (command.writeChangeset && content !== undefined) {
    console.log(`wrote ${writeChangeset(command, after, content, bump)}`);
  }
  if (command.failOn !== undefined && atLeast(bump, command.failOn)) {
    console.error(`${after.packageName}: a ${bump} change, and --fail-on ${command.failOn} was given`);
    return 1;
  }
  return 0;
}

/** `wiretype diff`: classifies a spec change and optionally writes its changeset. */
export async function runDiff(argv: readonly string[]): Promise<number> {
  let command: DiffCommand;
  try {
    command = parseDiffArgs(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  try {
    return await diff(command);
  } catch (error) {
    if (error instanceof SpecError) {
      for (const diagnostic of error.diagnostics) console.error(formatDiagnostic(diagnostic));
      return 1;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
