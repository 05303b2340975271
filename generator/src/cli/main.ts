import type { GenerateMemo } from "../pipeline.js";
import { type GenerateCommand, parseGenerateArgs, usage } from "./args.js";
import { runReporting } from "./generate-command.js";
import { watchSpecs } from "./watch.js";

export { watchSpecs };

export async function main(argv: readonly string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === "diff") {
    // Loaded on demand: `generate` with nothing changed never loads the parser.
    const { runDiff } = await import("../diff/run-diff.js");
    return runDiff(rest);
  }
  if (verb === "mock") {
    const { runMock } = await import("../mock/mock-command.js");
    return runMock(rest);
  }
  if (verb !== "generate") {
    console.error(usage);
    return verb === "--help" || verb === "-h" ? 0 : 2;
  }
  let command: GenerateCommand;
  try {
    command = parseGenerateArgs(rest);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  // A watch session keeps what its first run parsed, so that the next change re-parses one spec.
  const memo: GenerateMemo | undefined = command.watch ? {} : undefined;
  const status = await runReporting(command, memo);
  if (command.watch) watchSpecs(command, undefined, memo);
  return status;
}
