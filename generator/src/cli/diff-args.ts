import { parseArgs } from "node:util";
import type { ChangeClass } from "../diff/types.js";

const changeClasses: readonly ChangeClass[] = ["major", "minor", "patch"];

export interface DiffCommand {
  readonly before: string;
  readonly after: string;
  readonly writeChangeset: boolean;
  readonly changesetDir: string;
  /** `--fail-on`: exit 1 when a change of this class or higher is found (a CI gate). */
  readonly failOn: ChangeClass | undefined;
}

export const diffUsage = `Usage: wiretype diff <old-spec> <new-spec> [--write-changeset] [--changeset-dir dir] [--fail-on class]

  old-spec, new-spec   AsyncAPI 3 documents; a spec may also be <git-revision>:<path> (origin/main:specs/voxy.asyncapi.yaml)
  --write-changeset    write .changeset/<id>-spec-<class>.md bumping the package by the highest class
  --changeset-dir dir  where changesets go (default: .changeset)
  --fail-on class      exit 1 when a change of this class or higher is found: major, minor or patch
                       (in CI: wiretype diff origin/main:specs/x.asyncapi.yaml specs/x.asyncapi.yaml --fail-on major
                       stops a breaking change); exit 0 otherwise, 2 on wrong arguments

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
      "fail-on": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) throw new Error(diffUsage);
  const [before, after, ...extra] = positionals;
  if (before === undefined || after === undefined || extra.length > 0) {
    throw new Error(`diff takes exactly two specs\n\n${diffUsage}`);
  }
  const failOn = changeClasses.find((changeClass) => changeClass === values["fail-on"]);
  if (values["fail-on"] !== undefined && failOn === undefined) {
    throw new Error(`--fail-on takes ${changeClasses.join(", ")}\n\n${diffUsage}`);
  }
  return {
    before,
    after,
    writeChangeset: values["write-changeset"],
    changesetDir: values["changeset-dir"],
    failOn,
  };
}
