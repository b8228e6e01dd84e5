/**
 * Review links and comments.
 *
 * A review token is a capability for exactly one design: it reads that design (or the revision
 * the link is pinned to) and writes comments on it, nothing else. Tokens are 256 random bits;
 * only their SHA-256 is stored, and a token is found by its hash (a lookup on an unguessable
 * digest, so there is no prefix to time). Revoked, expired and unknown tokens all get the same 404.
 * Nothing a reviewer receives contains the design's id (the owner's edit capability) or another
 * design's data.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { analyze } from "../analysis/index";
import type { Design } from "../design/schema";
import { canonicalDesign } from "../design/serialize";
import { COMMENT_LIMITS, type CommentView, type LinkStatus, type ReviewLinkInfo, type ReviewView } from "../review/comments";
import { describeTarget, TARGET_KINDS, type TargetKind } from "../review/targets";
import type { Db } from "./db";
import { checkId, ID_SHAPE_ANY, MAX_VERSION } from "./designs";
import { NotFoundError, RateLimitedError, ServiceError, ValidationError } from "./errors";
import { RateLimiter } from "./rate-limit";
import { getLiveHub } from "./live";
import { envelopeProblems } from "./require-design";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const MAX_COMMENTS_PER_DESIGN = 5000;
const MAX_LINKS_PER_DESIGN = 200;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function linkStatus(link: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): LinkStatus {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt && link.expiresAt <= now) return "expired";
  return "active";
}

// ---------------------------------------------------------------------------------------------
// The owner's side: create, list, revoke links.

const DAY_MS = 86_400_000;
const createLinkBody = z
  .strictObject({
    label: z.string().trim().max(80, "must be at most 80 characters").optional(),
    /** Days until the link stops working (fractions allowed); omit for no expiry. */
    expiresInDays: z.number().gt(0).max(366).optional(),
    /** An absolute expiry instead of `expiresInDays`. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    /** Show this saved version instead of following the latest save. */
    pinnedVersion: z.number().int().min(1).max(MAX_VERSION).optional(),
  })
  .refine((b) => !(b.expiresInDays !== undefined && b.expiresAt !== undefined), { message: "give expiresInDays or expiresAt, not both", path: ["expiresAt"] });

export async function createReviewLink(db: Db, designId: string, body: unknown): Promise<{ link: ReviewLinkInfo; token: string; path: string }> {
  checkId(designId);
  const parsed = createLinkBody.safeParse(body ?? {});
  if (!parsed.success) throw new ValidationError(envelopeProblems(parsed.error.issues), "The review link request is not valid");
  const { label, expiresInDays, expiresAt, pinnedVersion } = parsed.data;
  const now = Date.now();
  const expiry = expiresInDays !== undefined ? new Date(now + expiresInDays * DAY_MS) : expiresAt ? new Date(expiresAt) : null;
  if (expiry && expiry.getTime() <= now) throw new ValidationError([{ path: "expiresAt", message: "is in the past" }], "The review link request is not valid");
  if (expiry && expiry.getTime() > now + 366 * DAY_MS) throw new ValidationError([{ path: "expiresAt", message: "is more than a year away" }], "The review link request is not valid");

  const design = await db.design.findUnique({ where: { id: designId }, select: { id: true, _count: { select: { reviewLinks: true } } } });
  if (!design) throw new NotFoundError();
  if (design._count.reviewLinks >= MAX_LINKS_PER_DESIGN) throw new ServiceError(409, "limit", `A design can have at most ${MAX_LINKS_PER_DESIGN} review links; revoke old ones`);
  if (pinnedVersion !== undefined) {
    const revision = await db.designRevision.findUnique({ where: { designId_version: { designId, version: pinnedVersion } }, select: { version: true } });
    if (!revision) throw new ValidationError([{ path: "pinnedVersion", message: `version ${pinnedVersion} does not exist` }], "The review link request is not valid");
  }
  const token = randomBytes(32).toString("base64url");
  const row = await db.reviewLink.create({
    data: { id: randomBytes(9).toString("base64url"), designId, tokenHash: hashToken(token), label: label || null, pinnedVersion: pinnedVersion ?? null, expiresAt: expiry },
  });
  return { link: linkInfo({ ...row, _count: { comments: 0 } }), token, path: `/r/${token}` };
}

