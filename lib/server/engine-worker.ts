/** One engine worker thread: runs jobs from lib/server/engine-jobs.ts for lib/server/engine.ts. */
import { parentPort } from "node:worker_threads";
import { ENGINE_JOBS, type JobKind } from "./engine-jobs";
import { ServiceError } from "./errors";

export interface JobMessage {
  id: number;
  kind: JobKind;
  input: unknown;
}

export type ReplyMessage =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { service: { status: number; code: string; message: string; details: Record<string, unknown>; headers: Record<string, string> } | null; message: string } };

parentPort?.on("message", ({ id, kind, input }: JobMessage) => {
  try {
    const value = (ENGINE_JOBS[kind] as (input: unknown) => unknown)(input);
    parentPort?.postMessage({ id, ok: true, value } satisfies ReplyMessage);
  } catch (error) {
    const service = error instanceof ServiceError ? { status: error.status, code: error.code, message: error.message, details: error.details, headers: error.headers } : null;
    parentPort?.postMessage({ id, ok: false, error: { service, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } } satisfies ReplyMessage);
  }
});

// Loading the engine takes a moment (tsx compiles it); a job's time budget starts after this.
parentPort?.postMessage({ ready: true } satisfies ReplyMessage);
