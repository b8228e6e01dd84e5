import { describe, expect, it } from "vitest";
import { inputFrames, type TraceEvent } from "./trace";

const main = { pid: 1, tid: 7 };
const x = (name: string, ts: number, dur: number, args?: TraceEvent["args"]): TraceEvent => ({ name, ph: "X", ts, dur, ...main, args });

/** One keystroke: 4 ms of handler (with 1 ms of forced layout and 0.5 ms GC inside), a 2 ms React task, then a frame. */
const keystroke = (t: number): TraceEvent[] => [
  x("RunTask", t, 4200),
  x("EventDispatch", t + 100, 4000, { data: { type: "input" } }),
  x("FunctionCall", t + 200, 3800),
  x("Layout", t + 1000, 1000),
  x("MinorGC", t + 2500, 500),
  x("RunTask", t + 5000, 2000),
  x("FunctionCall", t + 5000, 2000),
  x("RunTask", t + 10_000, 6000),
  x("FireAnimationFrame", t + 10_000, 500),
  x("UpdateLayoutTree", t + 10_500, 1500),
  x("Layout", t + 12_000, 1000),
  x("PrePaint", t + 13_000, 500),
  x("Paint", t + 13_500, 1500),
  x("Layerize", t + 15_000, 1000),
];

describe("input → next frame breakdown from a Chromium trace", () => {
  const events: TraceEvent[] = [
    { name: "thread_name", ph: "M", ts: 0, ...main, args: { name: "CrRendererMain" } },
    { name: "thread_name", ph: "M", ts: 0, pid: 2, tid: 3, args: { name: "CrRendererMain" } },
    x("EventDispatch", 0, 50_000, { data: { type: "click" } }), // before any input: not counted
    ...keystroke(100_000),
    ...keystroke(200_000),
    // Another renderer's work at the same time is not the page's.
    { ...x("FunctionCall", 100_000, 9000), pid: 2, tid: 3 },
  ];

  it("splits each edit's main-thread time into script, style+layout and paint without counting nested events twice", () => {
    const frames = inputFrames(events);
    expect(frames).toHaveLength(2);
    const [first] = frames;
    expect(first.latency).toBe(15.9); // from the dispatch (t+0.1 ms) to the end of the frame's Layerize (t+16 ms)
    // script: handler 4 ms minus the 1 ms forced layout, + the 2 ms task + the 0.5 ms rAF callback
    expect(first.breakdown.script).toBe(5.5);
    expect(first.breakdown.styleLayout).toBe(3.5); // forced 1 + style 1.5 + layout 1
    expect(first.breakdown.paint).toBe(3);
    expect(first.breakdown.other).toBe(0.1); // the RunTask wrappers' own time inside the span
    expect(first.breakdown.total).toBe(12.1);
  });

  it("ends the span at the frame's Commit in Chromium versions that trace it", () => {
    const older = events.map((e) => (e.name === "Layerize" ? { ...e, name: "Commit" } : e));
    expect(inputFrames(older)[0].breakdown.paint).toBe(3);
  });

  it("counts the main thread's CPU time, not the time it waited for a core", () => {
    // The handler and what ran inside it got a core for only half of their wall time (tdur).
    const inHandler = (e: TraceEvent) => e.ph === "X" && e.ts >= 100_100 && e.ts < 104_100;
    const busy = events.map((e) => (inHandler(e) ? { ...e, tdur: e.dur! / 2 } : e));
    const [first] = inputFrames(busy);
    expect(first.latency).toBe(15.9);
    expect(first.breakdown.script).toBe(4); // 2 ms of handler CPU time less 0.5 ms of forced layout, + 2 ms task + 0.5 ms rAF
    expect(first.breakdown.styleLayout).toBe(3); // forced 0.5 + style 1.5 + layout 1
  });

  it("leaves out an input that no frame followed", () => {
    const cut = events.filter((e) => !(e.name === "Layerize" && e.ts > 200_000));
    expect(inputFrames(cut)).toHaveLength(1);
  });
});
