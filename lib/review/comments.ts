/**
 * The shapes the review, comment and history APIs exchange (shared by the server, the studio and the
 * review page), and how a flat comment list becomes threads.
 */
import type { Design } from "../design/schema";
import type { CommentTarget } from "./targets";

export type LinkStatus = "active" | "revoked" | "expired";

export interface ReviewLinkInfo {
  id: string;
  label: string | null;
  pinnedVersion: number | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastOpenedAt: string | null;
  commentCount: number;
  status: LinkStatus;
}

export interface CommentView {
  id: string;
  /** The thread's first comment, for a reply. */
  parentId: string | null;
  author: string;
  /** Written by the design's owner (in the studio) rather than through a review link. */
  fromOwner: boolean;
  body: string;
  target: (CommentTarget & { label: string | null }) | null;
  /** The design version the writer was looking at. */
  version: number;
  resolvedAt: string | null;
  createdAt: string;
}

/** What a reviewer gets: the design to read, never its id. */
export interface ReviewView {
  name: string;
  version: number;
  /** Set when the link shows a fixed version rather than the latest save. */
  pinned: { version: number; label: string | null } | null;
  /** The link as the reviewer may know it (its label is the owner's note, kept out). */
  link: { expiresAt: string | null };
  document: Design;
}

/** A saved version, as the History panel lists it. */
export interface RevisionSummary {
  version: number;
  name: string;
  /** First written: the start of the sitting whose autosaves folded into this version. */
  createdAt: string;
  /** Last written (the version's own save); equals createdAt for a version nothing folded into. */
  updatedAt: string;
  /** How many saves this version stands for (1 + the autosaves folded into it). */
  saves: number;
  /** A review link shows exactly this version (it never folds into a later one). */
  pinned: boolean;
  /** The version's name ("v1 for review"), when it was given one. */
  label: string | null;
  /** What changed since the previous version, e.g. "+2 nodes, 1 store changed". */
  summary: string | null;
  restoredFrom: number | null;
}

/** A page of the history, newest first; `next` is the `before` of the following page (null: no more). */
export interface RevisionPage {
  revisions: RevisionSummary[];
  next: number | null;
}

export const COMMENT_LIMITS = { author: 60, body: 4000 } as const;

export interface Thread {
  root: CommentView;
  replies: CommentView[];
}

/** Threads in order: open ones first, each oldest first, replies under their first comment. */
export function threadsOf(comments: readonly CommentView[]): Thread[] {
  const threads = new Map<string, Thread>();
  for (const c of comments) if (c.parentId === null) threads.set(c.id, { root: c, replies: [] });
  for (const c of comments) if (c.parentId !== null) threads.get(c.parentId)?.replies.push(c);
  const all = [...threads.values()];
  return [...all.filter((t) => t.root.resolvedAt === null), ...all.filter((t) => t.root.resolvedAt !== null)];
}