type LinkRow = {
  id: string;
  label: string | null;
  pinnedVersion: number | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastOpenedAt: Date | null;
  _count: { comments: number };
};
function linkInfo(row: LinkRow): ReviewLinkInfo {
  return {
    id: row.id,
    label: row.label,
    pinnedVersion: row.pinnedVersion,
    createdAt: row.createdAt.toISOString(),
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
    lastOpenedAt: iso(row.lastOpenedAt),
    commentCount: row._count.comments,
    status: linkStatus(row),
  };
}

export async function listReviewLinks(db: Db, designId: string): Promise<ReviewLinkInfo[]> {
  checkId(designId);
  const design = await db.design.findUnique({ where: { id: designId }, select: { id: true } });
  if (!design) throw new NotFoundError();
  const rows = await db.reviewLink.findMany({ where: { designId }, orderBy: { createdAt: "desc" }, include: { _count: { select: { comments: true } } } });
  return rows.map(linkInfo);
}

/** Revokes a link for good (idempotent). Its comments stay. */
export async function revokeReviewLink(db: Db, designId: string, linkId: string): Promise<ReviewLinkInfo> {
  checkId(designId);
  checkId(linkId, "review link");
  const link = await db.reviewLink.findFirst({ where: { id: linkId, designId }, select: { id: true, revokedAt: true } });
  if (!link) throw new NotFoundError("review link");
  const row = await db.reviewLink.update({
    where: { id: link.id },
    data: { revokedAt: link.revokedAt ?? new Date() },
    include: { _count: { select: { comments: true } } },
  });
  return linkInfo(row);
}

// ---------------------------------------------------------------------------------------------
// The reviewer's side: everything goes through the token.

interface ResolvedLink {
  id: string;
  designId: string;
  pinnedVersion: number | null;
  label: string | null;
  expiresAt: Date | null;
}

/** The active link behind `token`, or a 404 that does not say whether it ever existed. */
async function resolveToken(db: Db, token: string): Promise<ResolvedLink> {
  if (!TOKEN_SHAPE.test(token)) throw new NotFoundError("review link");
  const link = await db.reviewLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, designId: true, pinnedVersion: true, label: true, expiresAt: true, revokedAt: true },
  });
  if (!link || linkStatus(link) !== "active") throw new NotFoundError("review link");
  return link;
}

/** The document a link shows: its pinned revision, or the design's latest save. */
async function linkedDocument(db: Db, link: ResolvedLink): Promise<{ name: string; version: number; document: Design; pinnedLabel: string | null }> {
  if (link.pinnedVersion !== null) {
    const revision = await db.designRevision.findUnique({ where: { designId_version: { designId: link.designId, version: link.pinnedVersion } } });
    if (!revision) throw new NotFoundError("review link");
    return { name: revision.name, version: revision.version, document: canonicalDesign(revision.document as unknown as Design), pinnedLabel: revision.label };
  }
  await getLiveHub().flush(link.designId, db);
  const design = await db.design.findUnique({ where: { id: link.designId }, select: { name: true, version: true, document: true } });
  if (!design) throw new NotFoundError("review link");
  return { name: design.name, version: design.version, document: canonicalDesign(design.document as unknown as Design), pinnedLabel: null };
}

/**
 * The design a live review link watches (its id stays on the server). A link pinned to a version
 * shows that version, which never changes: there is nothing to watch.
 */
export async function liveReviewDesign(db: Db, token: string): Promise<string> {
  const link = await resolveToken(db, token);
  if (link.pinnedVersion !== null) throw new ServiceError(409, "pinned", "This review link shows a fixed version: it has no live updates");
  return link.designId;
}

