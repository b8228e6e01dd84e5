/**
 * Where the main thread's time goes between an input event and the next frame, from a Chromium
 * performance trace (Tracing domain, category "devtools.timeline"): script, style + layout, paint
 * and other. Each trace event's self time (its duration minus its children's) is counted in its
 * own class, or in its nearest classified ancestor's (a GC inside a function call is script; a
 * forced layout inside script is style+layout), so nothing is counted twice. Times are the
 * thread's CPU time (`tdur`) where the trace has it: on a busy machine the main thread is
 * descheduled for part of an event's wall time, and that part is not the page's work.
 */

/** The fields of a Chrome trace event used here (ts and dur in microseconds). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } & Record<string, unknown> } & Record<string, unknown>;
}

export type Phase = "script" | "styleLayout" | "paint" | "other";

const SCRIPT = new Set([
  "EventDispatch",
  "FunctionCall",
  "EvaluateScript",
  "TimerFire",
  "FireAnimationFrame",
  "FireIdleCallback",
  "RunMicrotasks",
  "v8.run",
  "v8.compile",
  "v8.compileModule",
  "v8.evaluateModule",
  "v8.callFunction",
  "V8.Execute",
  "HandlePostMessage",
  "XHRReadyStateChange",
  "MajorGC",
  "MinorGC",
  "GCEvent",
]);
const STYLE_LAYOUT = new Set(["UpdateLayoutTree", "RecalculateStyles", "Layout", "ParseAuthorStyleSheet", "HitTest", "IntersectionObserverController::computeIntersections"]);
const PAINT = new Set(["PrePaint", "Paint", "PaintImage", "Layerize", "UpdateLayer", "UpdateLayerTree", "CompositeLayers", "Commit", "Decode Image"]);

export function phaseOf(name: string): Phase | null {
  if (SCRIPT.has(name) || name.startsWith("V8.GC") || name.startsWith("BlinkGC.")) return "script";
  if (STYLE_LAYOUT.has(name)) return "styleLayout";
  if (PAINT.has(name)) return "paint";
  return null;
}

/** The renderer main thread that dispatched the most `input` events: the page under test. */
export function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | null {
  const named = new Set(events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const counts = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (named.has(key) && e.name === "EventDispatch" && e.args?.data?.type === "input") counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? [...named][0];
  if (!best) return null;
  const [pid, tid] = best.split(":").map(Number);
  return { pid, tid };
}

interface Span {
  name: string;
  start: number;
  end: number;
  /** CPU time per µs of wall time (tdur / dur; 1 without tdur). */
  cpuRatio: number;
  phase: Phase;
  children: Span[];
}

/** The thread's complete events ("X", and "B"/"E" pairs) as a forest of nested spans, each with its attributed phase. */
function spans(events: readonly TraceEvent[], thread: { pid: number; tid: number }): Span[] {
  const flat: { name: string; start: number; end: number; cpuRatio: number }[] = [];
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (e.pid !== thread.pid || e.tid !== thread.tid) continue;
    if (e.ph === "X" && typeof e.dur === "number") flat.push({ name: e.name, start: e.ts, end: e.ts + e.dur, cpuRatio: typeof e.tdur === "number" && e.dur > 0 ? Math.min(1, e.tdur / e.dur) : 1 });
    else if (e.ph === "B") open.push(e);
    else if (e.ph === "E") {
      const b = open.pop();
      if (b) flat.push({ name: b.name, start: b.ts, end: e.ts, cpuRatio: 1 });
    }
  }
  flat.sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: Span[] = [];
  const stack: Span[] = [];
  for (const f of flat) {
    while (stack.length && stack[stack.length - 1].end <= f.start) stack.pop();
    const parent = stack[stack.length - 1];
    const span: Span = { ...f, end: parent ? Math.min(f.end, parent.end) : f.end, phase: phaseOf(f.name) ?? parent?.phase ?? "other", children: [] };
    (parent ? parent.children : roots).push(span);
    stack.push(span);
  }
  return roots;
}

export type Breakdown = Record<Phase, number> & { total: number };

const clip = (s: { start: number; end: number }, from: number, to: number) => Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));

/** Adds the span's self time inside [from, to] (CPU time, prorated when clipped) to its phase; returns its CPU time there. */
function addSelfTime(span: Span, from: number, to: number, into: Breakdown): number {
  const own = clip(span, from, to) * span.cpuRatio;
  if (own <= 0) return 0;
  let children = 0;
  for (const child of span.children) children += addSelfTime(child, from, to, into);
  into[span.phase] += Math.max(0, own - children);
  return Math.max(own, children);
}

export interface InputFrame {
  /** ms from the input event's dispatch to the end of the next frame's main-thread work (Layerize, or Commit). */
  latency: number;
  /** Main-thread CPU time (ms) per phase in that span. */
  breakdown: Breakdown;
}

/**
 * For every `input` event dispatched on the page's main thread: the main-thread time, per phase,
 * from the start of its dispatch to the end of the main thread's part of the first frame after it
 * (the frame that shows the edit), in ms. An input with no frame after it is left out.
 */
export function inputFrames(events: readonly TraceEvent[]): InputFrame[] {
  const thread = mainThread(events);
  if (!thread) return [];
  const onThread = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
  const inputs = onThread.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === "input" && e.ph === "X").sort((a, b) => a.ts - b.ts);
  // The main thread's last step of a frame: Layerize in current Chromium (which no longer traces
  // the main-thread Commit), Commit in older ones, else Paint.
  const endsOf = (name: string) =>
    onThread
      .filter((e) => e.name === name && e.ph === "X")
      .map((e) => e.ts + (e.dur ?? 0))
      .sort((a, b) => a - b);
  const layerized = endsOf("Layerize");
  const committed = endsOf("Commit");
  const frameEnds = layerized.length ? layerized : committed.length ? committed : endsOf("Paint");
  const roots = spans(onThread, thread);
  const result: InputFrame[] = [];
  for (const input of inputs) {
    const from = input.ts;
    const dispatched = input.ts + (input.dur ?? 0);
    const to = frameEnds.find((c) => c >= dispatched);
    if (to === undefined) continue;
    const breakdown: Breakdown = { script: 0, styleLayout: 0, paint: 0, other: 0, total: 0 };
    for (const root of roots) if (root.end > from && root.start < to) addSelfTime(root, from, to, breakdown);
    const ms = (us: number) => Math.round(us / 100) / 10;
    result.push({
      latency: ms(to - from),
      breakdown: { script: ms(breakdown.script), styleLayout: ms(breakdown.styleLayout), paint: ms(breakdown.paint), other: ms(breakdown.other), total: ms(breakdown.script + breakdown.styleLayout + breakdown.paint + breakdown.other) },
    });
  }
  return result;
}
