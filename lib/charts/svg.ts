/**
 * The analysis as charts (issue 14): pure functions from figures to SVG text, shared by the studio
 * (inline, themed by the page's CSS) and the exported architecture documents (standalone files with
 * their own light/dark style). Scales and ticks come from d3-scale, paths from d3-shape; no DOM.
 *
 * Accessibility: every chart is role="img" with a <title> and a <desc> that states the figures in
 * words, and every mark carries a <title> (a tooltip in browsers). User text (operation names) is
 * escaped: it is data here as everywhere.
 *
 * @example
 * const svg = latencyChart([{ name: "Place order", value: 66, target: 100 }], { title: "Latency" });
 */
import { scaleLinear, scaleSymlog } from "d3-scale";
import { line } from "d3-shape";

export interface ChartOptions {
  title: string;
  /** Standalone files carry their own style (light, and dark under prefers-color-scheme). */
  standalone?: boolean;
  width?: number;
}

export interface BarDatum {
  name: string;
  /** Null: unknown (drawn as a note, never as zero). */
  value: number | null;
  /** The SLO, when there is one. */
  target: number | null;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const ROW = 26;

/** Columns for names and values: a narrow chart (an inspector) gives them a share, a wide one caps them. */
function columns(width: number): { label: number; value: number; chars: number } {
  const label = Math.min(190, Math.round(width * 0.34));
  return { label, value: Math.min(120, Math.round(width * 0.24)), chars: Math.max(8, Math.floor(label / 6.8)) };
}

/** XML text and attribute escaping: names are data. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

const round = (v: number) => Math.round(v * 10) / 10;

/** A label that fits its column: cut with an ellipsis (the whole name stays in the row's <title>). */
function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const STYLE = `
  .qc-bg { fill: #ffffff; }
  .qc-text { fill: #1f2933; font: 12px ${FONT}; }
  .qc-muted { fill: #616e7c; font: 11px ${FONT}; }
  .qc-axis { stroke: #cbd2d9; stroke-width: 1; }
  .qc-grid { stroke: #e4e7eb; stroke-width: 1; }
  .qc-bar { fill: #3e63dd; }
  .qc-bar.qc-miss { fill: #d9480f; }
  .qc-bar.qc-before { fill: #9aa5b1; }
  .qc-target { stroke: #1f2933; stroke-width: 2; }
  .qc-line { fill: none; stroke: #3e63dd; stroke-width: 2; }
  .qc-point { fill: #3e63dd; stroke: #3e63dd; }
  .qc-point.qc-weak { fill: #ffffff; stroke: #d9480f; stroke-width: 1.5; }
  .qc-point.qc-current { stroke: #1f2933; stroke-width: 2.5; }
  @media (prefers-color-scheme: dark) {
    .qc-bg { fill: #111418; }
    .qc-text { fill: #e4e7eb; }
    .qc-muted { fill: #9aa5b1; }
    .qc-axis { stroke: #52606d; }
    .qc-grid { stroke: #323f4b; }
    .qc-bar { fill: #7c9cff; }
    .qc-bar.qc-miss { fill: #ff8a4c; }
    .qc-bar.qc-before { fill: #616e7c; }
    .qc-target { stroke: #e4e7eb; }
    .qc-line { stroke: #7c9cff; }
    .qc-point { fill: #7c9cff; stroke: #7c9cff; }
    .qc-point.qc-weak { fill: #111418; stroke: #ff8a4c; }
    .qc-point.qc-current { stroke: #e4e7eb; }
  }`;

function frame(options: ChartOptions, height: number, description: string, body: string): string {
  const width = options.width ?? 640;
  const id = `qc-${hash(options.title + description)}`;
  const head = options.standalone ? `<style>${STYLE}</style><rect class="qc-bg" width="${width}" height="${height}"/>` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="qc-chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${escapeXml(options.title)}</title><desc id="${id}-d">${escapeXml(description)}</desc>${head}${body}</svg>`
  );
}

/** A short stable hash for element ids (two charts on one page must not share them). */
function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

interface BarSpec {
  rows: BarDatum[];
  /** Is the value on the good side of its target? */
  meets: (value: number, target: number) => boolean;
  format: (value: number) => string;
  axisLabel: string;
  domainMax: number;
  ticks?: (scale: ReturnType<typeof scaleLinear<number, number>>) => number[];
}

