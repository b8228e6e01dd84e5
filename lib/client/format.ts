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

/** CAP as a word (never colour alone): "CP", "AP", "neither", or "unknown" when the local region is unknown. */
export function formatCap(cap: "CP" | "AP" | "neither" | null): string {
  return cap ?? "unknown";
}

/** The pill class for a CAP value ("cp", "ap", "neither", "unknown"). */
export function capClass(cap: "CP" | "AP" | "neither" | null): string {
  return cap === "CP" ? "cp" : cap === "AP" ? "ap" : cap === "neither" ? "neither" : "unknown";
}

/** One line on what a CAP value means, for titles next to the pill. */
export function capMeaning(cap: "CP" | "AP" | "neither" | null): string {
  if (cap === "CP") return "CP: a partition can stop it, and it stays linearizable in exchange";
  if (cap === "AP") return "AP: any one replica serves it, so a partition never stops it (it is not linearizable)";
  if (cap === "neither") return "neither: a partition can stop it, yet it is not linearizable in exchange";
  return "unknown: the callers' local region is unknown (a round-trip time is missing)";
}

/** The leader-failover window: "none" when it waits for no leader, else ms below a second and seconds above. */
export function formatFailover(ms: number | null): string {
  if (ms === null) return "unknown";
  if (ms === 0) return "none";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number(s.toPrecision(s < 10 ? 2 : 3))} s`;
}

/** A probability of being fresh (close to 1): as many digits as its nines need ("99.76 %"); "–" when unknown. */
export function formatFresh(p: number | null): string {
  return p === null ? "–" : formatAvailability(p);
}

/** k-staleness compactly: the first `shown` versions, "k=1 70 % · k=2 91 %". */
export function formatKStaleness(fresh: readonly number[] | null, shown = 2): string {
  if (!fresh || fresh.length === 0) return "–";
  if (fresh.every((p) => p === 1)) return "always fresh";
  return fresh
    .slice(0, shown)
    .map((p, i) => `k=${i + 1} ${formatFresh(p)}`)
    .join(" · ");
}

/** k-staleness in full, for titles: "k=1 70 %, k=2 91 %, k=3 97.3 %, k=4 99.19 %, k=5 99.76 %". */
export function formatKStalenessFull(fresh: readonly number[] | null): string {
  if (!fresh || fresh.length === 0) return "does not apply";
  return fresh.map((p, i) => `k=${i + 1} ${formatFresh(p)}`).join(", ");
}

/**
 * t-visibility's p99.9 point: "fresh 99.9 % at once" (t = 0), "fresh 99.9 % after 5 ms", or
 * "not 99.9 % fresh within 1000 ms" when no listed t reaches it.
 */
export function formatTVisibility(p999Ms: number | null, lastTMs = 1000): string {
  if (p999Ms === null) return `not 99.9 % fresh within ${lastTMs} ms`;
  if (p999Ms === 0) return "fresh 99.9 % at once";
  return `fresh 99.9 % after ${p999Ms} ms`;
}

/** The same in a table cell: "99.9 % by 5 ms", "99.9 % at once", "< 99.9 % at 1 s". */
export function formatTVisibilityShort(p999Ms: number | null): string {
  if (p999Ms === null) return "< 99.9 % at 1 s";
  if (p999Ms === 0) return "99.9 % at once";
  return `99.9 % by ${formatMs(p999Ms)}`;
}

/** Latency under a simulated scenario next to the normal case: "76 ms → 152 ms", "76 ms" when equal, "76 ms → unavailable". */
export function formatLatencyChange(normal: number | null, simulated: number | null, available = true): string {
  if (!available) return `${formatMs(normal)} → unavailable`;
  if (normal === simulated || (normal !== null && simulated !== null && Math.abs(normal - simulated) < 1e-9)) return formatMs(simulated);
  return `${formatMs(normal)} → ${formatMs(simulated)}`;
}

/** "yes" / "no" / "unknown" for a figure that can be null. */
export function formatYesNo(v: boolean | null): string {
  return v === null ? "unknown" : v ? "yes" : "no";
}

/** An explanation's text split into its reasoning and its "Source: …" line (the engine appends it). */
export function splitSource(text: string): { body: string; source: string | null } {
  const at = text.lastIndexOf(" Source: ");
  if (at < 0) return text.startsWith("Source: ") ? { body: "", source: text.slice(8) } : { body: text, source: null };
  return { body: text.slice(0, at).trim(), source: text.slice(at + 9).trim() };
}

/** What each PACELC half means, in words (store inspector and analysis panel). */
export const PACELC_PARTITION_MEANING = {
  PC: "during a partition its writes stay consistent (they may stop instead)",
  PA: "during a partition its writes give up consistency: they stay available and can diverge (AP), or can stop without being linearizable (neither)",
  mixed: "during a partition some of its writes stay consistent, others do not",
} as const;
export const PACELC_ELSE_MEANING = {
  EC: "else (no partition) every operation on it is linearizable, paying latency for it",
  EL: "else (no partition) some operation on it gives up linearizability for latency",
} as const;
