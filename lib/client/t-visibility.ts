/**
 * PBS t-visibility for the studio (analysis-model.md, "PBS t-visibility"): the Monte Carlo runs
 * in a Web Worker (lib/client/pbs.worker.ts) after the analysis, so typing never waits for it.
 *
 * The design is planned on the calling thread (cheap: the engine's model and one configuration
 * per read), each distinct configuration runs once and its result is cached by the configuration
 * itself, so an edit that does not change what a read's Monte Carlo draws (a name, an SLO, another
 * store) shows the figures at once; only configurations not seen yet go to the worker, after a
 * short debounce. A newer design supersedes an older one: the worker drops the older queue and
 * results nobody waits for only fill the cache.
 *
 * Results are the same numbers as `tVisibilityOf(design, { trials })` (same configurations, same
 * seeded generator), checked by t-visibility.test.ts.
 */
import { buildModel } from "../analysis/model";
import { DEFAULT_TRIALS, hasTVisibility, pbsConfig, runPbs, type PbsConfig } from "../analysis/pbs";
import type { TVisibility } from "../analysis/types";
import type { Design } from "../design/schema";

/** One Monte Carlo run: a distinct configuration and the reads that share it. */
export interface PbsTask {
  /** The configuration and the trial count, as a string: equal keys give equal results. */
  key: string;
  config: PbsConfig;
  trials: number;
  ops: string[];
}

/** The Monte Carlo runs a design's t-visibility needs, one per distinct configuration (reads sharing one run it once). */
export function planTVisibility(design: Design, trials: number = DEFAULT_TRIALS): PbsTask[] {
  const model = buildModel(design);
  const tasks = new Map<string, PbsTask>();
  for (const rop of model.operations) {
    if (!hasTVisibility(model, rop)) continue;
    const config = pbsConfig(model, rop);
    if (!config) continue;
    const key = `${trials}|${JSON.stringify(config)}`;
    const task = tasks.get(key);
    if (task) task.ops.push(rop.op.id);
    else tasks.set(key, { key, config, trials, ops: [rop.op.id] });
  }
  return [...tasks.values()];
}

/** What the runner knows at once for a design, and which reads are still being computed. */
export interface TVisibilityStart {
  /** t-visibility already computed (cached), by operation id. */
  known: Record<string, TVisibility>;
  /** Operations whose t-visibility is on its way ("computing…"). */
  pending: string[];
}

/** A delivery of computed figures: by operation id, the reads still pending, and the worker's compute time so far (ms). */
export type TVisibilityDeliver = (byOperation: Record<string, TVisibility>, pending: string[], computeMs: number) => void;

/**
 * Starts t-visibility for a design: returns what is known at once and calls `deliver` as the rest
 * arrives. A newer call supersedes the older one (its deliveries stop).
 */
export type TVisibilityRunner = (design: Design, deliver: TVisibilityDeliver) => TVisibilityStart;

/** Messages to and from the worker. */
export interface PbsRequest {
  id: number;
  tasks: { key: string; config: PbsConfig; trials: number }[];
}
export interface PbsResult {
  id: number;
  key: string;
  tv: TVisibility;
  /** Time the Monte Carlo took in the worker (0 when it came from the worker's cache). */
  ms: number;
}

/** Where tasks run: a worker, or (no Worker: tests, very old browsers) the calling thread, one task per macrotask. */
interface Backend {
  post(request: PbsRequest): void;
}

export interface TVisibilityRunnerOptions {
  /** Trials per configuration (default 100,000: the spec's agreement bound of 0.01). */
  trials?: number;
  /** Wait this long after the last design before starting new runs (ms). */
  debounceMs?: number;
  /** Makes the worker; return null to run on the calling thread. */
  createWorker?: () => Worker | null;
  /** How many configurations' results to keep. */
  cacheSize?: number;
}

/** 100,000 trials took 90–250 ms per configuration in Chromium (3–6 replicas; 0.1–0.5 s per template design): runs start after typing pauses this long. */
export const PBS_DEBOUNCE_MS = 250;