function barChart(options: ChartOptions, spec: BarSpec, description: string): string {
  const width = options.width ?? 640;
  const top = 8;
  const col = columns(width);
  const plotLeft = col.label;
  const plotRight = width - col.value;
  const height = top + spec.rows.length * ROW + 34;
  const x = scaleLinear().domain([0, spec.domainMax]).range([plotLeft, plotRight]).nice();
  const ticks = spec.ticks ? spec.ticks(x) : x.ticks(5);
  const bottom = top + spec.rows.length * ROW;
  let body = "";
  for (const t of ticks) {
    const px = round(x(t));
    body += `<line class="qc-grid" x1="${px}" x2="${px}" y1="${top}" y2="${bottom}"/><text class="qc-muted" x="${px}" y="${bottom + 14}" text-anchor="middle">${escapeXml(spec.format(t))}</text>`;
  }
  body += `<line class="qc-axis" x1="${plotLeft}" x2="${plotLeft}" y1="${top}" y2="${bottom}"/>`;
  body += `<text class="qc-muted" x="${round((plotLeft + plotRight) / 2)}" y="${bottom + 30}" text-anchor="middle">${escapeXml(spec.axisLabel)}</text>`;
  spec.rows.forEach((row, i) => {
    const y = top + i * ROW;
    const value = row.value;
    const miss = value !== null && row.target !== null && !spec.meets(value, row.target);
    const words = `${row.name}: ${value === null ? "unknown" : spec.format(value)}${row.target !== null ? `, target ${spec.format(row.target)}${miss ? " (missed)" : " (met)"}` : ""}`;
    body += `<g><title>${escapeXml(words)}</title>`;
    body += `<text class="qc-text" x="${plotLeft - 8}" y="${y + 17}" text-anchor="end">${escapeXml(fit(row.name, col.chars))}</text>`;
    if (value !== null) {
      const w = Math.max(1, round(x(Math.min(value, x.domain()[1])) - plotLeft));
      body += `<rect class="qc-bar${miss ? " qc-miss" : ""}" x="${plotLeft}" y="${y + 5}" width="${w}" height="${ROW - 10}" rx="2"/>`;
    }
    if (row.target !== null) {
      const tx = round(x(Math.min(row.target, x.domain()[1])));
      body += `<line class="qc-target" x1="${tx}" x2="${tx}" y1="${y + 2}" y2="${y + ROW - 2}"/>`;
    }
    body += `<text class="qc-${value === null ? "muted" : "text"}" x="${plotRight + 8}" y="${y + 17}">${escapeXml(value === null ? "unknown" : spec.format(value))}${miss ? " ✖" : ""}</text></g>`;
  });
  return frame(options, height, description, body);
}

/** Latency per operation against its SLO (a bar per operation, a tick at the SLO). */
export function latencyChart(rows: BarDatum[], options: ChartOptions): string {
  const known = rows.flatMap((r) => [r.value ?? 0, r.target ?? 0]);
  const missed = rows.filter((r) => r.value !== null && r.target !== null && r.value > r.target).map((r) => r.name);
  const description = rows.length
    ? `${rows.map((r) => `${r.name} ${r.value === null ? "unknown" : `${round(r.value)} ms`}${r.target !== null ? ` (SLO ${r.target} ms)` : ""}`).join("; ")}.${missed.length ? ` Over the SLO: ${missed.join(", ")}.` : ""}`
    : "No operations.";
  return barChart(options, { rows, meets: (v, t) => v <= t, format: (v) => `${round(v)} ms`, axisLabel: "latency (ms) · tick: SLO", domainMax: Math.max(1, ...known) * 1.05 }, description);
}

/** Nines of an availability: −log10(1 − a), 9 for a = 1 (a chart needs a finite end). */
export function nines(a: number): number {
  return a >= 1 ? 9 : Math.min(9, -Math.log10(1 - a));
}

const percent = (a: number) => `${(Math.floor(a * 1e6) / 1e4).toFixed(a >= 0.9999 ? 4 : 2).replace(/\.?0+$/, "")} %`;

