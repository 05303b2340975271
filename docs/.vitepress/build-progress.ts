/**
 * Progress lines for the docs build, where a person waits (a build takes a minute or more; VitePress
 * prints nothing while it renders when its output is not a terminal). One line per stage, and while
 * pages render at most one line per quarter, so CI logs stay short:
 *
 *   docs build: API reference · 19 modules · 6.1 s
 *   docs build: rendering · 120/480 pages · 41.0 s
 *   docs build: done · 480 pages · 63.2 s
 *
 * Lines go to stderr with a fixed prefix, so that tools (test/docs/support/build-site.ts) can pass them on.
 */

export const progressPrefix = "docs build:";

const startedAt = Date.now();
const quarters = 4;
let rendered = 0;
let reportedQuarter = 0;

function seconds(): string {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
}

export function reportStage(stage: string, count: string): void {
  process.stderr.write(`${progressPrefix} ${stage} · ${count} · ${seconds()}\n`);
}

/** Counts one rendered page (VitePress `transformHtml`); reports each quarter of `total` once. */
export function pageRendered(total: number): void {
  rendered += 1;
  const quarter = Math.floor((rendered * quarters) / Math.max(total, 1));
  if (quarter <= reportedQuarter || rendered >= total) return;
  reportedQuarter = quarter;
  reportStage("rendering", `${rendered}/${total} pages`);
}

export function buildDone(total: number): void {
  reportStage("done", `${total} pages`);
}