function defaultWorker(): Worker | null {
  if (typeof Worker === "undefined") return null;
  try {
    return new Worker(new URL("./pbs.worker.ts", import.meta.url), { type: "module" });
  } catch {
    return null;
  }
}

/** A runner for one studio: its own cache, worker and latest request. */
export function createTVisibilityRunner(options: TVisibilityRunnerOptions = {}): TVisibilityRunner {
  const trials = options.trials ?? DEFAULT_TRIALS;
  const debounceMs = options.debounceMs ?? PBS_DEBOUNCE_MS;
  const cacheSize = options.cacheSize ?? 500;
  const cache = new Map<string, TVisibility>();
  let current: { id: number; tasks: Map<string, PbsTask>; deliver: TVisibilityDeliver; computeMs: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 0;
  let lastCall = -Infinity;
  let backend: Backend | null = null;

  function remember(key: string, tv: TVisibility) {
    cache.delete(key);
    cache.set(key, tv);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  }

  function receive({ key, tv, ms }: PbsResult) {
    remember(key, tv);
    const job = current;
    const task = job?.tasks.get(key);
    if (!job || !task) return;
    job.tasks.delete(key);
    job.computeMs += ms;
    if (job.tasks.size === 0) current = null;
    job.deliver(Object.fromEntries(task.ops.map((id) => [id, tv])), [...job.tasks.values()].flatMap((t) => t.ops), job.computeMs);
  }

  function getBackend(): Backend {
    if (backend) return backend;
    const worker = (options.createWorker ?? defaultWorker)();
    if (worker) {
      worker.onmessage = (event: MessageEvent<PbsResult>) => receive(event.data);
      backend = { post: (request) => worker.postMessage(request) };
    } else if (!options.createWorker && typeof window === "undefined") {
      // Server rendering: the browser's own store computes it (the HTML says "computing…", as the first client render does).
      backend = { post() {} };
    } else {
      // The calling thread, one configuration per macrotask; a newer request drops the rest.
      let latest = 0;
      backend = {
        post(request) {
          latest = request.id;
          const step = (i: number) => {
            if (request.id !== latest || i >= request.tasks.length) return;
            const { key, config, trials: n } = request.tasks[i];
            const started = performance.now();
            const tv = runPbs(config, n);
            receive({ id: request.id, key, tv, ms: performance.now() - started });
            setTimeout(() => step(i + 1), 0);
          };
          setTimeout(() => step(0), 0);
        },
      };
    }
    return backend;
  }

  return (design, deliver) => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const hadJob = current !== null;
    current = null;
    let tasks: PbsTask[];
    try {
      tasks = planTVisibility(design, trials);
    } catch {
      tasks = []; // a design the engine cannot model has no analysis to fill either
    }
    const known: Record<string, TVisibility> = {};
    const waiting = new Map<string, PbsTask>();
    for (const task of tasks) {
      const tv = cache.get(task.key);
      if (tv) for (const id of task.ops) known[id] = tv;
      else waiting.set(task.key, task);
    }
    if (waiting.size === 0) {
      lastCall = performance.now();
      // Nothing new: stop whatever the worker still runs for an older design.
      if (hadJob && backend) backend.post({ id: ++nextId, tasks: [] });
      return { known, pending: [] };
    }
    const id = ++nextId;
    current = { id, tasks: waiting, deliver, computeMs: 0 };
    const start = () => {
      timer = null;
      if (current?.id === id) getBackend().post({ id, tasks: [...waiting.values()].map(({ key, config, trials: n }) => ({ key, config, trials: n })) });
    };
    // The first design after a pause starts at once; designs in quick succession (typing) wait
    // for a pause, and the worker drops what an older one queued.
    const now = performance.now();
    if (now - lastCall > debounceMs) start();
    else timer = setTimeout(start, debounceMs);
    lastCall = now;
    return { known, pending: [...waiting.values()].flatMap((t) => t.ops) };
  };
}
