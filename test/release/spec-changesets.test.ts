import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/** scripts/check-spec-changesets.mjs in a throwaway git repository: a spec change must come with a changeset. */

const script = resolve(import.meta.dirname, "../../scripts/check-spec-changesets.mjs");
const gitEnv = {
  GIT_AUTHOR_NAME: "test",
  GIT_AUTHOR_EMAIL: "test@127.0.0.1",
  GIT_COMMITTER_NAME: "test",
  GIT_COMMITTER_EMAIL: "test@127.0.0.1",
};

function spec(description: string): string {
  return [
    "asyncapi: 3.1.0",
    "info:",
    "  title: Demo",
    "  version: 1.0.0",
    `  description: ${description}`,
    "  x-wiretype-package:",
    '    name: "@wiretype/demo-renamed"',
    "",
  ].join("\n");
}

describe("check-spec-changesets", () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: { ...process.env, ...gitEnv } });
  const check = (env: Record<string, string> = { WIRETYPE_BASE: "main" }) => {
    const { WIRETYPE_BASE: _ignored, ...inherited } = process.env;
    const result = spawnSync(process.execPath, [script], {
      cwd: repo,
      env: { ...inherited, ...env },
      encoding: "utf8",
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const changeset = (file: string, name: string) =>
    writeFileSync(join(repo, ".changeset", file), `---\n"${name}": patch\n---\n\nDemo.\n`);

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), "wiretype-spec-changesets-"));
    mkdirSync(join(repo, "specs"));
    mkdirSync(join(repo, ".changeset"));
    writeFileSync(join(repo, "specs", "demo.asyncapi.yaml"), spec("First."));
    writeFileSync(join(repo, ".changeset", "README.md"), "# Changesets\n");
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "base");
    git("checkout", "-q", "-b", "feature");
  });

  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it("passes when no spec changed", () => {
    changeset("unrelated.md", "@wiretype/other");
    expect(check()).toMatchObject({ status: 0 });
  });

  it("fails when a spec changed and no changeset names its package (x-wiretype-package.name)", () => {
    writeFileSync(join(repo, "specs", "demo.asyncapi.yaml"), spec("Second."));
    git("commit", "-qam", "spec change");
    changeset("unrelated.md", "@wiretype/other");
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain(
      "specs/demo.asyncapi.yaml changed since main but no new changeset names @wiretype/demo-renamed",
    );
  });

  it("passes once a changeset names the package, committed or not", () => {
    writeFileSync(join(repo, "specs", "demo.asyncapi.yaml"), spec("Second."));
    changeset("demo.md", "@wiretype/demo-renamed");
    expect(check()).toMatchObject({ status: 0 });
    git("add", "-A");
    git("commit", "-qm", "spec change with changeset");
    expect(check()).toMatchObject({ status: 0 });
  });

  it("a changeset already on the base branch does not count", () => {
    changeset("old.md", "@wiretype/demo-renamed");
    git("add", "-A");
    git("commit", "-qm", "old changeset");
    git("branch", "-f", "main", "HEAD");
    writeFileSync(join(repo, "specs", "demo.asyncapi.yaml"), spec("Second."));
    expect(check()).toMatchObject({ status: 1 });
  });

  it("skips with a message when there is no base branch", () => {
    writeFileSync(join(repo, "specs", "demo.asyncapi.yaml"), spec("Second."));
    const { status, output } = check({});
    expect(status).toBe(0);
    expect(output).toContain("skipped");
  });
});
