import { describe, expect, it } from "vitest";
import {
  capClass,
  formatAvailability,
  formatCap,
  formatDowntime,
  formatFailover,
  formatFresh,
  formatKStaleness,
  formatKStalenessFull,
  formatLatencyChange,
  formatMs,
  formatNines,
  formatProbability,
  formatRelativeTime,
  formatTVisibility,
  formatTVisibilityShort,
  formatYesNo,
  splitSource,
} from "./format";

describe("formatting numbers the way engineers read them", () => {
  it("latency: one decimal below 10 ms", () => {
    expect(formatMs(1)).toBe("1.0 ms");
    expect(formatMs(76.4)).toBe("76 ms");
    expect(formatMs(null)).toBe("unknown");
  });
  it("availability with nines and downtime", () => {
    expect(formatAvailability(0.9999)).toBe("99.99 %");
    expect(formatAvailability(0.999997)).toBe("99.9997 %");
    expect(formatAvailability(0.9)).toBe("90 %");
    expect(formatNines(0.9999)).toBe("4 nines");
    expect(formatNines(0.9995)).toBe("3.3 nines");
    expect(formatDowntime(0.9999)).toBe("53 min/year");
    expect(formatDowntime(0.99)).toBe("3.7 days/year");
  });
  it("probabilities as percentages, not exponents", () => {
    expect(formatProbability(0.3)).toBe("30 %");
    expect(formatProbability(1.88e-6)).toBe("0.00019 %");
    expect(formatProbability(2 / 3)).toBe("66.7 %");
    expect(formatProbability(0)).toBe("0 %");
    expect(formatProbability(null)).toBe("–");
  });
  it("relative times", () => {
    const now = Date.parse("2026-11-24T12:00:00Z");
    expect(formatRelativeTime("2026-11-24T11:59:50Z", now)).toBe("just now");
    expect(formatRelativeTime("2026-11-24T11:00:00Z", now)).toBe("1 h ago");
    expect(formatRelativeTime("2026-11-22T12:00:00Z", now)).toBe("2 days ago");
  });

  describe("analysis model v2 figures", () => {
    it("CAP: a word for every value, neither and unknown included", () => {
      expect(["CP", "AP", "neither", null].map((c) => formatCap(c as "CP" | "AP" | "neither" | null))).toEqual(["CP", "AP", "neither", "unknown"]);
      expect(["CP", "AP", "neither", null].map((c) => capClass(c as "CP" | "AP" | "neither" | null))).toEqual(["cp", "ap", "neither", "unknown"]);
    });
    it("leader failover: none, ms below a second, seconds above", () => {
      expect(formatFailover(0)).toBe("none");
      expect(formatFailover(300)).toBe("300 ms");
      expect(formatFailover(1000)).toBe("1 s");
      expect(formatFailover(2500)).toBe("2.5 s");
      expect(formatFailover(30000)).toBe("30 s");
      expect(formatFailover(null)).toBe("unknown");
    });
    it("k-staleness: compact for cells, in full for titles, with the digits the nines need", () => {
      const fresh = [0.7, 0.91, 0.973, 0.9919, 0.99757];
      expect(formatKStaleness(fresh)).toBe("k=1 70 % · k=2 91 %");
      expect(formatKStalenessFull(fresh)).toBe("k=1 70 %, k=2 91 %, k=3 97.3 %, k=4 99.19 %, k=5 99.76 %");
      expect(formatKStaleness([1, 1, 1, 1, 1])).toBe("always fresh");
      expect(formatKStaleness(null)).toBe("–");
      expect(formatFresh(0)).toBe("0 %");
      expect(formatFresh(0.99999)).toBe("99.999 %");
    });
    it("t-visibility's 99.9 % point", () => {
      expect(formatTVisibility(5)).toBe("fresh 99.9 % after 5 ms");
      expect(formatTVisibility(0)).toBe("fresh 99.9 % at once");
      expect(formatTVisibility(null)).toBe("not 99.9 % fresh within 1000 ms");
      expect(formatTVisibilityShort(50)).toBe("99.9 % by 50 ms");
      expect(formatTVisibilityShort(2)).toBe("99.9 % by 2.0 ms");
    });
    it("simulated latency next to the normal case", () => {
      expect(formatLatencyChange(76, 152)).toBe("76 ms → 152 ms");
      expect(formatLatencyChange(76, 76)).toBe("76 ms");
      expect(formatLatencyChange(76, null, false)).toBe("76 ms → unavailable");
      expect(formatLatencyChange(null, 3)).toBe("unknown → 3.0 ms");
    });
    it("yes / no / unknown", () => {
      expect([true, false, null].map(formatYesNo)).toEqual(["yes", "no", "unknown"]);
    });
    it("an explanation's source goes on a line of its own", () => {
      expect(splitSource("leaderFailoverMs = 0: no leader. Source: etcd tuning guide; DDIA ch. 5")).toEqual({ body: "leaderFailoverMs = 0: no leader.", source: "etcd tuning guide; DDIA ch. 5" });
      expect(splitSource("n = 3 (a, b, c)")).toEqual({ body: "n = 3 (a, b, c)", source: null });
    });
  });
});
