import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVoxyCallApp, type VoxyCallApp } from "../../examples/voxy-call/src/server/app.js";
import { chromiumPath } from "../docs/support/browser.js";
import { launchMediaChromium, personPage, saveScreenshot } from "./support/browser.js";
import { framesWith, type PageFrames, recordFrames } from "./support/frames.js";
import { expectRtpGrowing, firstInboundPacketAt, inboundRtp, median } from "./support/rtp.js";
import { callPhase, expectEnded, placeCall, signInAs } from "./support/voxy-pages.js";

const accounts = new Map([
  ["alice", "demo"],
  ["bob", "demo"],
  ["carol", "demo"],
]);

describe.skipIf(!existsSync(chromiumPath))("voxy call example: two Chromium pages call each other", () => {
  let app: VoxyCallApp;
  let browser: Browser;
  const pages = new Map<string, { page: Page; frames: PageFrames }>();
  const person = (user: string) => {
    const found = pages.get(user);
    if (found === undefined) throw new Error(`${user} has no page`);
    return found;
  };

  beforeAll(async () => {
    app = await startVoxyCallApp({ accounts });
    browser = await launchMediaChromium();
    for (const user of ["alice", "bob", "carol"] as const) {
      const { page } = await personPage(browser);
      pages.set(user, { page, frames: recordFrames(page) });
      await signInAs(page, app.url, user);
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const alice = () => person("alice").page;
  const bob = () => person("bob").page;
  const carol = () => person("carol").page;

  async function connectedCall(): Promise<void> {
    await placeCall(alice(), "bob");
    expect(await callPhase(bob(), "ringing")).toBe("alice is calling");
    await bob().click("#accept");
    expect(await callPhase(alice(), "in-call")).toBe("in call with bob");
    expect(await callPhase(bob(), "in-call")).toBe("in call with alice");
  }

  it("refuses a wrong password and lists who is online", async () => {
    const { page } = await personPage(browser);
    await page.goto(app.url);
    await page.fill("#user", "alice");
    await page.fill("#password", "wrong");
    await page.click("#login button");
    await page.waitForFunction(() => document.querySelector("output#login-error")?.textContent !== "");
    expect(await page.textContent("#login-error")).toBe("wrong user or password");
    await page.context().close();
    // Carol signed in last: the bind answer listed alice and bob; alice saw the others' bind notices.
    expect(await carol().$$eval("#online button", (buttons) => buttons.map((b) => b.dataset.user))).toEqual([
      "alice",
      "bob",
    ]);
    await alice().waitForSelector('#online button[data-user="carol"]');
  });

  it("calls, accepts, and media flows both ways; ICE and SDP travel as voxy frames; busy; hang-up by the callee", async () => {
    await connectedCall();
    for (const page of [alice(), bob()]) {
      const first = await expectRtpGrowing(page);
      await expectRtpGrowing(page, first);
    }
    await saveScreenshot(alice(), "voxy-call");

    const offers = framesWith(person("alice").frames.sent, "action", "client_offer");
    expect(offers.length).toBeGreaterThan(0);
    // Trickle ICE: the offer goes out before gathering, each candidate in its own client_candidate.
    expect(JSON.stringify(offers.at(-1))).not.toContain("a=candidate");
    expect(framesWith(person("alice").frames.sent, "action", "client_candidate").length).toBeGreaterThan(0);
    expect(framesWith(person("bob").frames.received, "action", "client_candidate").length).toBeGreaterThan(0);
    expect(framesWith(person("bob").frames.sent, "action", "client_answer")).toHaveLength(1);

    await placeCall(carol(), "bob");
    expect(await callPhase(carol(), "ended")).toBe("ended: busy");

    await bob().click("#hang-up");
    await expectEnded(alice(), "hung up by bob", bob(), "hung up");
    expect((await inboundRtp(alice())).open).toBe(0);
    expect((await inboundRtp(bob())).open).toBe(0);
  });

  it("hang-up by the caller ends both sides", async () => {
    await connectedCall();
    await expectRtpGrowing(bob());
    await alice().click("#hang-up");
    await expectEnded(alice(), "hung up", bob(), "hung up by alice");
  });

  it("a rejected call ends on both sides; the caller sees it rejected", async () => {
    await placeCall(alice(), "bob");
    await callPhase(bob(), "ringing");
    await bob().click("#reject");
    await expectEnded(alice(), "rejected", bob(), "rejected");
  });

  it("a call cancelled before the answer stops ringing on the callee's page", async () => {
    await placeCall(alice(), "bob");
    await callPhase(bob(), "ringing");
    await alice().click("#hang-up");
    await expectEnded(alice(), "cancelled", bob(), "cancelled by caller");
  });

  it("chat reaches the member it is sent to", async () => {
    await alice().selectOption("#chat-to", "bob");
    await alice().fill("#chat-text", "hello bob");
    await alice().click("#chat-form button");
    await bob().waitForSelector("#chat li:has-text('alice: hello bob')");
    expect(await carol().$$("#chat li")).toHaveLength(0);
  });

  it("figures: call setup time, invite to first inbound RTP packet (median of 5)", async () => {
    const setupMs: number[] = [];
    for (let call = 0; call < 5; call += 1) {
      const invitedAt = await alice().evaluate(() => Date.now());
      const firstPacket = firstInboundPacketAt(alice());
      await placeCall(alice(), "bob");
      await callPhase(bob(), "ringing");
      await bob().click("#accept");
      setupMs.push((await firstPacket) - invitedAt);
      await alice().click("#hang-up");
      await callPhase(bob(), "ended");
    }
    console.log(`voxy call setup (invite → first inbound RTP): median ${median(setupMs)} ms of ${setupMs.join(", ")}`);
    expect(setupMs.every((ms) => ms > 0)).toBe(true);
  }, 90_000);
});
