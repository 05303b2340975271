import type { Page } from "playwright-core";

export interface InboundRtp {
  readonly audioBytes: number;
  readonly videoBytes: number;
  readonly packets: number;
  /** Open peer connections on the page. */
  readonly open: number;
}

/** Inbound RTP totals over the page's open peer connections, from RTCPeerConnection.getStats(). */
export function inboundRtp(page: Page): Promise<InboundRtp> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers;
    const totals = { audioBytes: 0, videoBytes: 0, packets: 0, open: 0 };
    for (const peer of peers.filter((candidate) => candidate.connectionState !== "closed")) {
      totals.open += 1;
      const report = await peer.getStats();
      report.forEach((entry: { type: string; kind?: string; bytesReceived?: number; packetsReceived?: number }) => {
        if (entry.type !== "inbound-rtp") return;
        if (entry.kind === "audio") totals.audioBytes += entry.bytesReceived ?? 0;
        if (entry.kind === "video") totals.videoBytes += entry.bytesReceived ?? 0;
        totals.packets += entry.packetsReceived ?? 0;
      });
    }
    return totals;
  });
}

/** Resolves once both audio and video inbound bytes grew past `before` (polling getStats). */
export async function expectRtpGrowing(page: Page, before?: InboundRtp, timeoutMs = 15_000): Promise<InboundRtp> {
  const start = before ?? (await inboundRtp(page));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await inboundRtp(page);
    if (now.audioBytes > start.audioBytes && now.videoBytes > start.videoBytes) return now;
    if (Date.now() > deadline) {
      throw new Error(`inbound RTP did not grow: before ${JSON.stringify(start)}, now ${JSON.stringify(now)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Milliseconds until the page's first inbound RTP packet, polled in the page every 10 ms. */
export function firstInboundPacketAt(page: Page, timeoutMs = 20_000): Promise<number> {
  return page.evaluate(async (limit) => {
    const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers;
    const deadline = performance.now() + limit;
    while (performance.now() < deadline) {
      for (const peer of peers.filter((candidate) => candidate.connectionState !== "closed")) {
        let packets = 0;
        (await peer.getStats()).forEach((entry: { type: string; packetsReceived?: number }) => {
          if (entry.type === "inbound-rtp") packets += entry.packetsReceived ?? 0;
        });
        if (packets > 0) return Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("no inbound RTP packet");
  }, timeoutMs);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface ConnectionInbound {
  /** The connection's place among every connection the page created: stable while others close. */
  readonly id: number;
  readonly audioBytes: number;
  readonly videoBytes: number;
}

/** Inbound audio and video bytes of each open peer connection that receives anything. */
export function inboundPerConnection(page: Page): Promise<ConnectionInbound[]> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers;
    const totals: ConnectionInbound[] = [];
    for (const [id, peer] of peers.entries()) {
      if (peer.connectionState === "closed") continue;
      const sums = { id, audioBytes: 0, videoBytes: 0, inbound: false };
      (await peer.getStats()).forEach((entry: { type: string; kind?: string; bytesReceived?: number }) => {
        if (entry.type !== "inbound-rtp") return;
        sums.inbound = true;
        if (entry.kind === "audio") sums.audioBytes += entry.bytesReceived ?? 0;
        if (entry.kind === "video") sums.videoBytes += entry.bytesReceived ?? 0;
      });
      if (sums.inbound) totals.push({ id, audioBytes: sums.audioBytes, videoBytes: sums.videoBytes });
    }
    return totals;
  });
}

/**
 * Resolves once `count` receiving connections each had audio and video grow between two samples. A
 * connection is compared with its own earlier sample (by id, not by position: when one closes between
 * two samples, the ones after it move up the list).
 */
export async function expectEachGrowing(page: Page, count: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let before = await inboundPerConnection(page);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await inboundPerConnection(page);
    const growing = now.filter((entry) => {
      const earlier = before.find((sample) => sample.id === entry.id);
      return earlier !== undefined && entry.audioBytes > earlier.audioBytes && entry.videoBytes > earlier.videoBytes;
    });
    if (now.length === count && growing.length === count) return;
    if (Date.now() > deadline) throw new Error(`want ${count} growing connections: ${JSON.stringify({ before, now })}`);
    before = now;
  }
}
