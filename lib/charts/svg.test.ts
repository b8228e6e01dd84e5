/** Charts as SVG text: what a reader sees (marks, words, targets), escaping, accessibility. */
import { describe, expect, it } from "vitest";
import { availabilityChart, beforeAfterChart, freshnessChart, latencyChart, nines, sweepChart } from "./svg";

const count = (svg: string, needle: string) => svg.split(needle).length - 1;

describe("charts", () => {
  it("latency: a bar per known operation, a tick per SLO, a missed SLO in the miss colour, unknown said in words", () => {
    const svg = latencyChart(
      [
        { name: "Place order", value: 66, target: 100 },
        { name: "Read from Europe", value: 155, target: 120 },
        { name: "Audit", value: null, target: null },
      ],
      { title: "Latency" },
    );
    expect(count(svg, '<rect class="qc-bar')).toBe(2);
    expect(count(svg, '<rect class="qc-bar qc-miss"')).toBe(1);
    expect(count(svg, 'class="qc-target"')).toBe(2);
    expect(svg).toContain("Read from Europe: 155 ms, target 120 ms (missed)");
    expect(svg).toContain(">unknown<");
    expect(svg).toMatch(/<desc id="[^"]+">Place order 66 ms \(SLO 100 ms\); Read from Europe 155 ms \(SLO 120 ms\); Audit unknown\. Over the SLO: Read from Europe\.<\/desc>/);
    expect(svg).toContain('role="img"');
    expect(svg).not.toContain("<style>"); // inline: the page's theme styles it
  });

  it("availability in nines: 99.99 % is 4 nines, a perfect figure is drawn at 9, below the SLO is a miss", () => {
    expect(nines(0.9999)).toBeCloseTo(4, 9);
    expect(nines(1)).toBe(9);
    const svg = availabilityChart(
      [
        { name: "Write", value: 0.999, target: 0.9999 },
        { name: "Read", value: 0.999999, target: 0.9999 },
      ],
      { title: "Availability", standalone: true },
    );
    expect(count(svg, "qc-bar qc-miss")).toBe(1);
    expect(svg).toContain("Below the SLO: Write.");
    expect(svg).toContain("<style>");
  });

  it("before/after, freshness and sweep charts state their figures in words", () => {
    expect(beforeAfterChart([{ name: "Write", before: 66, after: 80 }], { title: "Advice", unit: "ms" })).toContain("Write: 66 ms before, 80 ms after");
    const fresh = freshnessChart([{ tMs: 0, pFresh: 0.9 }, { tMs: 10, pFresh: 0.99 }, { tMs: 100, pFresh: 1 }], { title: "PBS" });
    expect(fresh).toContain("P(fresh) 90 % at 0 ms, 99 % at 10 ms, 100 % at 100 ms.");
    expect(fresh).toMatch(/<path class="qc-line" d="M[\d.]+,[\d.]+L/);
    const sweep = sweepChart(
      [
        { label: "n=3 R=2 W=2", x: 2, y: 5.5, weak: false, current: true },
        { label: "n=3 R=1 W=1", x: 1, y: 8.9, weak: true, current: false },
        { label: "n=3 unknown", x: null, y: 3, weak: false, current: false },
      ],
      { title: "Sweep" },
    );
    expect(count(sweep, "<circle")).toBe(2);
    expect(sweep).toContain("qc-point qc-current");
    expect(sweep).toContain("n=3 R=1 W=1: 1 ms, 8.9 nines, a consistency need unmet");
  });

  it("names are data: escaped in labels, titles and descriptions; long names cut in the label only", () => {
    const name = `<img src=x onerror=alert(1)> "quoted" & a very long operation name indeed`;
    const svg = latencyChart([{ name, value: 10, target: null }], { title: `Latency of ${name}` });
    expect(svg).not.toMatch(/<img/);
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; a very long operation name indeed: 10 ms");
    expect(svg).toMatch(/>&lt;img src=x onerror=alert\(1?…</);
  });
});
