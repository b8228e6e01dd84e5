/// <reference lib="webworker" />
/**
 * The placement advisor and the what-if sweep off the main thread (lib/client/tools.ts): each runs
 * hundreds of analyses (a two-region Cassandra keyspace sweeps 330 configurations in about a
 * second), which must not freeze the canvas.
 */
import { advise } from "../analysis/advisor";
import { sweep } from "../analysis/sweep";
import type { ToolRequest, ToolResponse } from "./tools";

self.onmessage = (event: MessageEvent<ToolRequest>) => {
  const request = event.data;
  try {
    const result = request.kind === "advise" ? advise(request.design, request.storeId, request.goal) : sweep(request.design, request.storeId, { trials: request.trials });
    self.postMessage({ ok: true, result } satisfies ToolResponse);
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ToolResponse);
  }
};
