import type { Page } from "playwright-core";
import { expect } from "vitest";

export async function signInAs(page: Page, url: string, user: string, password = "demo"): Promise<void> {
  await page.goto(url);
  await page.fill("#user", user);
  await page.fill("#password", password);
  await page.click("#login button");
  await page.waitForSelector("#app:not([hidden])", { timeout: 10_000 });
}

/** Waits until the page's call section shows `phase`; returns the visible state text. */
export async function callPhase(page: Page, phase: string): Promise<string> {
  await page.waitForSelector(`#call[data-state="${phase}"]`, { timeout: 15_000 });
  return page.inputValue("#call-state").catch(() => page.textContent("#call-state").then((text) => text ?? ""));
}

export async function placeCall(page: Page, to: string): Promise<void> {
  await page.click(`#online button[data-user="${to}"]`, { timeout: 10_000 });
}

/** Both pages reach `ended`, each with its own reason. */
export async function expectEnded(caller: Page, callerReason: string, callee: Page, calleeReason: string) {
  expect(await callPhase(caller, "ended")).toBe(`ended: ${callerReason}`);
  expect(await callPhase(callee, "ended")).toBe(`ended: ${calleeReason}`);
}
