/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function formatRelativeTime(iso: string, now: number): string {
  const then = new Date(iso).getTime();
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 14) return `${days} day${days === 1 ? "" : "s"} ago`;
  return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

/** Latency as engineers read it: one decimal below 10 ms. */
export function formatMs(ms: number | null): string {
  if (ms === null) return "unknown";
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** Number of nines in an availability (99.95 % → 3.3). */
export function nines(a: number): number {
  return a >= 1 ? Infinity : -Math.log10(1 - a);
}

/** 99.99 % style, with enough digits to tell the nines apart. */
export function formatAvailability(a: number | null): string {
  if (a === null) return "unknown";
  if (a >= 1) return "100 %";
  const digits = Math.min(8, Math.max(1, Math.ceil(nines(a)) - 1));
  const s = (a * 100).toFixed(digits).replace(/\.?0+$/, "");
  return `${s} %`;
}

export function formatNines(a: number | null): string {
  if (a === null) return "unknown";
  const n = nines(a);
  if (!Number.isFinite(n)) return "no downtime";
  return `${n >= 10 ? Math.floor(n) : Math.floor(n * 10) / 10} nines`;
}

/** Expected downtime per year for an availability. */
export function formatDowntime(a: number | null): string {
  if (a === null) return "unknown";
  const seconds = (1 - a) * 365.25 * 24 * 3600;
  if (seconds < 1) return `${(seconds * 1000).toFixed(0)} ms/year`;
  if (seconds < 120) return `${seconds.toFixed(0)} s/year`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(0)} min/year`;
  if (seconds < 2 * 86400) return `${(seconds / 3600).toFixed(1)} h/year`;
  return `${(seconds / 86400).toFixed(1)} days/year`;
}

/** Probabilities as percentages with sensible precision (0.0002 %, not 2e-6). */
export function formatProbability(p: number | null): string {
  if (p === null) return "–";
  if (p === 0) return "0 %";
  const pct = p * 100;
  if (pct >= 1) return `${Number(pct.toPrecision(3))} %`;
  const decimals = Math.min(10, Math.ceil(-Math.log10(pct)) + 1);
  return `${pct.toFixed(decimals)} %`;
}
