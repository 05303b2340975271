import type { Page } from "playwright-core";

export async function logInAs(page: Page, url: string, login = "1000@wiretype.local", password = "1234") {
  await page.goto(url);
  await page.fill("#login-name", login);
  await page.fill("#password", password);
  await page.click("#login button");
}

/** Waits until the phone shows `phase`; returns the visible state text. */
export async function phonePhase(page: Page, phase: string): Promise<string> {
  await page
    .waitForSelector(`#phone[data-state="${phase}"]`, { state: "attached", timeout: 25_000 })
    .catch(async () => {
      throw new Error(`the phone never showed ${phase}: it shows ${await page.textContent("#call-state")}`);
    });
  return (await page.textContent("#call-state")) ?? "";
}

export async function dial(page: Page, number: string): Promise<void> {
  await page.fill("#number", number);
  await page.click("#call");
}
