import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../docs/support/browser.js";
import { launchMediaChromium, personPage, saveScreenshot } from "./support/browser.js";
import { framesWith, type PageFrames, recordFrames } from "./support/frames.js";
import { type ExampleProcess, startExampleProcess } from "./support/node24.js";
import { expectRtpGrowing, firstInboundPacketAt, inboundRtp, median } from "./support/rtp.js";
import { dial, logInAs, phonePhase } from "./support/verto-pages.js";

const example = new URL("../../examples/verto-phone/", import.meta.url);

/** The `params` of the JSON-RPC requests with this method among the frames. */
const requests = (frames: readonly Record<string, unknown>[], method: string) =>
  framesWith(frames, "method", method).map((frame) => frame.params as Record<string, unknown>);

describe.skipIf(!existsSync(chromiumPath))("verto phone example: Chromium calls a werift echo endpoint", () => {
  let server: ExampleProcess;
  let browser: Browser;
  let page: Page;
  let frames: PageFrames;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startExampleProcess(example, "src/server/main.ts"), launchMediaChromium()]);
    ({ page } = await personPage(browser));
    frames = recordFrames(page);
  }, 60_000);

  // A test that failed mid-call must not leave the phone busy for the next one.
  afterEach(async () => {
    if (await page.isVisible("#hang-up")) {
      await page.click("#hang-up");
      await phonePhase(page, "ended");
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("refuses a wrong password, then logs in and gets verto.clientReady", async () => {
    await logInAs(page, server.url, "1000@wiretype.local", "wrong");
    await page.waitForFunction(() => document.querySelector("#login-error")?.textContent !== "");
    expect(await page.textContent("#login-error")).toMatch(/Authentication Failure/);
    await logInAs(page, server.url);
    await page.waitForSelector("#ready:has-text('ready')");
  });

  it("invites 9196: verto.media, verto.display, verto.answer; echoed audio and video flow; hang-up by the page", async () => {
    await dial(page, "9196");
    expect(await phonePhase(page, "answered")).toBe("answered");
    const first = await expectRtpGrowing(page);
    await expectRtpGrowing(page, first);
    await page.waitForSelector("#display:has-text('Echo test')");
    await saveScreenshot(page, "verto-phone");

    const [invite] = requests(frames.sent, "verto.invite");
    // verto does not trickle: the offer carries the browser's candidates, the answer the endpoint's.
    expect(String(invite?.sdp)).toContain("a=candidate");
    expect(String(requests(frames.received, "verto.media")[0]?.sdp)).toContain("a=candidate");
    const order = frames.received.map((frame) => frame.method).filter((method) => typeof method === "string");
    expect(order.filter((method) => method !== "verto.clientReady")).toEqual([
      "verto.media",
      "verto.display",
      "verto.answer",
    ]);

    await page.click("#hang-up");
    expect(await phonePhase(page, "ended")).toBe("ended: hung up");
    expect(requests(frames.sent, "verto.bye")).toHaveLength(1);
    expect((await inboundRtp(page)).open).toBe(0);
  }, 45_000);

  it("the server hangs up (9197 ends after 3 s) with verto.bye", async () => {
    // The call lasts 3 s: record every phase the page shows rather than race a busy machine to see one.
    await page.evaluate(() => {
      const phone = document.querySelector<HTMLElement>("#phone");
      const seen: string[] = [];
      (window as unknown as { __phases: string[] }).__phases = seen;
      new MutationObserver(() => seen.push(phone?.dataset.state ?? "")).observe(phone as HTMLElement, {
        attributes: true,
        attributeFilter: ["data-state"],
      });
    });
    const received = frames.received.length;
    const firstPacket = firstInboundPacketAt(page);
    await dial(page, "9197");
    expect(await firstPacket).toBeGreaterThan(0);
    expect(await phonePhase(page, "ended")).toBe("ended: ended by the other side (ALLOTTED_TIMEOUT)");
    const phases = await page.evaluate(() => (window as unknown as { __phases: string[] }).__phases);
    expect(phases.indexOf("answered")).toBeGreaterThan(-1);
    expect(phases.at(-1)).toBe("ended");
    const methods = frames.received
      .slice(received)
      .map((frame) => frame.method)
      .filter((method) => method !== undefined);
    expect(methods).toEqual(["verto.media", "verto.display", "verto.answer", "verto.bye"]);
    expect((await inboundRtp(page)).open).toBe(0);
  }, 30_000);

  it("a number nobody answers is ended by the server", async () => {
    await dial(page, "1234");
    expect(await phonePhase(page, "ended")).toBe("ended: ended by the other side (NO_ROUTE_DESTINATION)");
  });

  it("figures: call setup time, invite to first inbound RTP packet (median of 3)", async () => {
    const setupMs: number[] = [];
    for (let call = 0; call < 3; call += 1) {
      const invitedAt = await page.evaluate(() => Date.now());
      const firstPacket = firstInboundPacketAt(page);
      await dial(page, "9196");
      setupMs.push((await firstPacket) - invitedAt);
      await page.click("#hang-up");
      await phonePhase(page, "ended");
    }
    console.log(`verto call setup (invite → first inbound RTP): median ${median(setupMs)} ms of ${setupMs.join(", ")}`);
    expect(setupMs.every((ms) => ms > 0)).toBe(true);
  }, 60_000);
});
