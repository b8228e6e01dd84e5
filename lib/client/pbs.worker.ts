/// <reference lib="webworker" />
/**
 * PBS t-visibility off the main thread (see lib/client/t-visibility.ts). A request replaces the
 * queue of the one before (the run in progress finishes: one configuration takes ~0.1 s at
 * 100,000 trials); each result is posted as soon as it is ready, and kept for a while so a design
 * that comes back (undo) costs nothing.
 */
import { runPbs } from "../analysis/pbs";
import type { TVisibility } from "../analysis/types";
import type { PbsRequest, PbsResult } from "./t-visibility";

const KEEP = 200;
const done = new Map<string, TVisibility>();
let queue: { id: number; task: PbsRequest["tasks"][number] }[] = [];
let running = false;

self.onmessage = (event: MessageEvent<PbsRequest>) => {
  queue = event.data.tasks.map((task) => ({ id: event.data.id, task }));
  if (!running) void drain();
};

async function drain() {
  running = true;
  while (queue.length > 0) {
    const { id, task } = queue.shift()!;
    let tv = done.get(task.key);
    let ms = 0;
    if (!tv) {
      const started = performance.now();
      tv = runPbs(task.config, task.trials);
      ms = performance.now() - started;
      done.set(task.key, tv);
      if (done.size > KEEP) done.delete(done.keys().next().value as string);
    }
    self.postMessage({ id, key: task.key, tv, ms } satisfies PbsResult);
    // Let a newer request in before the next configuration.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  running = false;
}
