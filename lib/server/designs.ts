/**
 * Design persistence rules: validation, optimistic concurrency, revisions. Takes the database as
 * a parameter so tests can hand it an in-memory PGlite.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Verdict } from "../analysis/types";
import type { Design } from "../design/schema";
import { canonicalDesign } from "../design/serialize";
import { parseDesign } from "../design/validate";
import { engine } from "./engine";
import { summaryOf, type PreparedVersion } from "./engine-jobs";
import type { RevisionSummary } from "../review/comments";
import { now } from "./clock";
import { ConflictError, NotFoundError, ValidationError } from "./errors";
import { envelopeProblems } from "./require-design";
import { getLiveHub, writeDocumentLive } from "./live";
import { renamesSchema, retargetComments } from "./retarget";
import type { Db } from "./db";
import type { Prisma } from "./generated/prisma/client.ts";

export interface DesignSummary {
  id: string;
  name: string;
  version: number;
  nodeCount: number;
  verdict: Verdict | null;
  errors: number;
  warnings: number;
  createdAt: string;
  updatedAt: string;
}

export interface DesignRecord extends DesignSummary {
  document: Design;
}

/** 128 bits from the CSPRNG, base64url: 22 characters, unguessable. */
export function newDesignId(): string {
  return randomBytes(16).toString("base64url");
}

const ID_SHAPE = /^[A-Za-z0-9_-]{22}$/;
/** What any server-made id can look like (design, link and comment ids; uuids): anything else is a 404, not a query. */
export const ID_SHAPE_ANY = /^[A-Za-z0-9_-]{1,64}$/;
/** Versions are PostgreSQL integers. */
export const MAX_VERSION = 2_147_483_647;

export function checkId(id: string, what = "design"): void {
  if (!(what === "design" ? ID_SHAPE : ID_SHAPE_ANY).test(id)) throw new NotFoundError(what);
}

type Row = { id: string; name: string; version: number; nodeCount: number; verdict: string | null; errors: number; warnings: number; createdAt: Date; updatedAt: Date };
const summary = (row: Row): DesignSummary => ({
  id: row.id,
  name: row.name,
  version: row.version,
  nodeCount: row.nodeCount,
  verdict: row.verdict === "SOUND" || row.verdict === "NEEDS_REVISION" ? row.verdict : null,
  errors: row.errors,
  warnings: row.warnings,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
const json = (design: Design) => design as unknown as Prisma.InputJsonValue;

/** The columns of a summary: writes ask for these back, never the (possibly megabytes of) document. */
const SUMMARY_FIELDS = { id: true, name: true, version: true, nodeCount: true, verdict: true, errors: true, warnings: true, createdAt: true, updatedAt: true } as const;

export async function listDesigns(db: Db): Promise<DesignSummary[]> {
  const rows = await db.design.findMany({
    orderBy: { updatedAt: "desc" },
    select: SUMMARY_FIELDS,
  });
  return rows.map(summary);
}

/**
 * Creates a design from a document (new, from an example, or an imported file). `bytes` is the
 * request body's size (see lib/server/engine.ts).
 */
export async function createDesign(db: Db, input: unknown, bytes = 0): Promise<DesignRecord> {
  // Validation and analysis happen in an engine thread before the transaction, which holds only the writes (audit D4).
  const { document, summary: designSummary } = await engine().run("prepare", { input, previous: null }, bytes);
  const id = newDesignId();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.design.create({
      data: { id, document: json(document), version: 1, ...designSummary },
      select: SUMMARY_FIELDS,
    });
    const at = now();
    await tx.designRevision.create({ data: { designId: id, version: 1, name: document.name, document: json(document), summary: "Created", createdAt: at, updatedAt: at }, select: { id: true } });
    return created;
  }, WRITE_TRANSACTION);
  return { ...summary(row), document };
}

export async function getDesign(db: Db, id: string): Promise<DesignRecord> {
  checkId(id);
  await getLiveHub().flush(id, db);
  const row = await db.design.findUnique({ where: { id } });
  if (!row) throw new NotFoundError();
  return { ...summary(row), document: canonicalDesign(row.document as unknown as Design) };
}

