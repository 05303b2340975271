import type { GenerateMemo } from "../pipeline.js";
import { commandsUsage, type GenerateCommand, parseGenerateArgs, usage } from "./args.js";
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
  if (verb === undefined || verb === "--help" || verb === "-h" || verb === "help") {
    console.log(commandsUsage);
    return verb === undefined ? 2 : 0;
  }
  if (verb !== "generate") {
    console.error(`wiretype: unknown command ${verb}\n\n${commandsUsage}`);
    return 2;
  }
  let command: GenerateCommand;
  try {
    command = parseGenerateArgs(rest);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message.includes(usage) ? message : `${message}\n\n${usage}`);
    return 2;
  }
  // A watch session keeps what its first run parsed, so that the next change re-parses one spec.
  const memo: GenerateMemo | undefined = command.watch ? {} : undefined;
  const status = await runReporting(command, memo);
  if (command.watch) watchSpecs(command, undefined, memo);
  return status;
}
