/**
 * Statistics of the browser benchmark (scripts/bench-browser.mjs): latency summaries, frame
 * rates from requestAnimationFrame timestamps, the spread of repeated runs, and the budget check
 * with a noise margin. Pure functions over numbers, so they are unit-tested
 * (lib/bench/stats.test.ts) apart from the browser.
 */

export interface Summary {
  n: number;
  median: number | null;
  p95: number | null;
  max: number | null;
  min: number | null;
  mean: number | null;
}

/** Nearest-rank percentile (p in 0…100) of samples in any order; null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (!samples.length) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The median as the middle sample (the mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number | null {
  if (!samples.length) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

/** Median, p95, max, min and mean, rounded to 0.1. */
export function summarize(samples: readonly number[]): Summary {
  if (!samples.length) return { n: 0, median: null, p95: null, max: null, min: null, mean: null };
  return {
    n: samples.length,
    median: round1(median(samples)),
    p95: round1(percentile(samples, 95)),
    max: round1(Math.max(...samples)),
    min: round1(Math.min(...samples)),
    mean: round1(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

export interface FrameStats {
  frames: number;
  durationMs: number;
  fps: number;
  /** Mean time between frames. */
  meanFrameMs: number;
  p95FrameMs: number;
  worstFrameMs: number;
  /** Frames that took longer than two 60 Hz intervals (a visible hitch). */
  longFrames: number;
}

/**
 * Frame rate from requestAnimationFrame timestamps (ms, ascending) taken between `from` and `to`
 * (the drag's start and end, same clock): frames per second over the span the frames cover, the
 * mean, p95 and worst interval between consecutive frames. Null with fewer than two frames.
 */
export function frameStats(timestamps: readonly number[], from = -Infinity, to = Infinity): FrameStats | null {
  const ts = timestamps.filter((t) => t >= from && t <= to);
  if (ts.length < 2) return null;
  const gaps = ts.slice(1).map((t, i) => t - ts[i]);
  const durationMs = ts[ts.length - 1] - ts[0];
  return {
    frames: gaps.length,
    durationMs: Math.round(durationMs),
    fps: round1((gaps.length / durationMs) * 1000)!,
    meanFrameMs: round1(durationMs / gaps.length)!,
    p95FrameMs: round1(percentile(gaps, 95))!,
    worstFrameMs: round1(Math.max(...gaps))!,
    longFrames: gaps.filter((g) => g > 2 * (1000 / 60) + 1).length,
  };
}

/** How far repeated measurements of one figure lie apart: (max − min) / median, and the values. */
export function spread(values: readonly number[]): { min: number; max: number; median: number; relative: number } | null {
  if (!values.length) return null;
  const m = median(values)!;
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { min, max, median: m, relative: m === 0 ? 0 : Math.round(((max - min) / m) * 1000) / 1000 };
}

export interface Budget {
  /** What is measured, as a sentence fragment ("drag on 500 nodes: fps"). */
  name: string;
  value: number | null;
  limit: number;
  /** "min": the value must be at least the limit (fps); "max": at most (ms, bytes). */
  kind: "min" | "max";
  /**
   * Relative noise margin (0.25 = 25 %) of the time the figure stands for: a "max" budget is
   * tolerated up to limit × (1 + margin); a "min" one (a rate) down to limit ÷ (1 + margin),
   * i.e. frames up to (1 + margin) times longer. 0 for figures without noise (bytes).
   */
  margin: number;
}

export type Verdict = "pass" | "within-noise" | "fail" | "not-measured";

/**
 * A budget's verdict: "pass" when the value meets the limit, "within-noise" when it misses by no
 * more than the margin, "fail" beyond that, "not-measured" without a value.
 */
export function verdict(budget: Budget): Verdict {
  const { value, limit, kind, margin } = budget;
  if (value === null || !Number.isFinite(value)) return "not-measured";
  if (kind === "min" ? value >= limit : value <= limit) return "pass";
  const tolerated = kind === "min" ? limit / (1 + margin) : limit * (1 + margin);
  return (kind === "min" ? value >= tolerated : value <= tolerated) ? "within-noise" : "fail";
}
