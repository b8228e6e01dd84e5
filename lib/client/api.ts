/**
 * The browser's side of the designs API: typed fetches that turn error bodies into ApiError.
 */
import type { IdRename } from "../design/ids";
import type { Design } from "../design/schema";
import type { Problem } from "../design/validate";
import type { CommentView, ReviewLinkInfo, RevisionPage, RevisionSummary } from "../review/comments";
import type { CommentTarget } from "../review/targets";

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
/** A save's answer: the revision it wrote, and the version that revision replaced when the save folded into it. */
export interface SavedVersion extends DesignSummary {
  revision: RevisionSummary;
  replaced: number | null;
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

/** `renames`: ids edited since the last save; the server moves the comments pinned to them. */
/** `newVersion`: the version this save is based on stays a version of its own (after a merge). */
export function saveDesign(id: string, baseVersion: number, document: Design, signal?: AbortSignal, renames?: readonly IdRename[], newVersion?: boolean): Promise<SavedVersion> {
  const body = JSON.stringify({ baseVersion, document, ...(renames?.length ? { renames } : {}), ...(newVersion ? { newVersion: true as const } : {}) });
  // keepalive lets the save sent on leaving the page finish after it; browsers cap such bodies at 64 KiB.
  return call(`/api/designs/${encodeURIComponent(id)}`, { method: "PUT", body, signal, keepalive: body.length < 60_000 });
}

export function deleteDesign(id: string): Promise<void> {
  return call(`/api/designs/${encodeURIComponent(id)}`, { method: "DELETE" });
}

// Review links, comments and history ----------------------------------------------------------

const designPath = (id: string) => `/api/designs/${encodeURIComponent(id)}`;

export function listReviewLinks(id: string): Promise<ReviewLinkInfo[]> {
  return call(`${designPath(id)}/review-links`);
}

export function createReviewLink(
  id: string,
  options: { label?: string; expiresInDays?: number; pinnedVersion?: number },
): Promise<{ link: ReviewLinkInfo; token: string; path: string }> {
  return call(`${designPath(id)}/review-links`, { method: "POST", body: JSON.stringify(options) });
}

export function revokeReviewLink(id: string, linkId: string): Promise<ReviewLinkInfo> {
  return call(`${designPath(id)}/review-links/${encodeURIComponent(linkId)}`, { method: "DELETE" });
}

export interface NewComment {
  author: string;
  body: string;
  target?: CommentTarget | null;
  parentId?: string | null;
}

/** Where comments are read and written: the owner's design routes or a reviewer's link. */
export interface CommentsEndpoint {
  list: () => Promise<CommentView[]>;
  post: (comment: NewComment) => Promise<CommentView>;
  /** Only the owner resolves and reopens threads, and deletes comments. */
  setResolved?: (commentId: string, resolved: boolean) => Promise<CommentView>;
  remove?: (commentId: string) => Promise<void>;
}

export function ownerComments(id: string): CommentsEndpoint {
  return {
    list: () => call(`${designPath(id)}/comments`),
    post: (comment) => call(`${designPath(id)}/comments`, { method: "POST", body: JSON.stringify(comment) }),
    setResolved: (commentId, resolved) =>
      call(`${designPath(id)}/comments/${encodeURIComponent(commentId)}`, { method: "PATCH", body: JSON.stringify({ resolved }) }),
    remove: (commentId) => call(`${designPath(id)}/comments/${encodeURIComponent(commentId)}`, { method: "DELETE" }),
  };
}

/** The version a review link shows now (changes when the owner saves, for unpinned links). */
export function reviewStatus(token: string): Promise<{ version: number }> {
  return call(`/api/review/${encodeURIComponent(token)}/status`);
}

export function reviewerComments(token: string): CommentsEndpoint {
  const path = `/api/review/${encodeURIComponent(token)}/comments`;
  return {
    list: () => call(path),
    post: (comment) => call(path, { method: "POST", body: JSON.stringify(comment) }),
  };
}

/** A page of the history, newest first (`before`: versions below it; 50 by default; `named`: named versions only). */
export function listRevisions(id: string, query: { before?: number; limit?: number; named?: boolean } = {}): Promise<RevisionPage> {
  const params = new URLSearchParams();
  if (query.before !== undefined) params.set("before", String(query.before));
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  if (query.named) params.set("named", "1");
  const search = params.toString();
  return call(`${designPath(id)}/revisions${search ? `?${search}` : ""}`);
}

/** The design as saved now (after a conflict: the version to merge with). */
export function getDesign(id: string): Promise<DesignRecord> {
  return call(designPath(id));
}

export function getRevision(id: string, version: number): Promise<RevisionSummary & { document: Design }> {
  return call(`${designPath(id)}/revisions/${version}`);
}

export function labelRevision(id: string, version: number, label: string | null): Promise<RevisionSummary> {
  return call(`${designPath(id)}/revisions/${version}`, { method: "PATCH", body: JSON.stringify({ label }) });
}

export function restoreRevision(id: string, version: number, baseVersion: number): Promise<SavedVersion & { document: Design }> {
  return call(`${designPath(id)}/revisions/${version}/restore`, { method: "POST", body: JSON.stringify({ baseVersion }) });
}
