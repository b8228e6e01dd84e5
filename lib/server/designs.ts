/**
 * Design persistence rules: validation, optimistic concurrency, revisions. Takes the database as
 * a parameter so tests can hand it an in-memory PGlite.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { analyze } from "../analysis/index";
import type { Verdict } from "../analysis/types";
import { nodeCount } from "../design/commands";
import type { Design } from "../design/schema";
import { diffDesigns, summarizeChanges } from "../design/diff";
import { canonicalDesign } from "../design/serialize";
import { parseDesign } from "../design/validate";
import { ConflictError, NotFoundError, ValidationError } from "./errors";
import { envelopeProblems, requireDesign } from "./require-design";
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

function validDesign(input: unknown, prefix = ""): Design {
  return canonicalDesign(requireDesign(input, prefix));
}

/** The cached summary the designs list shows, derived from the document on every save. */
export function summaryOf(document: Design): { name: string; nodeCount: number; verdict: Verdict; errors: number; warnings: number } {
  const analysis = analyze(document);
  return { name: document.name, nodeCount: nodeCount(document), verdict: analysis.verdict, errors: analysis.counts.errors, warnings: analysis.counts.warnings };
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

export async function listDesigns(db: Db): Promise<DesignSummary[]> {
  const rows = await db.design.findMany({
    orderBy: { updatedAt: "desc" },
    select: { id: true, name: true, version: true, nodeCount: true, verdict: true, errors: true, warnings: true, createdAt: true, updatedAt: true },
  });
  return rows.map(summary);
}

/** Creates a design from a document (new, from an example, or an imported file). */
export async function createDesign(db: Db, input: unknown): Promise<DesignRecord> {
  const document = validDesign(input);
  const id = newDesignId();
  // Validation and analysis happen before the transaction, which holds only the writes (audit D4).
  const designSummary = summaryOf(document);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.design.create({
      data: { id, document: json(document), version: 1, ...designSummary },
    });
    await tx.designRevision.create({ data: { designId: id, version: 1, name: document.name, document: json(document), summary: "Created" } });
    return created;
  });
  return { ...summary(row), document };
}

export async function getDesign(db: Db, id: string): Promise<DesignRecord> {
  checkId(id);
  const row = await db.design.findUnique({ where: { id } });
  if (!row) throw new NotFoundError();
  return { ...summary(row), document: canonicalDesign(row.document as unknown as Design) };
}

const updateBody = z.strictObject({
  baseVersion: z.number().int().min(1).max(MAX_VERSION),
  document: z.unknown().optional(),
});

/**
 * Saves a new version of a design. `baseVersion` is the version the edit started from: when
 * another save got there first the update matches no row and the caller gets a 409 with the
 * current version. The version check and the write are one UPDATE, so two concurrent saves of
 * the same version cannot both win.
 */
export async function updateDesign(db: Db, id: string, body: unknown): Promise<DesignSummary> {
  checkId(id);
  const envelope = updateBody.safeParse(body);
  if (!envelope.success) {
    throw new ValidationError(
      envelopeProblems(envelope.error.issues),
      'Send { "baseVersion": <the version you edited>, "document": <the design> }',
    );
  }
  if (envelope.data.document === undefined) throw new ValidationError([{ path: "document", message: "is required" }]);
  const document = validDesign(envelope.data.document, "document");
  const prepared = await prepareVersion(db, id, envelope.data.baseVersion, document);
  return db.$transaction((tx) => writeVersion(tx, id, envelope.data.baseVersion, document, prepared));
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** What a save computes before its transaction: the list's summary and the revision's change line. */
export interface PreparedVersion {
  summary: ReturnType<typeof summaryOf>;
  changeLine: string | null;
  restoredFrom?: number;
}

/**
 * The analysis (summary) and the diff against the version it replaces, computed outside the
 * transaction (audit D4: a 1.8 MB design held a transaction open for seconds). Revisions never
 * change once written, so reading the base version before the transaction is safe; if another
 * save wins meanwhile, the transaction's version check answers 409 as before.
 */
export async function prepareVersion(db: Db, id: string, baseVersion: number, document: Design, extra: { restoredFrom?: number } = {}): Promise<PreparedVersion> {
  const previous = await db.designRevision.findUnique({ where: { designId_version: { designId: id, version: baseVersion } }, select: { document: true } });
  const changes = previous ? summarizeChanges(diffDesigns(previous.document as unknown as Design, document)) : null;
  const changeLine = extra.restoredFrom !== undefined ? `Restored version ${extra.restoredFrom}${changes ? ` (${changes})` : ""}` : changes;
  return { summary: summaryOf(document), changeLine, restoredFrom: extra.restoredFrom };
}

/**
 * Writes `document` as the version after `baseVersion` (409 when that is no longer current) with
 * its revision row, from what `prepareVersion` computed: the transaction holds only the writes.
 */
export async function writeVersion(tx: Tx, id: string, baseVersion: number, document: Design, prepared: PreparedVersion): Promise<DesignSummary> {
  const { count } = await tx.design.updateMany({
    where: { id, version: baseVersion },
    data: { document: json(document), version: baseVersion + 1, ...prepared.summary },
  });
  if (count === 0) {
    const current = await tx.design.findUnique({ where: { id }, select: { version: true, updatedAt: true } });
    if (!current) throw new NotFoundError();
    throw new ConflictError(current.version, current.updatedAt);
  }
  await tx.designRevision.create({
    data: { designId: id, version: baseVersion + 1, name: document.name, document: json(document), summary: prepared.changeLine, restoredFrom: prepared.restoredFrom },
  });
  const row = await tx.design.findUniqueOrThrow({ where: { id } });
  return summary(row);
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
