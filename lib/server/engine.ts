/**
 * The engine's worker threads (audit D4, D9): analysis, simulation and the validation + analysis
 * + diff of every save run here, off the event loop, so one big design never stalls the small
 * requests around it.
 *
 * - `QUORUM_ENGINE_WORKERS` threads (default: cores − 1, at least 2, at most 4). The first thread
 *   takes only small jobs (bodies under 256 KB), so a queue of big designs never delays a small one.
 * - Every job has a time budget (`QUORUM_ENGINE_BUDGET_MS`, default 15 s): past it the thread is
 *   terminated and replaced, and the request answers 503 with Retry-After. A thread that runs out of
 *   memory (512 MB heap) is replaced the same way.
 * - At most 64 jobs wait; beyond that the request answers 503 with Retry-After.
 * - `QUORUM_ENGINE_WORKERS=0` runs jobs on the calling thread (debugging).
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ENGINE_JOBS, type JobInput, type JobKind, type JobResult } from "./engine-jobs";
import type { JobMessage, ReplyMessage } from "./engine-worker";
import { ServiceError } from "./errors";

/** Jobs whose request body is smaller than this may use the small-jobs thread. */
export const SMALL_JOB_BYTES = 256 * 1024;

export class EngineBusyError extends ServiceError {
  constructor(reason: string) {
    super(503, "engine_busy", reason, {}, { "retry-after": "5" });
  }
}

interface Pending {
  id: number;
  kind: JobKind;
  input: unknown;
  small: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker | null;
  /** The thread has loaded the engine (its budget clock may run). */
  ready: boolean;
  job: Pending | null;
  timer: NodeJS.Timeout | null;
  smallOnly: boolean;
}

export interface EngineOptions {
  workers: number;
  budgetMs: number;
  maxQueue: number;
}

export function engineOptions(env: Record<string, string | undefined> = process.env): EngineOptions {
  const workers = env.QUORUM_ENGINE_WORKERS !== undefined && env.QUORUM_ENGINE_WORKERS !== "" ? Math.max(0, Math.floor(Number(env.QUORUM_ENGINE_WORKERS)) || 0) : Math.min(4, Math.max(2, availableParallelism() - 1));
  const budgetMs = Number(env.QUORUM_ENGINE_BUDGET_MS) > 0 ? Number(env.QUORUM_ENGINE_BUDGET_MS) : 15_000;
  return { workers, budgetMs, maxQueue: 64 };
}

const ENTRY = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "server", "engine-worker.mjs");

export class EnginePool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(private readonly options: EngineOptions) {
    this.slots = Array.from({ length: options.workers }, (_, i) => ({ worker: null, ready: false, job: null, timer: null, smallOnly: i === 0 && options.workers > 1 }));
  }

  /** Runs `kind` on `input` in a worker; `bytes` is the request body's size (big jobs keep off the small-jobs thread). */
  run<K extends JobKind>(kind: K, input: JobInput<K>, bytes = 0): Promise<JobResult<K>> {
    if (this.slots.length === 0) return Promise.resolve().then(() => (ENGINE_JOBS[kind] as (i: unknown) => JobResult<K>)(input));
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(new EngineBusyError("The analysis engine is busy; try again in a few seconds"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, kind, input, small: bytes < SMALL_JOB_BYTES, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Starts every thread now (server start), so the first requests do not wait for the engine to load. */
  warm(): void {
    for (const slot of this.slots) if (!slot.worker) this.spawn(slot).unref();
  }

  /** Stops every thread (tests, shutdown). */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
    for (const slot of this.slots) slot.worker = null;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const index = this.queue.findIndex((job) => !slot.smallOnly || job.small);
      if (index < 0) continue;
      const [job] = this.queue.splice(index, 1);
      this.start(slot, job);
    }
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    worker.on("message", (reply: ReplyMessage) => {
      if ("ready" in reply) {
        slot.ready = true;
        if (slot.job) this.startClock(slot, worker, slot.job);
        return;
      }
      const job = slot.job;
      if (!job || reply.id !== job.id) return;
      this.finish(slot);
      if (reply.ok) job.resolve(reply.value);
      else if (reply.error.service) {
        const s = reply.error.service;
        job.reject(new ServiceError(s.status, s.code, s.message, s.details, s.headers));
      } else job.reject(new Error(`engine job ${job.kind} failed: ${reply.error.message}`));
    });
    const died = (error?: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const job = slot.job;
      if (job) {
        this.finish(slot);
        job.reject(new EngineBusyError(`The analysis engine stopped while working on this request${error ? ` (${error.message})` : ""}; try again, or analyze the design with the CLI`));
      }
    };
    worker.on("error", died);
    worker.on("exit", () => died());
    slot.worker = worker;
    slot.ready = false;
    return worker;
  }

  private start(slot: Slot, job: Pending): void {
    const worker = slot.worker ?? this.spawn(slot);
    slot.job = job;
    worker.ref(); // a job in flight keeps the process alive (scripts), an idle pool does not
    if (slot.ready) this.startClock(slot, worker, job);
    worker.postMessage({ id: job.id, kind: job.kind, input: job.input } satisfies JobMessage);
  }

  /** The job's time budget, from the moment its thread can work on it. */
  private startClock(slot: Slot, worker: Worker, job: Pending): void {
    slot.timer = setTimeout(() => {
      slot.worker = null;
      void worker.terminate();
      this.finish(slot);
      job.reject(new EngineBusyError(`The analysis took longer than the server's budget of ${this.options.budgetMs >= 1000 ? `${Math.round(this.options.budgetMs / 1000)} s` : `${this.options.budgetMs} ms`}; run \`npx quorum-studio analyze\` on the file instead`));
    }, this.options.budgetMs);
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker?.unref();
    queueMicrotask(() => this.dispatch());
  }
}

const shared = globalThis as unknown as { quorumEngine?: EnginePool };

/** The process's engine pool (shared by every route bundle). */
export function engine(): EnginePool {
  shared.quorumEngine ??= new EnginePool(engineOptions());
  return shared.quorumEngine;
}
