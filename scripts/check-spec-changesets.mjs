// Fails when a spec changed since the base branch and no changeset added since then names its package:
// a spec change changes the generated package, so it must lead to a new version.
// Base: $WIRETYPE_BASE, else origin/main when it exists, else the check is skipped (with a message).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";

const specPattern = /^specs\/([^/]+)\.asyncapi\.(ya?ml|json)$/;
const changesetPattern = /^\.changeset\/[^/]+\.md$/;

function git(...args) {
  return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function refExists(ref) {
  try {
    git("rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
    return true;
  } catch {
    return false;
  }
}

/** Files changed between the merge base and the working tree, new untracked files included. */
function changedSince(mergeBase, filter = "ACDMR") {
  const tracked = git("diff", "--name-only", `--diff-filter=${filter}`, mergeBase, "--").split("\n");
  const untracked = git("ls-files", "--others", "--exclude-standard").split("\n");
  return [...new Set([...tracked, ...untracked].filter(Boolean))];
}

/** The spec's text now, or at the base when the change deleted it. */
function specText(path, mergeBase) {
  return existsSync(path) ? readFileSync(path, "utf8") : git("show", `${mergeBase}:${path}`);
}

function packageNameOf(path, mergeBase) {
  const id = specPattern.exec(path)?.[1] ?? basename(path);
  const name = parse(specText(path, mergeBase))?.info?.["x-wiretype-package"]?.name;
  return typeof name === "string" ? name : `@wiretype/${id}`;
}

/** Package names in a changeset's front matter (`"@wiretype/voxy": minor`). */
function packagesNamedIn(path) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, "utf8"));
  if (match === null) return [];
  const frontMatter = parse(match[1] ?? "") ?? {};
  return typeof frontMatter === "object" ? Object.keys(frontMatter) : [];
}

function main() {
  process.chdir(git("rev-parse", "--show-toplevel").trim());
  const base = process.env.WIRETYPE_BASE ?? (refExists("origin/main") ? "origin/main" : undefined);
  if (base === undefined) {
    console.log("check-spec-changesets: no base branch (set WIRETYPE_BASE or fetch origin/main): skipped");
    return 0;
  }
  if (!refExists(base)) {
    console.error(`check-spec-changesets: base ${base} is not a commit`);
    return 2;
  }
  const mergeBase = git("merge-base", base, "HEAD").trim();
  const specs = changedSince(mergeBase).filter((path) => specPattern.test(path));
  const named = new Set(
    changedSince(mergeBase, "AM")
      .filter((path) => changesetPattern.test(path) && !path.endsWith("README.md") && existsSync(path))
      .flatMap((path) => packagesNamedIn(join(".", path))),
  );
  const missing = specs
    .map((path) => ({ path, name: packageNameOf(path, mergeBase) }))
    .filter((s) => !named.has(s.name));
  for (const { path, name } of missing) {
    console.error(`${path} changed since ${base} but no new changeset names ${name}`);
  }
  if (missing.length > 0) {
    console.error(
      "Add one: `pnpm changeset`, or `wiretype diff <old-spec> <new-spec> --write-changeset` to classify the change.",
    );
    return 1;
  }
  console.log(`check-spec-changesets: ${specs.length} changed spec(s) since ${base}, each with a changeset`);
  return 0;
}

process.exitCode = main();
