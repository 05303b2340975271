import type { Flow, Step } from "./flows.js";

/**
 * A sequence diagram as inline SVG, laid out from the flow alone: deterministic, no client-side
 * renderer, readable without JavaScript. Colours come from CSS classes (the theme maps them to
 * VitePress variables, so dark mode works).
 */

const charWidth = 7.8; // 13px monospace
const margin = 16;
const boxHeight = 32;
const firstStepY = 78;
const arrowHeight = 40;
const noteHeight = 34;
const lineHeight = 16;
/** Longer labels wrap, so that a diagram stays narrow enough to be read scaled down on a phone. */
const maxLabelChars = 30;

/** Words of a label, split after spaces and before ` | ` alternatives; a word longer than a line is cut. */
function words(text: string): string[] {
  const parts = text.split(/(?<= )/);
  return parts.flatMap((part) => part.match(new RegExp(`.{1,${maxLabelChars}}`, "g")) ?? [part]);
}

/** The label's lines, each at most `maxLabelChars` long (trailing spaces trimmed). */
export function wrapLabel(text: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words(text)) {
    if (line !== "" && (line + word).trimEnd().length > maxLabelChars) {
      lines.push(line.trimEnd());
      line = "";
    }
    line += word;
  }
  if (line.trim() !== "" || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

function widest(text: string): number {
  return Math.max(...wrapLabel(text).map((line) => line.length));
}

function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("{", "&#123;");
}

function textWidth(text: string): number {
  return Math.ceil(widest(text) * charWidth);
}

function boxWidth(name: string): number {
  return Math.max(96, textWidth(name) + 28);
}

/** Centre x of each participant: gaps wide enough for the labels of the arrows between neighbours. */
function columns(flow: Flow): { xs: number[]; width: number } {
  const count = flow.participants.length;
  const gaps = Array.from({ length: Math.max(0, count - 1) }, () => 170);
  const halves = flow.participants.map((name) => boxWidth(name) / 2);
  for (const step of flow.steps) {
    if (step.kind === "note") {
      halves[step.over] = Math.max(halves[step.over] ?? 0, (textWidth(step.text) + 20) / 2);
      continue;
    }
    const low = Math.min(step.from, step.to);
    const span = Math.abs(step.to - step.from);
    const perGap = (textWidth(step.label) + 48) / span;
    for (let gap = low; gap < low + span; gap += 1) gaps[gap] = Math.max(gaps[gap] ?? 0, perGap);
  }
  const xs = [margin + (halves[0] ?? 0)];
  for (const gap of gaps) xs.push((xs.at(-1) ?? 0) + Math.ceil(gap));
  const width = (xs.at(-1) ?? 0) + (halves.at(-1) ?? 0) + margin;
  return { xs, width: Math.ceil(width) };
}

function extraLines(step: Step): number {
  return wrapLabel(step.kind === "note" ? step.text : step.label).length - 1;
}

function stepHeight(step: Step): number {
  return (step.kind === "note" ? noteHeight : arrowHeight) + extraLines(step) * lineHeight;
}

/** A `<text>` of one or more lines; `y` is the baseline of the last line (lines stack upwards). */
function textLines(className: string, x: number, y: number, text: string): string {
  const lines = wrapLabel(text);
  const first = y - (lines.length - 1) * lineHeight;
  const spans = lines.map(
    (line, index) =>
      `<tspan x="${x}" ${index === 0 ? `y="${first}"` : `dy="${lineHeight}"`}>${escapeXml(line)}</tspan>`,
  );
  return `<text class="${className}" x="${x}" y="${first}" text-anchor="middle">${spans.join("")}</text>`;
}

function arrowSvg(xs: readonly number[], step: Step & { kind: "arrow" }, y: number): string[] {
  const x1 = xs[step.from] ?? 0;
  const x2 = xs[step.to] ?? 0;
  const direction = x2 > x1 ? 1 : -1;
  const tip = x2 - direction;
  const head = `${tip},${y} ${tip - direction * 9},${y - 4.5} ${tip - direction * 9},${y + 4.5}`;
  return [
    textLines("wt-label", (x1 + x2) / 2, y - 8, step.label),
    `<line class="wt-message${step.answer ? " wt-answer" : ""}" x1="${x1}" y1="${y}" x2="${tip - direction * 8}" y2="${y}"/>`,
    `<polygon class="wt-head" points="${head}"/>`,
  ];
}

function noteSvg(xs: readonly number[], step: Step & { kind: "note" }, y: number): string[] {
  const width = textWidth(step.text) + 20;
  const x = (xs[step.over] ?? 0) - width / 2;
  const extra = extraLines(step) * lineHeight;
  return [
    `<rect class="wt-note" x="${x}" y="${y - 22 - extra}" width="${width}" height="${24 + extra}" rx="3"/>`,
    textLines("wt-note-text", xs[step.over] ?? 0, y - 6, step.text),
  ];
}

/** The `<figure>` block for a Markdown page (no blank line inside, so Markdown keeps it as one HTML block). */
export function sequenceSvg(flow: Flow): string {
  const { xs, width } = columns(flow);
  const height = firstStepY + flow.steps.reduce((sum, step) => sum + stepHeight(step), 0) - arrowHeight + 24;
  const body: string[] = [];
  flow.participants.forEach((name, index) => {
    const x = xs[index] ?? 0;
    const box = boxWidth(name);
    body.push(
      `<line class="wt-lifeline" x1="${x}" y1="${margin + boxHeight}" x2="${x}" y2="${height - 8}"/>`,
      `<rect class="wt-actor" x="${x - box / 2}" y="${margin}" width="${box}" height="${boxHeight}" rx="4"/>`,
      `<text class="wt-actor-text" x="${x}" y="${margin + 21}" text-anchor="middle">${escapeXml(name)}</text>`,
    );
  });
  let y = firstStepY;
  for (const step of flow.steps) {
    // A wrapped label stacks upwards from the arrow: make room above it first.
    const extra = extraLines(step) * lineHeight;
    body.push(...(step.kind === "arrow" ? arrowSvg(xs, step, y + extra) : noteSvg(xs, step, y + extra)));
    y += stepHeight(step);
  }
  const titleId = `seq-title-${flow.id}`;
  return [
    `<figure class="wt-seq">`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId}">`,
    `<title id="${titleId}">${escapeXml(`${flow.title}: ${flow.steps.map((step) => (step.kind === "arrow" ? `${flow.participants[step.from]} → ${flow.participants[step.to]}: ${step.label}` : `(${step.text})`)).join("; ")}`)}</title>`,
    ...body,
    "</svg>",
    "</figure>",
  ].join("\n");
}
