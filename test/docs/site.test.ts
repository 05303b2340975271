import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { GenerateResult } from "@wiretype/generator";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectErrors, launchChromium } from "./support/browser.js";
import { distDir, ensureSiteBuilt, repoRoot } from "./support/build-site.js";
import { generateAll } from "./support/generated.js";
import { type StaticSite, serveStatic } from "./support/static-server.js";

const screenshotPath = join(repoRoot, ".artifacts", "docs", "message-page.png");

let generated: GenerateResult;
let site: StaticSite | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  generated = await generateAll();
  ensureSiteBuilt();
  site = await serveStatic(distDir);
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

function siteUrl(path: string): string {
  if (site === undefined) throw new Error("site not served");
  return `${site.url}${path}`;
}

describe("built docs site", () => {
  it("has a section, anchored by its id, for every message of every protocol", () => {
    for (const { protocol } of generated.packages) {
      const html = readFileSync(join(distDir, "protocols", protocol.id, "messages.html"), "utf8");
      for (const message of protocol.messages)
        expect(html, `${protocol.id} ${message.id}`).toContain(`<h3 id="${message.id}"`);
    }
  });

  it("has overview, flows and usage pages for every protocol", () => {
    for (const { protocol } of generated.packages) {
      for (const page of ["index", "flows", "usage"]) {
        const html = readFileSync(join(distDir, "protocols", protocol.id, `${page}.html`), "utf8");
        expect(html, `${protocol.id}/${page}`).toMatch(/<h1[ >]/);
      }
    }
  });
});

describe("docs site in headless Chromium", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    if (browser === undefined) throw new Error("no browser");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(siteUrl(path), { waitUntil: "networkidle", timeout: 15_000 });
    return { page, errors };
  }

  it("renders the home page without console errors", async () => {
    const { page, errors } = await open("/");
    await expect(page.locator(".VPHero .name").textContent()).resolves.toContain("wiretype");
    for (const { protocol } of generated.packages) {
      await page
        .locator(`.VPFeature:has-text(${JSON.stringify(protocol.title)})`)
        .first()
        .waitFor({ timeout: 5_000 });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("renders one messages page per protocol without console errors", async () => {
    for (const { protocol } of generated.packages) {
      const first = protocol.messages[0];
      if (first === undefined) throw new Error(`${protocol.id} has no message`);
      const { page, errors } = await open(`/protocols/${protocol.id}/messages.html`);
      await page.locator(`h3[id="${first.id}"]`).waitFor({ state: "visible", timeout: 5_000 });
      expect(await page.locator("main table").count(), protocol.id).toBeGreaterThan(0);
      expect(errors, protocol.id).toEqual([]);
      await page.close();
    }
  });

  it("finds a message by its wire name with the local search", async () => {
    const { page, errors } = await open("/");
    await page.locator(".VPNavBarSearch button").first().click();
    const input = page.locator("input.search-input");
    await input.waitFor({ state: "visible", timeout: 5_000 });
    await input.fill("call_remote_callback");
    const hit = page.locator('ul.results a[href*="/protocols/voxy/messages.html#callRemoteCallback"]');
    await hit.first().waitFor({ state: "visible", timeout: 10_000 });
    await hit.first().click();
    await page.waitForURL(/\/protocols\/voxy\/messages\.html#callRemoteCallback/, { timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws the sequence diagrams as SVG", async () => {
    const { page, errors } = await open("/protocols/voxy/flows.html");
    const diagram = page.locator("figure.wt-seq svg").first();
    await diagram.waitFor({ state: "visible", timeout: 5_000 });
    const box = await diagram.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(await page.locator("figure.wt-seq svg text", { hasText: "call_remote" }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("writes a screenshot of a message page", async () => {
    const { page, errors } = await open("/protocols/voxy/messages.html#callRemote");
    await page.locator('h3[id="callRemote"]').waitFor({ state: "visible", timeout: 5_000 });
    mkdirSync(join(repoRoot, ".artifacts", "docs"), { recursive: true });
    await page.screenshot({ path: screenshotPath });
    expect(readFileSync(screenshotPath).length).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });
});
