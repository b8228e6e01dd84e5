/**
 * POST /api/analyze and /api/simulate: limited per client, run in an engine thread with a time
 * budget (lib/server/engine.ts). Who may call them at all is the routes' "engine" access.
 */
import { createHash } from "node:crypto";
import { engine } from "./engine";
import type { JobKind } from "./engine-jobs";
import { RateLimitedError } from "./errors";
import { readJson } from "./http";
import { bearerOf, cookieValue } from "./owner-auth";
import { RateLimiter } from "./rate-limit";
import { SESSION_COOKIE } from "./sessions";
import { throttleAddress } from "./throttle";

/** Per client, across every app instance on the database: a burst of 30 engine requests, then 2 a second. */
export const ENGINE_RATE = { capacity: 30, perMinute: 120 } as const;

const shared = globalThis as unknown as { quorumEngineClients?: RateLimiter };

/** Who is asking, for the per-client limit: their credential (hashed) or, without one, their address. */
export function engineClient(request: Request): string {
  const credential = request.headers.get("x-review-token")?.trim() || bearerOf(request.headers) || cookieValue(request.headers.get("cookie"), SESSION_COOKIE);
  return credential ? createHash("sha256").update(credential).digest("base64url") : `address:${throttleAddress(request)}`;
}

export async function runEngineRequest(request: Request, kind: Extract<JobKind, "analyze" | "simulate" | "advise">): Promise<unknown> {
  shared.quorumEngineClients ??= new RateLimiter("engine", ENGINE_RATE);
  const wait = await shared.quorumEngineClients.take(engineClient(request));
  if (wait > 0) throw new RateLimitedError(wait, "analysis requests");
  const body = await readJson(request);
  return engine().run(kind, body.value, body.bytes);
}
