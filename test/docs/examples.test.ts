import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { distDir, docsDir, ensureSiteBuilt, repoRoot } from "./support/build-site.js";

/** Each example app has a page on the built site, with its screenshot and the command that starts it. */

const examplesDir = join(repoRoot, "examples");
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(examplesDir, entry.name, "package.json")))
  .map((entry) => entry.name)
  .sort();

const screenshotLimitBytes = 150_000;
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Manifest {
  readonly name: string;
  readonly scripts: { readonly start?: string };
}

function manifest(example: string): Manifest {
  return JSON.parse(readFileSync(join(examplesDir, example, "package.json"), "utf8")) as Manifest;
}

function builtPage(path: string): string {
  return readFileSync(join(distDir, path), "utf8");
}

/** The text a reader sees: tags dropped (highlighted code is split into spans), entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

beforeAll(async () => {
  await ensureSiteBuilt();
}, 420_000);

describe("example app pages on the docs site", () => {
  it("finds the three example apps", () => {
    expect(examples).toEqual(["kurento-room-call", "verto-phone", "voxy-call"]);
  });

  it.each(examples)("%s: the page shows its screenshot, a small PNG committed under docs/public", (example) => {
    const html = builtPage(join("examples", `${example}.html`));
    expect(html).toMatch(new RegExp(`<img src="/examples/${example}\\.png" alt="[^"]+"`));
    const committed = readFileSync(join(docsDir, "public", "examples", `${example}.png`));
    expect(committed.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(committed.length).toBeLessThan(screenshotLimitBytes);
    expect(readFileSync(join(distDir, "examples", `${example}.png`)).equals(committed)).toBe(true);
  });

  it.each(examples)("%s: the page's start command is the example's package.json start script", (example) => {
    const { name, scripts } = manifest(example);
    const text = visibleText(builtPage(join("examples", `${example}.html`)));
    expect(scripts.start).toBeDefined();
    expect(text).toContain(`pnpm --filter ${name} start`);
    expect(text).toContain(`start script, ${scripts.start}`);
  });

  it.each(examples)("%s: the code shown is the example's own source, imported at build time", (example) => {
    const html = builtPage(join("examples", `${example}.html`));
    expect(html).not.toContain("Code snippet path not found");
    const sources = [...html.matchAll(/<div class="language-ts/g)];
    expect(sources.length).toBeGreaterThanOrEqual(2);
  });

  it("links every example page from the sidebar, the nav bar and the examples overview", () => {
    const overview = builtPage(join("examples", "index.html"));
    const home = builtPage("index.html");
    expect(home).toContain('href="/examples/"');
    for (const example of examples) {
      expect(overview, example).toContain(`href="/examples/${example}.html"`);
      const page = builtPage(join("examples", `${example}.html`));
      expect(page, example).toMatch(new RegExp(`class="VPSidebarItem[^"]*"[^]*?href="/examples/${example}\\.html"`));
    }
  });
});
