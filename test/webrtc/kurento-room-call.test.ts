import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../docs/support/browser.js";
import { launchMediaChromium, personPage, saveScreenshot } from "./support/browser.js";
import { framesWith, type PageFrames, recordFrames } from "./support/frames.js";
import { type ExampleProcess, startExampleProcess } from "./support/node24.js";
import { joinAs, tiles, waitForPictures, waitForTiles } from "./support/room-pages.js";
import { expectEachGrowing, firstInboundPacketAt, median } from "./support/rtp.js";

const example = new URL("../../examples/kurento-room-call/", import.meta.url);
const users = ["alice", "bob", "carol"] as const;

describe.skipIf(!existsSync(chromiumPath))(
  "kurento-room group call example: three Chromium pages, a werift SFU",
  () => {
    let server: ExampleProcess;
    let browser: Browser;
    const pages = new Map<string, { page: Page; frames: PageFrames }>();
    const person = (user: string) => {
      const found = pages.get(user);
      if (found === undefined) throw new Error(`${user} has no page`);
      return found;
    };
    const page = (user: string) => person(user).page;

    beforeAll(async () => {
      [server, browser] = await Promise.all([
        startExampleProcess(example, "src/server/main.ts"),
        launchMediaChromium(),
      ]);
      for (const user of users) {
        const { page: opened } = await personPage(browser);
        pages.set(user, { page: opened, frames: recordFrames(opened) });
        await joinAs(opened, server.url, user);
      }
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it("each page receives audio and video from the two others through the SFU; ICE travels as room messages", async () => {
      for (const user of users) await waitForTiles(page(user), users);
      for (const user of users) await expectEachGrowing(page(user), 2);
      for (const user of users) await waitForPictures(page(user));
      await saveScreenshot(page("alice"), "kurento-room-call");
      const alice = person("alice");
      const offers = framesWith(alice.frames.sent, "id", "receiveVideoFrom").map((frame) => frame.userId);
      expect([...offers].sort()).toEqual(["alice", "bob", "carol"]);
      expect(framesWith(alice.frames.sent, "id", "onIceCandidate").length).toBeGreaterThan(0);
      expect(framesWith(alice.frames.received, "id", "iceCandidate").length).toBeGreaterThan(0);
      for (const frame of framesWith(alice.frames.sent, "id", "receiveVideoFrom")) {
        expect(String(frame.sdpOffer)).not.toContain("a=candidate");
      }
    }, 60_000);

    it("figures: SFU CPU per forwarded stream (3 participants: 6 audio+video streams forwarded)", async () => {
      const windowSeconds = 5;
      const before = await server.cpuSeconds();
      await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000));
      const used = (await server.cpuSeconds()) - before;
      const percent = (used / windowSeconds) * 100;
      console.log(
        `kurento-room SFU (werift, Node 24): ${percent.toFixed(1)}% of one core for 6 forwarded audio+video streams, ` +
          `${(percent / 6).toFixed(1)}% per stream`,
      );
      expect(used).toBeGreaterThan(0);
    }, 30_000);

    it("camera and microphone changes reach the rest of the room", async () => {
      await page("alice").click("#toggle-video");
      await page("alice").click("#toggle-audio");
      for (const user of ["bob", "carol"]) {
        await page(user).waitForSelector('.participant[data-user="alice"][data-video="false"][data-audio="false"]');
      }
      await page("alice").click("#toggle-video");
      await page("bob").waitForSelector('.participant[data-user="alice"][data-video="true"]');
    });

    it("one leaves: the others drop its tile and its connection, and keep receiving each other", async () => {
      await page("carol").click("#leave");
      await page("carol").waitForSelector("#room-view[hidden]", { state: "attached" });
      for (const user of ["alice", "bob"]) {
        await waitForTiles(page(user), ["alice", "bob"]);
        await expectEachGrowing(page(user), 1);
      }
      expect(await tiles(page("carol"))).toEqual([]);
    }, 60_000);

    it("figures: join setup time, join to first inbound RTP packet (median of 3)", async () => {
      const setupMs: number[] = [];
      for (let join = 0; join < 3; join += 1) {
        const { page: dave } = await personPage(browser);
        await dave.goto(server.url);
        await dave.fill("#user", "dave");
        await dave.fill("#password", "demo");
        const startedAt = await dave.evaluate(() => Date.now());
        const firstPacket = firstInboundPacketAt(dave);
        await dave.click("#join button");
        setupMs.push((await firstPacket) - startedAt);
        await dave.click("#leave");
        // The next join may take the name only once the room has seen this one leave.
        await waitForTiles(page("alice"), ["alice", "bob"]);
        await dave.context().close();
      }
      console.log(
        `kurento-room join setup (join → first inbound RTP): median ${median(setupMs)} ms of ${setupMs.join(", ")}`,
      );
      expect(setupMs.every((ms) => ms > 0)).toBe(true);
    }, 60_000);
  },
);
