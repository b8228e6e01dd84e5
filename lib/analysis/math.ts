/** Small exact helpers for the analysis (analysis-model.md, "Terms"). */

/** majority(n) = floor(n/2) + 1. */
export function majority(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** C(a, b)/C(c, b) as a product, exact enough for n in the thousands without overflow. */
export function binomialRatio(a: number, c: number, b: number): number {
  if (b < 0 || b > c) return 0;
  if (b > a) return 0;
  let p = 1;
  for (let i = 0; i < b; i++) p *= (a - i) / (c - i);
  return p;
}

/** kth(S, k): the k-th smallest value of the multiset S (1-based); null when any value is unknown. */
export function kth(values: readonly (number | null)[], k: number): number | null {
  if (k < 1 || k > values.length) return null;
  // The k smallest by insertion (replica sets are small): no copy-and-sort per figure.
  const smallest: number[] = [];
  for (const v of values) {
    if (v === null) return null;
    if (smallest.length === k && v >= smallest[k - 1]) continue;
    let j = smallest.length < k ? smallest.length : k - 1;
    while (j > 0 && smallest[j - 1] > v) {
      smallest[j] = smallest[j - 1];
      j--;
    }
    smallest[j] = v;
  }
  return smallest[k - 1];
}

/**
 * Distribution of the number of successes of independent trials with probabilities `ps`
 * (Poisson binomial), as an array indexed by count.
 */
export function countDistribution(ps: readonly number[]): number[] {
  let dist = [1];
  for (const p of ps) {
    const next = new Array<number>(dist.length + 1).fill(0);
    for (let c = 0; c < dist.length; c++) {
      next[c] += dist[c] * (1 - p);
      next[c + 1] += dist[c] * p;
    }
    dist = next;
  }
  return dist;
}

/** Distribution of the sum of two independent counts. */
export function convolve(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) if (a[i]) for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  return out;
}

/** P(count ≥ k) from a count distribution, clamped to [0, 1] against rounding. */
export function atLeast(dist: readonly number[], k: number): number {
  let p = 0;
  for (let c = Math.max(0, k); c < dist.length; c++) p += dist[c];
  return Math.min(1, Math.max(0, p));
}

/** Numbers in explanations: up to 6 significant digits, no exponent for ordinary values. */
export function fmt(x: number | null): string {
  if (x === null) return "unknown";
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) < 1e-4 && x !== 0) return x.toExponential(3);
  return String(Number(x.toPrecision(6)));
}
