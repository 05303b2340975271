import type { Page } from "playwright-core";

export async function joinAs(page: Page, url: string, user: string, room = "r-5"): Promise<void> {
  await page.goto(url);
  await page.fill("#user", user);
  await page.fill("#password", "demo");
  await page.fill("#room", room);
  await page.click("#join button");
  await page.waitForSelector("#room-view:not([hidden])", { timeout: 10_000 });
}

/** The user ids whose tiles the page shows, sorted. */
export function tiles(page: Page): Promise<string[]> {
  return page.$$eval(".participant", (figures) =>
    figures.map((figure) => (figure as HTMLElement).dataset.user ?? "").sort(),
  );
}

export async function waitForTiles(page: Page, users: readonly string[]): Promise<void> {
  const wanted = [...users].sort().join(",");
  await page.waitForFunction(
    (expected) =>
      [...document.querySelectorAll<HTMLElement>(".participant")]
        .map((figure) => figure.dataset.user)
        .sort()
        .join(",") === expected,
    wanted,
    { timeout: 10_000 },
  );
}

/** Every tile's video shows pictures (decoded frames with a size), not a black box. */
export async function waitForPictures(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll<HTMLVideoElement>(".participant video")].every(
        (video) => video.videoWidth > 0 && video.readyState >= 2,
      ),
    undefined,
    { timeout: 20_000 },
  );
}
