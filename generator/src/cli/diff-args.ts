import { parseArgs } from "node:util";

export interface DiffCommand {
  readonly before: string;
  readonly after: string;
  readonly writeChangeset: boolean;
  readonly changesetDir: string;
}

export const diffUsage = `Usage: wiretype diff <old-spec> <new-spec> [--write-changeset] [--changeset-dir dir]

  old-spec, new-spec   AsyncAPI 3 documents; a spec may also be <git-revision>:<path> (origin/main:specs/voxy.asyncapi.yaml)
  --write-changeset    write .changeset/<id>-spec-<class>.md bumping the package by the highest class
  --changeset-dir dir  where changesets go (default: .changeset)

Each change is printed with its path and class: major (removed message or field, field made required
or optional, type changed or narrowed, enum value removed), minor (added optional field, message or
enum value, widened constraint), patch (descriptions, titles, examples).`;

/** Parses `diff`'s arguments; throws with the usage text when they are wrong. */
export function parseDiffArgs(argv: readonly string[]): DiffCommand {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      "write-changeset": { type: "boolean", default: false },
      "changeset-dir": { type: "string", default: ".changeset" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) throw new Error(diffUsage);
  const [before, after, ...extra] = positionals;
  if (before === undefined || after === undefined || extra.length > 0) {
    throw new Error(`diff takes exactly two specs\n\n${diffUsage}`);
  }
  return { before, after, writeChangeset: values["write-changeset"], changesetDir: values["changeset-dir"] };
}