const updateBody = z.strictObject({
  baseVersion: z.number().int().min(1).max(MAX_VERSION),
  document: z.unknown().optional(),
  /** Ids edited since the client's last save: comments pinned to them follow (lib/server/retarget.ts). */
  renames: renamesSchema.optional(),
  /**
   * Start a new version: the one this save is based on stays a version of its own instead of
   * taking this save (the studio sends it when it merged its edits onto a version saved
   * elsewhere, so that version stays in History). docs/adr/0003-revision-coalescing.md.
   */
  newVersion: z.literal(true).optional(),
});

/**
 * Saves a new version of a design. `baseVersion` is the version the edit started from: when
 * another save got there first the update matches no row and the caller gets a 409 with the
 * current version. The version check and the write are one UPDATE, so two concurrent saves of
 * the same version cannot both win.
 */
export async function updateDesign(db: Db, id: string, body: unknown, bytes = 0): Promise<SavedVersion> {
  checkId(id);
  const envelope = updateBody.safeParse(body);
  if (!envelope.success) {
    throw new ValidationError(
      envelopeProblems(envelope.error.issues),
      'Send { "baseVersion": <the version you edited>, "document": <the design> }',
    );
  }
  if (envelope.data.document === undefined) throw new ValidationError([{ path: "document", message: "is required" }]);
  // Live edits not yet written as a version are written first, so the version check sees them.
  await getLiveHub().flush(id, db);
  const prepared = await prepareVersion(db, id, envelope.data.baseVersion, envelope.data.document, { prefix: "document", bytes, fold: !envelope.data.newVersion });
  const renames = envelope.data.renames ?? [];
  const { saved, seq } = await db.$transaction(async (tx) => {
    const saved = await writeVersion(tx, id, envelope.data.baseVersion, prepared);
    if (renames.length) await retargetComments(tx, id, prepared.document, renames);
    // Open studios see the saved document live (docs/adr/0007-live-sessions.md).
    return { saved, seq: await writeDocumentLive(tx, id, prepared.document) };
  }, WRITE_TRANSACTION);
  getLiveHub().notifyLocal(id, seq, saved.version);
  return saved;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * A save's transaction holds only its writes (two rows of up to 2 MB of JSON), so it is short; it
 * may wait up to 10 s for a pooled connection when many saves arrive together (Prisma's default,
 * 2 s, turned bursts of big saves into errors on PostgreSQL; audit D4). Past that the request
 * answers 503 with Retry-After (lib/server/http.ts).
 */
export const WRITE_TRANSACTION = { maxWait: 10_000, timeout: 20_000 } as const;

/**
 * Revision coalescing (docs/adr/0003-revision-coalescing.md): a save folds into the latest
 * revision row — which takes the new version number and document — when that row is an ordinary
 * autosave and either the save only moves things (layout) or the row is part of a running burst:
 * last written under FOLD_IDLE_MS ago, first written under FOLD_BURST_MS ago.
 */
export const FOLD_IDLE_MS = 60_000;
export const FOLD_BURST_MS = 10 * 60_000;

/** What a save computed before its transaction, and whether it folds into the latest revision. */
export interface PreparedSave extends PreparedVersion {
  fold: boolean;
}

/** The row a save was based on can take further saves: unnamed, not a restore, not the creation. */
const ordinary = (row: { label: string | null; restoredFrom: number | null }, version: number) => row.label === null && row.restoredFrom === null && version > 1;

/** A review link pins `version`, or a comment was written on it: its number must keep meaning that document. */
async function referenced(db: Db | Tx, id: string, version: number): Promise<boolean> {
  // One query after the other: inside a transaction they share one connection.
  const links = await db.reviewLink.count({ where: { designId: id, pinnedVersion: version } });
  return links > 0 || (await db.comment.count({ where: { designId: id, version } })) > 0;
}

/**
 * Validates a document and computes the list's summary and the diff against the version it
 * replaces — in an engine thread, outside the transaction (audit D4: a 1.8 MB design held a
 * transaction open for seconds). If another save wins meanwhile, the transaction's version check
 * answers 409; if the row it would fold into was named or pinned meanwhile, the transaction
 * writes a new row instead (both change lines are computed here).
 */
export async function prepareVersion(
  db: Db,
  id: string,
  baseVersion: number,
  input: unknown,
  options: { prefix?: string; restoredFrom?: number; bytes?: number; fold?: boolean } = {},
): Promise<PreparedSave> {
  const previous = await db.designRevision.findUnique({
    where: { designId_version: { designId: id, version: baseVersion } },
    select: { document: true, label: true, restoredFrom: true, createdAt: true, updatedAt: true },
  });
  let keptBefore: Design | null = null;
  if (previous && options.restoredFrom === undefined && options.fold !== false && ordinary(previous, baseVersion) && !(await referenced(db, id, baseVersion))) {
    const kept = await db.designRevision.findFirst({ where: { designId: id, version: { lt: baseVersion } }, orderBy: { version: "desc" }, select: { document: true } });
    keptBefore = (kept?.document as unknown as Design | undefined) ?? null;
  }
  const prepared = await engine().run(
    "prepare",
    { input, prefix: options.prefix, previous: (previous?.document as unknown as Design | undefined) ?? null, restoredFrom: options.restoredFrom, keptBefore },
    options.bytes,
  );
  const at = now().getTime();
  const inBurst = previous !== null && at - previous.updatedAt.getTime() < FOLD_IDLE_MS && at - previous.createdAt.getTime() < FOLD_BURST_MS;
  return { ...prepared, fold: keptBefore !== null && (prepared.layoutOnly || inBurst) };
}

/** A save's answer: the design's new summary, the revision it wrote, and the version that revision replaced, if it folded. */
export interface SavedVersion extends DesignSummary {
  revision: RevisionSummary;
  /** The version whose row this save folded into (that number no longer has a row of its own); null for a new row. */
  replaced: number | null;
}

const REVISION_FIELDS = { version: true, name: true, createdAt: true, updatedAt: true, saves: true, label: true, summary: true, restoredFrom: true } as const;

/**
 * Writes `document` as the version after `baseVersion` (409 when that is no longer current), from
 * what `prepareVersion` computed: the transaction holds only the writes. The revision row is new,
 * or the latest row folded forward (same conditions re-checked here, so a name given meanwhile wins).
 */
export async function writeVersion(tx: Tx, id: string, baseVersion: number, prepared: PreparedSave): Promise<SavedVersion> {
  const { document } = prepared;
  const { count } = await tx.design.updateMany({
    where: { id, version: baseVersion },
    data: { document: json(document), version: baseVersion + 1, ...prepared.summary },
  });
  if (count === 0) {
    const current = await tx.design.findUnique({ where: { id }, select: { version: true, updatedAt: true } });
    if (!current) throw new NotFoundError();
    throw new ConflictError(current.version, current.updatedAt);
  }
  const at = now();
  const version = baseVersion + 1;
  let replaced: number | null = null;
  if (prepared.fold && baseVersion > 1 && !(await referenced(tx, id, baseVersion))) {
    const folded = await tx.designRevision.updateMany({
      where: { designId: id, version: baseVersion, label: null, restoredFrom: null },
      data: { version, name: document.name, document: json(document), summary: prepared.foldedChangeLine, updatedAt: at, saves: { increment: 1 } },
    });
    if (folded.count === 1) replaced = baseVersion;
  }
  if (replaced === null) {
    await tx.designRevision.create({
      data: { designId: id, version, name: document.name, document: json(document), summary: prepared.changeLine, restoredFrom: prepared.restoredFrom, createdAt: at, updatedAt: at },
      select: { id: true },
    });
  }
  const row = await tx.design.findUniqueOrThrow({ where: { id }, select: SUMMARY_FIELDS });
  const revision = await tx.designRevision.findUniqueOrThrow({ where: { designId_version: { designId: id, version } }, select: REVISION_FIELDS });
  return { ...summary(row), revision: { ...revision, createdAt: revision.createdAt.toISOString(), updatedAt: revision.updatedAt.toISOString(), pinned: false }, replaced };
}

export async function deleteDesign(db: Db, id: string): Promise<void> {
  checkId(id);
  const { count } = await db.design.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError();
}

/** Fills the cached summary of designs saved before it existed (run at start-up). */
export async function backfillSummaries(db: Db): Promise<number> {
  const rows = await db.design.findMany({ where: { verdict: null }, select: { id: true, document: true } });
  for (const row of rows) {
    const parsed = parseDesign(row.document);
    if (parsed.ok) await db.design.update({ where: { id: row.id }, data: summaryOf(parsed.design) });
  }
  return rows.length;
}