/** Availability per operation in nines against its SLO. */
export function availabilityChart(rows: BarDatum[], options: ChartOptions): string {
  const asNines = rows.map((r) => ({ name: r.name, value: r.value === null ? null : nines(r.value), target: r.target === null ? null : nines(r.target) }));
  const missed = rows.filter((r) => r.value !== null && r.target !== null && r.value < r.target).map((r) => r.name);
  const description = rows.length
    ? `${rows.map((r) => `${r.name} ${r.value === null ? "unknown" : percent(r.value)}${r.target !== null ? ` (SLO ${percent(r.target)})` : ""}`).join("; ")}.${missed.length ? ` Below the SLO: ${missed.join(", ")}.` : ""}`
    : "No operations.";
  const max = Math.max(3, ...asNines.flatMap((r) => [r.value ?? 0, r.target ?? 0]));
  return barChart(
    options,
    {
      rows: asNines,
      meets: (v, t) => v >= t - 1e-9,
      format: (n) => `${round(n)} nines`,
      axisLabel: "availability in nines (2 = 99 %, 4 = 99.99 %) · tick: SLO",
      domainMax: Math.min(9, Math.ceil(max)),
      ticks: (x) => x.ticks(Math.min(9, Math.ceil(max))).filter(Number.isInteger),
    },
    description,
  );
}

export interface BeforeAfterDatum {
  name: string;
  before: number | null;
  after: number | null;
}

/** Two bars per operation: a figure before and after a change (the advisor, a sweep row). */
export function beforeAfterChart(rows: BeforeAfterDatum[], options: ChartOptions & { unit: string }): string {
  const width = options.width ?? 640;
  const top = 24;
  const group = 36;
  const col = columns(width);
  const plotLeft = col.label;
  // "155 → 155 ms" needs more room than one value.
  const plotRight = width - Math.min(150, Math.round(width * 0.32));
  const bottom = top + rows.length * group;
  const height = bottom + 34;
  const max = Math.max(1, ...rows.flatMap((r) => [r.before ?? 0, r.after ?? 0]));
  const x = scaleLinear().domain([0, max * 1.05]).range([plotLeft, plotRight]).nice();
  const fmt = (v: number | null) => (v === null ? "unknown" : `${round(v)} ${options.unit}`);
  let body = `<rect class="qc-bar qc-before" x="${plotLeft}" y="4" width="10" height="10"/><text class="qc-muted" x="${plotLeft + 14}" y="13">before</text>`;
  body += `<rect class="qc-bar" x="${plotLeft + 70}" y="4" width="10" height="10"/><text class="qc-muted" x="${plotLeft + 84}" y="13">after</text>`;
  for (const t of x.ticks(5)) {
    const px = round(x(t));
    body += `<line class="qc-grid" x1="${px}" x2="${px}" y1="${top}" y2="${bottom}"/><text class="qc-muted" x="${px}" y="${bottom + 14}" text-anchor="middle">${round(t)}</text>`;
  }
  body += `<line class="qc-axis" x1="${plotLeft}" x2="${plotLeft}" y1="${top}" y2="${bottom}"/><text class="qc-muted" x="${round((plotLeft + plotRight) / 2)}" y="${bottom + 30}" text-anchor="middle">${escapeXml(options.unit)}</text>`;
  rows.forEach((r, i) => {
    const y = top + i * group;
    body += `<g><title>${escapeXml(`${r.name}: ${fmt(r.before)} → ${fmt(r.after)}`)}</title><text class="qc-text" x="${plotLeft - 8}" y="${y + 20}" text-anchor="end">${escapeXml(fit(r.name, col.chars))}</text>`;
    ([["before", r.before, y + 4], ["after", r.after, y + 18]] as const).forEach(([kind, v, by]) => {
      if (v !== null) body += `<rect class="qc-bar${kind === "before" ? " qc-before" : ""}" x="${plotLeft}" y="${by}" width="${Math.max(1, round(x(v) - plotLeft))}" height="12" rx="2"/>`;
    });
    body += `<text class="qc-text" x="${plotRight + 8}" y="${y + 20}">${escapeXml(`${r.before === null ? "?" : round(r.before)} → ${fmt(r.after)}`)}</text></g>`;
  });
  const description = rows.map((r) => `${r.name}: ${fmt(r.before)} before, ${fmt(r.after)} after`).join("; ") || "No operations.";
  return frame(options, height, description, body);
}

