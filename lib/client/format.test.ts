import { describe, expect, it } from "vitest";
import { formatAvailability, formatDowntime, formatMs, formatNines, formatProbability, formatRelativeTime } from "./format";

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
});
