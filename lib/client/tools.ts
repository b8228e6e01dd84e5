/**
 * Runs the advisor or the sweep in a Web Worker (lib/client/tools.worker.ts), one worker per
 * request, terminated when it answers or when the caller gives up (AbortSignal). Without Worker
 * support (old browsers, tests) it runs on the main thread.
 */
import { advise, type Advice, type SurvivalGoal } from "../analysis/advisor";
import { sweep, type SweepRow } from "../analysis/sweep";
import type { Design } from "../design/schema";

export type ToolRequest =
  | { kind: "advise"; design: Design; storeId: string; goal: SurvivalGoal }
  | { kind: "sweep"; design: Design; storeId: string; trials?: number };

export type ToolResponse = { ok: true; result: unknown } | { ok: false; message: string };

type ResultOf<R extends ToolRequest> = R extends { kind: "advise" } ? Advice : SweepRow[];

function runHere<R extends ToolRequest>(request: R): ResultOf<R> {
  return (request.kind === "advise" ? advise(request.design, request.storeId, request.goal) : sweep(request.design, request.storeId, { trials: request.trials })) as ResultOf<R>;
}

export function runTool<R extends ToolRequest>(request: R, signal?: AbortSignal): Promise<ResultOf<R>> {
  let worker: Worker | null = null;
  try {
    worker = typeof Worker === "undefined" ? null : new Worker(new URL("./tools.worker.ts", import.meta.url), { type: "module" });
  } catch {
    worker = null;
  }
  if (!worker) return new Promise((resolve) => setTimeout(() => resolve(runHere(request)), 0));
  const w = worker;
  return new Promise((resolve, reject) => {
    const stop = () => {
      w.terminate();
      reject(new DOMException("Cancelled", "AbortError"));
    };
    signal?.addEventListener("abort", stop, { once: true });
    w.onmessage = (event: MessageEvent<ToolResponse>) => {
      signal?.removeEventListener("abort", stop);
      w.terminate();
      if (event.data.ok) resolve(event.data.result as ResultOf<R>);
      else reject(new Error(event.data.message));
    };
    w.onerror = (event) => {
      signal?.removeEventListener("abort", stop);
      w.terminate();
      reject(new Error(event.message || "The worker failed"));
    };
    w.postMessage(request);
  });
}