/** PBS: P(fresh) against the time since the write's acknowledgement. */
export function freshnessChart(points: { tMs: number; pFresh: number }[], options: ChartOptions & { height?: number }): string {
  const width = options.width ?? 640;
  const height = options.height ?? 220;
  const left = 48;
  const right = width - 16;
  const top = 12;
  const bottom = height - 40;
  const maxT = Math.max(1, ...points.map((p) => p.tMs));
  // Staleness fades over orders of magnitude (1 ms, 10 ms, 100 ms): a symmetric-log time axis.
  const x = scaleSymlog().constant(1).domain([0, maxT]).range([left, right]);
  const timeTicks = [0, 1, 10, 100, 1000, 10000].filter((t) => t <= maxT);
  const y = scaleLinear().domain([Math.min(0.9, ...points.map((p) => p.pFresh)), 1]).range([bottom, top]).nice();
  let body = "";
  for (const t of y.ticks(5)) body += `<line class="qc-grid" x1="${left}" x2="${right}" y1="${round(y(t))}" y2="${round(y(t))}"/><text class="qc-muted" x="${left - 6}" y="${round(y(t)) + 4}" text-anchor="end">${round(t * 100)} %</text>`;
  for (const t of timeTicks) body += `<line class="qc-grid" x1="${round(x(t))}" x2="${round(x(t))}" y1="${top}" y2="${bottom}"/><text class="qc-muted" x="${round(x(t))}" y="${bottom + 14}" text-anchor="middle">${t}</text>`;
  body += `<line class="qc-axis" x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}"/><text class="qc-muted" x="${round((left + right) / 2)}" y="${bottom + 30}" text-anchor="middle">ms after the write is acknowledged (log scale) · P(read returns it)</text>`;
  const path = line<{ tMs: number; pFresh: number }>()
    .x((p) => round(x(p.tMs)))
    .y((p) => round(y(p.pFresh)))(points);
  if (path) body += `<path class="qc-line" d="${path}"/>`;
  for (const p of points) body += `<circle class="qc-point" cx="${round(x(p.tMs))}" cy="${round(y(p.pFresh))}" r="2.5"><title>${escapeXml(`t = ${p.tMs} ms: ${round(p.pFresh * 1000) / 10} % fresh`)}</title></circle>`;
  const description = points.length ? `P(fresh) ${points.map((p) => `${round(p.pFresh * 1000) / 10} % at ${p.tMs} ms`).join(", ")}.` : "No data.";
  return frame(options, height, description, body);
}

export interface ScatterDatum {
  label: string;
  x: number | null;
  y: number | null;
  /** Hollow marks: the configuration leaves an operation's consistency unmet. */
  weak: boolean;
  current: boolean;
}

/** The sweep: worst-case latency (x) against availability in nines (y), one mark per configuration. */
export function sweepChart(points: ScatterDatum[], options: ChartOptions): string {
  const width = options.width ?? 640;
  const height = 280;
  const left = 48;
  const right = width - 16;
  const top = 12;
  const bottom = height - 44;
  const known = points.filter((p): p is ScatterDatum & { x: number; y: number } => p.x !== null && p.y !== null);
  const x = scaleLinear().domain([0, Math.max(1, ...known.map((p) => p.x)) * 1.05]).range([left, right]).nice();
  const y = scaleLinear().domain([0, Math.max(3, ...known.map((p) => p.y))]).range([bottom, top]).nice();
  let body = "";
  for (const t of y.ticks(5)) body += `<line class="qc-grid" x1="${left}" x2="${right}" y1="${round(y(t))}" y2="${round(y(t))}"/><text class="qc-muted" x="${left - 6}" y="${round(y(t)) + 4}" text-anchor="end">${round(t)}</text>`;
  for (const t of x.ticks(6)) body += `<text class="qc-muted" x="${round(x(t))}" y="${bottom + 14}" text-anchor="middle">${round(t)}</text>`;
  body += `<line class="qc-axis" x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}"/><text class="qc-muted" x="${round((left + right) / 2)}" y="${bottom + 30}" text-anchor="middle">worst-case latency (ms) · up: more nines of availability · hollow: a consistency need unmet</text>`;
  for (const p of [...known].sort((a, b) => Number(a.current) - Number(b.current))) {
    body += `<circle class="qc-point${p.weak ? " qc-weak" : ""}${p.current ? " qc-current" : ""}" cx="${round(x(p.x))}" cy="${round(y(p.y))}" r="${p.current ? 6 : 4}"><title>${escapeXml(`${p.label}${p.current ? " (current)" : ""}: ${round(p.x)} ms, ${round(p.y)} nines${p.weak ? ", a consistency need unmet" : ""}`)}</title></circle>`;
  }
  const current = known.find((p) => p.current);
  const description = `${known.length} configurations.${current ? ` Current ${current.label}: ${round(current.x)} ms, ${round(current.y)} nines.` : ""}`;
  return frame(options, height, description, body);
}
