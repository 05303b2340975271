import { parseArgs } from "node:util";

export interface GenerateCommand {
  readonly specs: readonly string[];
  readonly out: string;
  /** Where the generated docs pages go; undefined when only some specs are generated (docs need all). */
  readonly docs: string | undefined;
  readonly check: boolean;
  readonly watch: boolean;
  readonly timings: boolean;
  /** `--name`: the npm package name of the one spec generated. */
  readonly name: string | undefined;
  /** Where a run records what it generated, so that an unchanged run skips the work; undefined: `--no-cache`. */
  readonly cacheDir: string | undefined;
}

/** What `wiretype --help` and an unknown command print: every command, one line each. */
export const commandsUsage = `Usage: wiretype <command> [options]

Commands:
  generate [spec…]           types, validators, client, server and docs for each spec (the default work)
  diff <old-spec> <new-spec> classify a spec change (major, minor, patch); --fail-on for CI, --write-changeset
  mock <spec> [--port N]     serve a spec as a development server: validates frames, answers from examples

wiretype <command> --help prints the command's options.`;

export const defaultCacheDir = "node_modules/.cache/wiretype";

export const usage = `Usage: wiretype generate [spec…] [--out dir] [--name package] [--docs dir] [--check] [--watch] [--timings] [--no-cache] [--cache-dir dir]

  spec…       AsyncAPI 3.x or 2.x documents, YAML or JSON (default: specs/*.asyncapi.yaml)
  --out dir   folder that receives one package per spec, in a folder named after the package (default: packages)
  --name pkg  npm name of the package (one spec only); else info.x-wiretype-package.name, else info.title
  --docs dir  folder of the docs site that receives the generated pages (default: docs, and only
              when no spec is named, since the site covers every protocol)
  --check     write nothing; list stale or missing files with a short diff and exit 1 if any
  --watch     regenerate whenever a spec changes
  --timings   print the time spent in each stage (load, IR, emit)
  --no-cache  parse and emit every spec even when nothing changed since the last run (the cache is
              keyed by the specs, the files they refer to, the options and the generator itself;
              the outputs it remembers are re-checked against the disk)
  --cache-dir dir
              where that cache lives (default: node_modules/.cache/wiretype)`;

/** Parses `generate`'s arguments; throws with the usage text when they are wrong. */
export function parseGenerateArgs(argv: readonly string[]): GenerateCommand {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string", default: "packages" },
      docs: { type: "string" },
      check: { type: "boolean", default: false },
      watch: { type: "boolean", default: false },
      timings: { type: "boolean", default: false },
      name: { type: "string" },
      "no-cache": { type: "boolean", default: false },
      "cache-dir": { type: "string", default: defaultCacheDir },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) throw new Error(usage);
  if (values.check && values.watch) throw new Error(`--check and --watch do not go together\n\n${usage}`);
  if (values.name !== undefined && positionals.length !== 1)
    throw new Error(`--name goes with exactly one spec\n\n${usage}`);
  const docs = values.docs ?? (positionals.length === 0 ? "docs" : undefined);
  return {
    specs: positionals,
    out: values.out,
    docs,
    check: values.check,
    watch: values.watch,
    timings: values.timings,
    name: values.name,
    cacheDir: values["no-cache"] ? undefined : values["cache-dir"],
  };
}
