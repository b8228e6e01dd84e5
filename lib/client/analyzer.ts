/**
 * Runs the analysis for the studio: on the main thread for small designs (well under a
 * millisecond), in a Web Worker for large ones so typing and dragging never wait for it.
 *
 * The worker is a latest-only queue: one analysis runs at a time; a design sent while one runs
 * waits, and a newer design replaces the waiting one (whose promise rejects with
 * `AnalysisSuperseded`; the studio only shows the latest design's analysis anyway). When the
 * worker fails (a script error, or it cannot start) the analysis falls back to the main thread.
 * Designs go to the worker, and analyses come back, as differences from the last one
 * (lib/client/patch.ts): an edit sends its changed elements, not the whole design, and reading
 * the answer costs what changed, with unchanged results kept as the same objects.
 */
import { analyze, type Analysis } from "../analysis/index";
import type { Design } from "../design/schema";
import { AnalysisSuperseded } from "../store/studio-store";
import { PatchReceiver, PatchSender, sameIdentity, type Patch } from "./patch";

/**
 * Above this many nodes + operations the analysis moves off the main thread. 500 nodes and 500
 * operations took 18 ms of main-thread script per keystroke on the 2-core bench machine
 * (`npm run bench:browser -- --profile`, 2026-12-01) — more than a frame's budget; small designs
 * (well under a millisecond) stay inline, so their panels update in the same frame as the edit.
 */
export const WORKER_THRESHOLD = 600;

interface Job {
  id: number;
  design: Design;
  resolve: (analysis: Analysis) => void;
  reject: (error: unknown) => void;
}

let worker: Worker | null = null;
/** The worker failed once: everything runs inline from then on. */
let broken = false;
let nextId = 0;
let running: Job | null = null;
let waiting: Job | null = null;
/** The worker's side of these is in lib/client/analysis.worker.ts. */
const designs = new PatchSender<Design>(sameIdentity);
const analyses = new PatchReceiver<Analysis>();

function inline(job: Job) {
  try {
    job.resolve(analyze(job.design));
  } catch (error) {
    job.reject(error);
  }
}

/** The worker is gone: what it held runs inline. */
function fail(error: unknown) {
  console.error("analysis worker failed; analysing on the main thread", error);
  broken = true;
  worker?.terminate();
  worker = null;
  const jobs = [running, waiting].filter((j): j is Job => j !== null);
  running = waiting = null;
  jobs.forEach(inline);
}

function start(job: Job) {
  running = job;
  worker!.postMessage({ id: job.id, design: designs.send(job.design) });
}

function getWorker(): Worker | null {
  if (worker || broken || typeof Worker === "undefined") return worker;
  try {
    worker = new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module" });
  } catch {
    broken = true;
    return null;
  }
  worker.onmessage = (event: MessageEvent<{ id: number; analysis?: Patch; error?: string }>) => {
    const job = running;
    if (!job || event.data.id !== job.id) return;
    running = null;
    if (event.data.analysis) job.resolve(analyses.receive(event.data.analysis));
    else job.reject(new Error(event.data.error ?? "analysis failed"));
    if (waiting) {
      const next = waiting;
      waiting = null;
      start(next);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message || event);
  };
  worker.onmessageerror = (event) => fail(event);
  return worker;
}

export function studioAnalyzer(design: Design): Analysis | Promise<Analysis> {
  const size = (design.nodes?.length ?? 0) + (design.operations?.length ?? 0);
  const w = size > WORKER_THRESHOLD ? getWorker() : null;
  if (!w) return analyze(design);
  return new Promise((resolve, reject) => {
    const job: Job = { id: ++nextId, design, resolve, reject };
    if (!running) return start(job);
    waiting?.reject(new AnalysisSuperseded());
    waiting = job;
  });
}
