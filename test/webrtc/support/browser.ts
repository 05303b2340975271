import { copyFile, mkdir } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { chromiumPath } from "../../docs/support/browser.js";

/**
 * Debian's Chromium with a fake camera and microphone (a test pattern and a beep), permission granted
 * without a prompt. Peers on one machine talk over loopback: Chromium leaves 127.0.0.1 out of ICE
 * unless allowed, and hides host addresses behind mDNS names that nothing here resolves.
 */
export function launchMediaChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    timeout: 20_000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--use-fake-ui-for-media-stream",
      // 15 frames a second: three pages encoding and decoding video share two cores in CI.
      "--use-fake-device-for-media-stream=fps=15",
      "--allow-loopback-in-peer-connection",
      "--disable-features=WebRtcHideLocalIpsWithMdns",
      // Background pages must keep rendering and sending video at full rate.
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
    ],
  });
}

/** A page in its own context (its own cookies and storage: one person), with its peer connections tracked. */
export async function personPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  await context.addInitScript({ content: trackPeerConnections });
  const page = await context.newPage();
  return { context, page };
}

/**
 * Keeps every RTCPeerConnection the page creates, so the test can read its getStats(). A string, not a
 * function: the TypeScript loader would add helpers to a function's source that the page lacks.
 */
const trackPeerConnections = `
  window.__peers = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration) {
      super(configuration);
      window.__peers.push(this);
    }
  };
`;

export const artifactsDirectory = new URL("../../../.artifacts/webrtc/", import.meta.url);

/** The docs site's copy of each example's screenshot (docs/examples/<name>.md shows it). */
export const docsScreenshotsDirectory = new URL("../../../docs/public/examples/", import.meta.url);

/**
 * Saves a screenshot as a CI artifact; with UPDATE_DOCS_SCREENSHOTS=1 also as the docs site's picture of
 * the example, so the committed pictures come from this test rather than by hand.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifactsDirectory, { recursive: true });
  const path = new URL(`${name}.png`, artifactsDirectory).pathname;
  await page.screenshot({ path });
  if (process.env.UPDATE_DOCS_SCREENSHOTS !== "1") return;
  await mkdir(docsScreenshotsDirectory, { recursive: true });
  await copyFile(path, new URL(`${name}.png`, docsScreenshotsDirectory).pathname);
}