/** Opens a review link: the design to show (and records when the link was last opened). */
export async function openReview(db: Db, token: string): Promise<ReviewView> {
  const link = await resolveToken(db, token);
  const shown = await linkedDocument(db, link);
  await db.reviewLink.update({ where: { id: link.id }, data: { lastOpenedAt: new Date() } });
  return {
    name: shown.name,
    version: shown.version,
    pinned: link.pinnedVersion !== null ? { version: shown.version, label: shown.pinnedLabel } : null,
    link: { expiresAt: iso(link.expiresAt) },
    document: shown.document,
  };
}

type CommentRow = {
  id: string;
  parentId: string | null;
  linkId: string | null;
  author: string;
  body: string;
  targetKind: string | null;
  targetId: string | null;
  targetLabel: string | null;
  version: number;
  resolvedAt: Date | null;
  createdAt: Date;
};
function commentView(row: CommentRow): CommentView {
  return {
    id: row.id,
    parentId: row.parentId,
    author: row.author,
    fromOwner: row.linkId === null,
    body: row.body,
    target: row.targetKind && row.targetId ? { kind: row.targetKind as TargetKind, id: row.targetId, label: row.targetLabel } : null,
    version: row.version,
    resolvedAt: iso(row.resolvedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

async function commentsOf(db: Db, designId: string): Promise<CommentView[]> {
  const rows = await db.comment.findMany({ where: { designId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(commentView);
}

/**
 * The comments a reviewer sees. A link pinned to a version shows the threads started on that
 * version or earlier (with all their replies): a thread begun on a later version is about
 * elements the reviewer cannot see, and could name them.
 */
export async function reviewComments(db: Db, token: string): Promise<CommentView[]> {
  const link = await resolveToken(db, token);
  const all = await commentsOf(db, link.designId);
  if (link.pinnedVersion === null) return all;
  const pinned = link.pinnedVersion;
  const shown = new Set(all.filter((c) => c.parentId === null && c.version <= pinned).map((c) => c.id));
  return all.filter((c) => shown.has(c.parentId ?? c.id));
}

/** Plain text: control characters other than newline and tab are dropped, and so are bidi overrides and isolates (text that reads differently from what it is). */
// eslint-disable-next-line no-control-regex
const stripControls = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, "");

const commentBody = z.strictObject({
  author: z
    .string()
    .transform((s) => stripControls(s).replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, "is required: type your name").max(COMMENT_LIMITS.author, `must be at most ${COMMENT_LIMITS.author} characters`)),
  body: z
    .string()
    .transform((s) => stripControls(s).replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "is empty").max(COMMENT_LIMITS.body, `must be at most ${COMMENT_LIMITS.body} characters`)),
  target: z.strictObject({ kind: z.enum(TARGET_KINDS), id: z.string().min(1).max(300) }).nullable().optional(),
  parentId: z.string().regex(ID_SHAPE_ANY, { error: "not a comment id" }).nullable().optional(),
});

/** Per review link and client address, and per link (buckets in the database: they hold across app instances). */
export const COMMENT_RATES = { perAddress: { capacity: 10, perMinute: 10 }, perLink: { capacity: 60, perMinute: 30 } } as const;
const commentsPerAddress = new RateLimiter("comments-address", COMMENT_RATES.perAddress);
const commentsPerToken = new RateLimiter("comments-link", COMMENT_RATES.perLink);

interface NewComment {
  designId: string;
  linkId: string | null;
  version: number;
  document: Design;
  body: unknown;
}

async function addComment(db: Db, input: NewComment): Promise<CommentView> {
  const parsed = commentBody.safeParse(input.body);
  if (!parsed.success) throw new ValidationError(envelopeProblems(parsed.error.issues), "The comment is not valid");
  const { author, body, target, parentId } = parsed.data;
  let threadId: string | null = null;
  if (parentId) {
    const parent = await db.comment.findFirst({ where: { id: parentId, designId: input.designId }, select: { id: true, parentId: true } });
    if (!parent) throw new ValidationError([{ path: "parentId", message: "no such comment on this design" }], "The comment is not valid");
    threadId = parent.parentId ?? parent.id; // replies to a reply join the same thread
  }
  let targetLabel: string | null = null;
  if (target && !threadId) {
    targetLabel = describeTarget(input.document, target, () => analyze(input.document));
    if (targetLabel === null) throw new ValidationError([{ path: "target.id", message: `this version of the design has no ${target.kind} "${target.id}"` }], "The comment is not valid");
  }
  const count = await db.comment.count({ where: { designId: input.designId } });
  if (count >= MAX_COMMENTS_PER_DESIGN) throw new ServiceError(409, "limit", `This design already has ${MAX_COMMENTS_PER_DESIGN} comments`);
  const row = await db.comment.create({
    data: {
      id: randomUUID(),
      designId: input.designId,
      linkId: input.linkId,
      parentId: threadId,
      author,
      body,
      targetKind: threadId ? null : (target?.kind ?? null),
      targetId: threadId ? null : (target?.id ?? null),
      targetLabel,
      version: input.version,
    },
  });
  if (threadId) await db.comment.update({ where: { id: threadId }, data: { resolvedAt: null } }); // a reply reopens
  return commentView(row);
}

/** A reviewer's comment or reply, limited per link, and per client address when it is known (see clientAddress). */
export async function postReviewComment(db: Db, token: string, readBody: () => Promise<unknown>, address: string | null): Promise<CommentView> {
  const link = await resolveToken(db, token); // before the body: a dead link is a 404 whatever is sent
  const body = await readBody();
  const [perAddress, perLink] = await Promise.all([address === null ? 0 : commentsPerAddress.take(`${link.id}|${address}`, db), commentsPerToken.take(link.id, db)]);
  const wait = Math.max(perAddress, perLink);
  if (wait > 0) throw new RateLimitedError(wait);
  const shown = await linkedDocument(db, link);
  return addComment(db, { designId: link.designId, linkId: link.id, version: shown.version, document: shown.document, body });
}

// ---------------------------------------------------------------------------------------------
// The owner's side of comments.

export async function designComments(db: Db, designId: string): Promise<CommentView[]> {
  checkId(designId);
  const design = await db.design.findUnique({ where: { id: designId }, select: { id: true } });
  if (!design) throw new NotFoundError();
  return commentsOf(db, designId);
}

export async function postOwnerComment(db: Db, designId: string, body: unknown): Promise<CommentView> {
  checkId(designId);
  const design = await db.design.findUnique({ where: { id: designId }, select: { version: true, document: true } });
  if (!design) throw new NotFoundError();
  return addComment(db, { designId, linkId: null, version: design.version, document: design.document as unknown as Design, body });
}

const resolveBody = z.strictObject({ resolved: z.boolean() });

/** Resolves or reopens a thread (addressed by any of its comments). */
export async function setThreadResolved(db: Db, designId: string, commentId: string, body: unknown): Promise<CommentView> {
  checkId(designId);
  const parsed = resolveBody.safeParse(body);
  if (!parsed.success) throw new ValidationError(envelopeProblems(parsed.error.issues), 'Send { "resolved": true } or { "resolved": false }');
  checkId(commentId, "comment");
  const comment = await db.comment.findFirst({ where: { id: commentId, designId }, select: { id: true, parentId: true } });
  if (!comment) throw new NotFoundError("comment");
  const row = await db.comment.update({ where: { id: comment.parentId ?? comment.id }, data: { resolvedAt: parsed.data.resolved ? new Date() : null } });
  return commentView(row);
}

/** Deletes a comment (a thread's first comment takes its replies with it): the owner's moderation. */
export async function deleteComment(db: Db, designId: string, commentId: string): Promise<void> {
  checkId(designId);
  checkId(commentId, "comment");
  const { count } = await db.comment.deleteMany({ where: { id: commentId, designId } });
  if (count === 0) throw new NotFoundError("comment");
}

/** The version a review link shows right now (cheap: for the reviewer's "newer version" notice). */
export async function reviewStatus(db: Db, token: string): Promise<{ version: number }> {
  const link = await resolveToken(db, token);
  if (link.pinnedVersion !== null) return { version: link.pinnedVersion };
  const design = await db.design.findUnique({ where: { id: link.designId }, select: { version: true } });
  if (!design) throw new NotFoundError("review link");
  return { version: design.version };
}
