/**
 * The browser's side of the designs API: typed fetches that turn error bodies into ApiError.
 */
import type { Design } from "../design/schema";
import type { Problem } from "../design/validate";

export interface DesignSummary {
  id: string;
  name: string;
  version: number;
  nodeCount: number;
  verdict: "SOUND" | "NEEDS_REVISION" | null;
  errors: number;
  warnings: number;
  createdAt: string;
  updatedAt: string;
}
export interface DesignRecord extends DesignSummary {
  document: Design;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const error = body?.error ?? {};
    throw new ApiError(res.status, error.message ?? `Request failed (${res.status})`, error.problems ?? [], error);
  }
  return body as T;
}

/** Creates a design from a document object or from a file's text (sent as is). */
export function createDesign(document: Design | string): Promise<DesignRecord> {
  return call("/api/designs", { method: "POST", body: typeof document === "string" ? document : JSON.stringify(document) });
}

export function saveDesign(id: string, baseVersion: number, document: Design, signal?: AbortSignal): Promise<DesignSummary> {
  return call(`/api/designs/${encodeURIComponent(id)}`, { method: "PUT", body: JSON.stringify({ baseVersion, document }), signal });
}

export function deleteDesign(id: string): Promise<void> {
  return call(`/api/designs/${encodeURIComponent(id)}`, { method: "DELETE" });
}
