/**
 * Runs the analysis for the studio: on the main thread for small designs (it takes well under a
 * millisecond), in a Web Worker for large ones so typing and dragging never wait for it.
 */
import { analyze, type Analysis } from "../analysis/index";
import type { Design } from "../design/schema";

/**
 * Above this many nodes + operations the analysis moves off the main thread. Below it the
 * analysis takes a few milliseconds (4 ms at 500 nodes + 500 operations in Chromium), while the
 * worker's answer (structured clones both ways, then a wait for the main thread's render) took
 * 69 ms end to end in the same measurement (scripts/measure-edit-latency.mjs), so the worker only
 * pays off for designs whose analysis would itself take longer than a frame.
 */
export const WORKER_THRESHOLD = 2000;

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, (analysis: Analysis) => void>();

function getWorker(): Worker | null {
  if (worker || typeof Worker === "undefined") return worker;
  try {
    worker = new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<{ id: number; analysis: Analysis }>) => {
      pending.get(event.data.id)?.(event.data.analysis);
      pending.delete(event.data.id);
    };
  } catch {
    worker = null;
  }
  return worker;
}

export function studioAnalyzer(design: Design): Analysis | Promise<Analysis> {
  const size = (design.nodes?.length ?? 0) + (design.operations?.length ?? 0);
  const w = size > WORKER_THRESHOLD ? getWorker() : null;
  if (!w) return analyze(design);
  const id = ++nextId;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    w.postMessage({ id, design });
  });
}
