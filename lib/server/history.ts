/**
 * Version history: saves make revisions (autosaves of one sitting fold into one, see
 * docs/adr/0003-revision-coalescing.md); any revision can be read, named, or restored (as a new
 * revision — nothing kept is ever destroyed).
 */
import { z } from "zod";
import type { Design } from "../design/schema";
import type { RevisionPage, RevisionSummary } from "../review/comments";
import { canonicalDesign } from "../design/serialize";
import type { Db } from "./db";
import { checkId, MAX_VERSION, prepareVersion, WRITE_TRANSACTION, writeVersion, type SavedVersion } from "./designs";
import { NotFoundError, ValidationError } from "./errors";
import { getLiveHub, writeDocumentLive } from "./live";
import { envelopeProblems } from "./require-design";

export interface RevisionRecord extends RevisionSummary {
  document: Design;
}

const REVISION_FIELDS = { version: true, name: true, createdAt: true, updatedAt: true, saves: true, label: true, summary: true, restoredFrom: true } as const;
type RevisionRow = { version: number; name: string; createdAt: Date; updatedAt: Date; saves: number; label: string | null; summary: string | null; restoredFrom: number | null };
const revisionSummary = (row: RevisionRow, pinned: ReadonlySet<number>): RevisionSummary => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  pinned: pinned.has(row.version),
});

/** The versions review links of the design pin (revoked links too: their comments still point there). */
async function pinnedVersions(db: Db, id: string, versions?: number[]): Promise<Set<number>> {
  const links = await db.reviewLink.findMany({
    where: { designId: id, pinnedVersion: versions ? { in: versions } : { not: null } },
    select: { pinnedVersion: true },
  });
  return new Set(links.map((l) => l.pinnedVersion!));
}

async function requireDesignRow(db: Db, id: string): Promise<void> {
  checkId(id);
  const design = await db.design.findUnique({ where: { id }, select: { id: true } });
  if (!design) throw new NotFoundError();
}

/** A version number from a URL segment, or 404. */
export function parseVersion(segment: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(segment)) throw new NotFoundError("version");
  return Number(segment);
}

export const REVISION_PAGE = { default: 50, max: 200 } as const;

const listQuery = z.strictObject({
  before: z.coerce.number().int().min(1).max(MAX_VERSION).optional(),
  limit: z.coerce.number().int().min(1).max(REVISION_PAGE.max).default(REVISION_PAGE.default),
  /** Only named versions (the Share dialog's choice of what to pin). */
  named: z.enum(["1", "true"]).optional(),
});

/**
 * A page of saved versions, newest first: those below `before` (all when absent), at most `limit`
 * (50; 200 at most). `next` is the `before` of the page after, null at the end.
 */
export async function listRevisions(db: Db, id: string, query: Record<string, string> = {}): Promise<RevisionPage> {
  const parsed = listQuery.safeParse(query);
  if (!parsed.success) throw new ValidationError(envelopeProblems(parsed.error.issues), `Use ?before=<version>&limit=<1..${REVISION_PAGE.max}>`);
  const { before, limit, named } = parsed.data;
  await requireDesignRow(db, id);
  const rows = await db.designRevision.findMany({
    where: { designId: id, ...(before !== undefined ? { version: { lt: before } } : {}), ...(named ? { label: { not: null } } : {}) },
    orderBy: { version: "desc" },
    take: limit + 1,
    select: REVISION_FIELDS,
  });
  const page = rows.slice(0, limit);
  const pinned = await pinnedVersions(db, id, page.map((r) => r.version));
  return { revisions: page.map((r) => revisionSummary(r, pinned)), next: rows.length > limit ? page[page.length - 1].version : null };
}

export async function getRevision(db: Db, id: string, version: number): Promise<RevisionRecord> {
  checkId(id);
  const row = await db.designRevision.findUnique({ where: { designId_version: { designId: id, version } }, select: { ...REVISION_FIELDS, document: true } });
  if (!row) throw new NotFoundError("version");
  const { document, ...rest } = row;
  return { ...revisionSummary(rest, await pinnedVersions(db, id, [version])), document: canonicalDesign(document as unknown as Design) };
}

/**
 * The version whose row holds `version` now: itself, or — when its autosave was folded into a
 * later one — the next kept version. Null when the design never reached `version`.
 */
export async function keptVersion(db: Db, id: string, version: number): Promise<number | null> {
  checkId(id);
  const row = await db.designRevision.findFirst({ where: { designId: id, version: { gte: version } }, orderBy: { version: "asc" }, select: { version: true } });
  return row?.version ?? null;
}

const restoreBody = z.strictObject({ baseVersion: z.number().int().min(1).max(MAX_VERSION) });

/** Brings back `version`'s document as a new version after `baseVersion` (409 when stale). */
export async function restoreRevision(db: Db, id: string, version: number, body: unknown): Promise<SavedVersion & { document: Design }> {
  const parsed = restoreBody.safeParse(body);
  if (!parsed.success) throw new ValidationError(envelopeProblems(parsed.error.issues), 'Send { "baseVersion": <the version you are looking at> }');
  const { document } = await getRevision(db, id, version);
  await getLiveHub().flush(id, db);
  const prepared = await prepareVersion(db, id, parsed.data.baseVersion, document, { restoredFrom: version });
  const { saved, seq } = await db.$transaction(async (tx) => {
    const saved = await writeVersion(tx, id, parsed.data.baseVersion, prepared);
    return { saved, seq: await writeDocumentLive(tx, id, prepared.document) };
  }, WRITE_TRANSACTION);
  getLiveHub().notifyLocal(id, seq, saved.version);
  return { ...saved, document: prepared.document };
}

const labelBody = z.strictObject({
  label: z
    .string()
    .trim()
    .max(80, "must be at most 80 characters")
    .nullable()
    .transform((v) => (v ? v : null)),
});

/** Names a version ("v1 for review"), or clears its name with `{ "label": null }`. */
export async function labelRevision(db: Db, id: string, version: number, body: unknown): Promise<RevisionSummary> {
  const parsed = labelBody.safeParse(body);
  if (!parsed.success) throw new ValidationError(envelopeProblems(parsed.error.issues), 'Send { "label": "v1 for review" } or { "label": null }');
  checkId(id);
  const { count } = await db.designRevision.updateMany({ where: { designId: id, version }, data: { label: parsed.data.label } });
  if (count === 0) throw new NotFoundError("version");
  const row = await db.designRevision.findUniqueOrThrow({ where: { designId_version: { designId: id, version } }, select: REVISION_FIELDS });
  return revisionSummary(row, await pinnedVersions(db, id, [version]));
}
