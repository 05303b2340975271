import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { GenerateResult } from "@wiretype/generator";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectErrors, launchChromium } from "./support/browser.js";
import { distDir, ensureSiteBuilt } from "./support/build-site.js";
import { generateAll } from "./support/generated.js";
import { type StaticSite, serveStatic } from "./support/static-server.js";

/** The docs site on a phone: nothing wider than the content column, no page a reader scrolls forever. */

const phone = { width: 375, height: 812 };
/** The tallest protocol page allowed at the phone viewport (verto's single messages page was ~200,000 px). */
const maxPageHeight = 20_000;
/** Measuring every page takes minutes: the pages with the most HTML are the tallest. */
const measuredPages = 12;

let generated: GenerateResult;
let site: StaticSite | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  generated = await generateAll();
  await ensureSiteBuilt();
  site = await serveStatic(distDir);
  browser = await launchChromium();
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function phonePage(): Promise<{ page: Page; errors: string[] }> {
  if (browser === undefined) throw new Error("no browser");
  const page = await browser.newPage({ viewport: phone });
  return { page, errors: collectErrors(page) };
}

async function visit(page: Page, path: string): Promise<void> {
  if (site === undefined) throw new Error("site not served");
  await page.goto(`${site.url}${path}`, { waitUntil: "load", timeout: 15_000 });
}

/** The built pages under protocols/ with the most HTML (the tallest ones), as site paths. */
function largestProtocolPages(count: number): string[] {
  const found: { path: string; size: number }[] = [];
  const visitDir = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visitDir(path);
      else if (entry.name.endsWith(".html"))
        found.push({ path: `/${relative(distDir, path).split(sep).join("/")}`, size: statSync(path).size });
    }
  };
  visitDir(join(distDir, "protocols"));
  return found
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1))
    .slice(0, count)
    .map(({ path }) => path);
}

describe("docs site at a phone viewport", () => {
  it("draws every sequence diagram within the content column", async () => {
    let diagrams = 0;
    for (const { protocol } of generated.packages) {
      const { page, errors } = await phonePage();
      await visit(page, `/protocols/${protocol.id}/flows.html`);
      const { column, widths } = await page.evaluate(() => ({
        column: document.querySelector(".vp-doc")?.getBoundingClientRect().width ?? 0,
        widths: [...document.querySelectorAll("figure.wt-seq svg")].map((svg) => svg.getBoundingClientRect().width),
      }));
      expect(column, protocol.id).toBeGreaterThan(200);
      expect(column, protocol.id).toBeLessThanOrEqual(phone.width);
      for (const width of widths) expect(width, protocol.id).toBeLessThanOrEqual(column + 0.5);
      diagrams += widths.length;
      expect(errors, protocol.id).toEqual([]);
      await page.close();
    }
    expect(diagrams).toBeGreaterThan(generated.packages.length);
  }, 60_000);

  it("keeps every protocol page short enough to read on a phone", async () => {
    const { page } = await phonePage();
    const heights: [string, number][] = [];
    for (const path of largestProtocolPages(measuredPages)) {
      await visit(page, path);
      heights.push([path, await page.evaluate(() => document.documentElement.scrollHeight)]);
    }
    const [tallest, height] = heights.reduce((top, each) => (each[1] > top[1] ? each : top));
    console.log(`tallest protocol page at ${phone.width} px: ${tallest}, ${height} px (${heights.length} pages)`);
    expect(heights.length).toBe(measuredPages);
    expect(height, tallest).toBeLessThanOrEqual(maxPageHeight);
    await page.close();
  }, 180_000);
});

/** The first message page of a protocol quoting the spec's original wording in CJK or Hangul. */
function originalWordingPage(protocolId: string): string | undefined {
  const page = generated.docs.find(
    (file) =>
      file.path.startsWith(`protocols/${protocolId}/messages/`) &&
      /> Original wording: [^\n]*[\u3400-\u9fff\uac00-\ud7af]/.test(file.content),
  );
  return page === undefined ? undefined : `/${page.path.replace(/\.md$/, ".html")}`;
}

describe("the specs' original wording (Chinese, Korean) in headless Chromium", () => {
  it("is drawn with real glyphs, not the missing-glyph box", async () => {
    let checked = 0;
    for (const { protocol } of generated.packages) {
      const path = originalWordingPage(protocol.id);
      if (path === undefined) continue;
      const { page } = await phonePage();
      await visit(page, path);
      // Draws characters in the quote's own font: every missing glyph draws the same box, real ones differ.
      const drawn = await page.evaluate(() => {
        const quote = [...document.querySelectorAll(".vp-doc blockquote")].find((node) =>
          /[\u3400-\u9fff\uac00-\ud7af]/.test(node.textContent ?? ""),
        );
        const text = quote?.textContent ?? "";
        const characters = [...new Set(text.match(/[\u3400-\u9fff\uac00-\ud7af]/g) ?? [])].slice(0, 2);
        const font = quote === undefined ? "16px sans-serif" : getComputedStyle(quote).font;
        const draw = (character: string) => {
          const canvas = document.createElement("canvas");
          canvas.width = 48;
          canvas.height = 48;
          const context = canvas.getContext("2d");
          if (context === null) return "";
          context.font = font.replace(/\d+(\.\d+)?px/, "32px");
          context.fillText(character, 4, 36);
          return canvas.toDataURL();
        };
        return { characters, images: characters.map(draw), missing: draw("\u{10fffd}") };
      });
      expect(drawn.characters, path).toHaveLength(2);
      const [first, second] = drawn.images;
      expect(first, path).not.toBe(second);
      expect(first, path).not.toBe(drawn.missing);
      expect(second, path).not.toBe(drawn.missing);
      checked += 1;
      await page.close();
    }
    // voxy and verto quote Chinese, yueyue Simplified Chinese, kurento-room Korean.
    expect(checked).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
