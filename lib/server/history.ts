/**
 * Version history: every save is a revision; any revision can be read, named, or restored (as a
 * new revision — nothing is ever destroyed).
 */
import { z } from "zod";
import type { Design } from "../design/schema";
import type { RevisionSummary } from "../review/comments";
import { canonicalDesign } from "../design/serialize";
import type { Db } from "./db";
import { checkId, MAX_VERSION, prepareVersion, WRITE_TRANSACTION, writeVersion, type DesignSummary } from "./designs";
import { NotFoundError, ValidationError } from "./errors";
import { envelopeProblems } from "./require-design";

export interface RevisionRecord extends RevisionSummary {
  document: Design;
}

const REVISION_FIELDS = { version: true, name: true, createdAt: true, label: true, summary: true, restoredFrom: true } as const;
type RevisionRow = { version: number; name: string; createdAt: Date; label: string | null; summary: string | null; restoredFrom: number | null };
const revisionSummary = (row: RevisionRow): RevisionSummary => ({ ...row, createdAt: row.createdAt.toISOString() });

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

export async function listRevisions(db: Db, id: string): Promise<RevisionSummary[]> {
  await requireDesignRow(db, id);
  const rows = await db.designRevision.findMany({ where: { designId: id }, orderBy: { version: "desc" }, select: REVISION_FIELDS });
  return rows.map(revisionSummary);
}

export async function getRevision(db: Db, id: string, version: number): Promise<RevisionRecord> {
  checkId(id);
  const row = await db.designRevision.findUnique({ where: { designId_version: { designId: id, version } }, select: { ...REVISION_FIELDS, document: true } });
  if (!row) throw new NotFoundError("version");
  return { ...revisionSummary(row), document: canonicalDesign(row.document as unknown as Design) };
}

const restoreBody = z.strictObject({ baseVersion: z.number().int().min(1).max(MAX_VERSION) });

/** Brings back `version`'s document as a new version after `baseVersion` (409 when stale). */
export async function restoreRevision(db: Db, id: string, version: number, body: unknown): Promise<DesignSummary & { document: Design }> {
  const parsed = restoreBody.safeParse(body);
  if (!parsed.success) throw new ValidationError(envelopeProblems(parsed.error.issues), 'Send { "baseVersion": <the version you are looking at> }');
  const { document } = await getRevision(db, id, version);
  const prepared = await prepareVersion(db, id, parsed.data.baseVersion, document, { restoredFrom: version });
  const saved = await db.$transaction((tx) => writeVersion(tx, id, parsed.data.baseVersion, prepared), WRITE_TRANSACTION);
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
  return revisionSummary(row);
}
