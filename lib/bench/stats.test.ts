import { describe, expect, it } from "vitest";
import { frameStats, median, percentile, spread, summarize, verdict } from "./stats";

describe("benchmark statistics", () => {
  it("summarizes latencies: median, nearest-rank p95, max", () => {
    const samples = Array.from({ length: 20 }, (_, i) => i + 1); // 1…20
    expect(summarize(samples)).toEqual({ n: 20, median: 10.5, p95: 19, max: 20, min: 1, mean: 10.5 });
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(median([])).toBeNull();
    expect(summarize([]).median).toBeNull();
  });

  it("reads a steady 60 Hz drag as 60 fps and a 100 ms hitch as the worst frame", () => {
    const steady = Array.from({ length: 181 }, (_, i) => 1000 + (i * 1000) / 60);
    const s = frameStats(steady)!;
    expect(s.fps).toBe(60);
    expect(s.worstFrameMs).toBeCloseTo(16.7, 1);
    expect(s.longFrames).toBe(0);
    const hitch = [...steady.slice(0, 90), ...steady.slice(96)]; // six frames lost in one gap
    const h = frameStats(hitch)!;
    expect(h.worstFrameMs).toBe(116.7);
    expect(h.longFrames).toBe(1);
    expect(h.fps).toBeLessThan(60);
  });

  it("counts only the frames inside the drag's span", () => {
    const ts = [0, 100, 200, 216, 233, 250, 400];
    expect(frameStats(ts, 200, 250)).toMatchObject({ frames: 3, durationMs: 50, worstFrameMs: 17 });
    expect(frameStats([1], 0, 10)).toBeNull();
  });

  it("states the spread of repeated runs relative to their median", () => {
    expect(spread([10, 12, 11])).toEqual({ min: 10, max: 12, median: 11, relative: 0.182 });
    expect(spread([])).toBeNull();
  });

  it("passes a budget, tolerates a miss within the noise margin, fails beyond it", () => {
    const fps = { name: "fps", limit: 50, kind: "min" as const, margin: 0.2 };
    expect(verdict({ ...fps, value: 55 })).toBe("pass");
    expect(verdict({ ...fps, value: 42 })).toBe("within-noise"); // frames ≤ 1.2 × 20 ms
    expect(verdict({ ...fps, value: 41 })).toBe("fail");
    const ms = { name: "ms", limit: 16, kind: "max" as const, margin: 0.25 };
    expect(verdict({ ...ms, value: 16 })).toBe("pass");
    expect(verdict({ ...ms, value: 20 })).toBe("within-noise");
    expect(verdict({ ...ms, value: 20.1 })).toBe("fail");
    expect(verdict({ ...ms, value: null })).toBe("not-measured");
    expect(verdict({ name: "bytes", limit: 100, kind: "max", margin: 0, value: 101 })).toBe("fail");
  });
});
