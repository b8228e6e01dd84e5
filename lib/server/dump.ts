/**
 * `quorum-studio db dump` / `db restore`: the whole studio as JSON lines, to move it between PGlite
 * and PostgreSQL (either way) or to keep a backup.
 *
 * Line 1 is the header `{"format":"quorum-studio-dump","version":1,"createdAt":…,"counts":{…}}`.
 * Then, per design (oldest first): the design, its revisions by version, its review links, its
 * comments (a thread's first comment before its replies). Every column is carried, timestamps and
 * cached summaries included, so a restore is the same data rather than a re-import: versions and
 * history stay as they were, and review links keep their token hashes, so shared links keep
 * working. Owner sessions are left out on purpose (NOT_DUMPED).
 *
 * A restore is one transaction: a line that is not JSON, not a known record, out of place, or whose
 * design document fails lib/design's validation aborts it with the line number and the field, and
 * nothing is written.
 *
 * @example
 * await dumpDatabase(db, (text) => out.write(text));
 * await restoreDatabase(other, readline.createInterface({ input }), { replace: false });
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import type { Design } from "../design/schema";
import { canonicalDesign } from "../design/serialize";
import { parseDesign, type Problem } from "../design/validate";
import { pgliteDataDir } from "./data-dir";
import { configuredAdapter, createDb, type Db } from "./db";
import { ID_SHAPE_ANY, MAX_VERSION } from "./designs";
import type { Prisma } from "./generated/prisma/client.ts";
import { pendingLiveDocument } from "./live";
import { applyMigrations } from "./migrate";
import { envelopeProblems } from "./require-design";

export const DUMP_FORMAT = "quorum-studio-dump";
export const DUMP_VERSION = 1;

/** Tables a dump leaves out, and why (a test fails on a table that is in neither list). */
export const NOT_DUMPED: Readonly<Record<string, string>> = {
  OwnerSession: "sign-in sessions are credentials of the server that issued them; the owner signs in again after a move",
  RateLimitBucket: "rate-limit buckets refill within minutes; a moved studio starts with full ones (docs/adr/0006)",
  ThrottleScore: "counts of wrong owner keys decay within minutes, and the owner key does not move with the data (docs/adr/0006)",
  DesignUpdate: "the live session's log: the dump's document holds every acknowledged update, and the restored studio starts a new shared state from it (docs/adr/0007)",
};

/** Columns left out on purpose, per table (the live session's state is rebuilt from the document). */
export const NOT_DUMPED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  Design: ["liveState", "liveEpoch", "liveSeq", "liveFolded", "liveSnapshot"],
};

// ---------------------------------------------------------------------------------------------
// Records: one schema per table, listing every column (a test compares them with prisma/schema.prisma).
// The schema's key order is the order of the keys on a line; the document comes last.

const id = z.string().regex(ID_SHAPE_ANY, { error: "not an id" });
const count = z.number().int().min(0).max(MAX_VERSION);
const version = z.number().int().min(1).max(MAX_VERSION);
const time = z.iso.datetime({ error: "not a UTC timestamp (2026-12-01T10:00:00.000Z)" }).transform((s) => new Date(s));
/** Checked by lib/design's parseDesign afterwards, which names the problem's path inside the document. */
const document = z.looseObject({});

const designRecord = z.strictObject({
  type: z.literal("design"),
  id,
  name: z.string(),
  version,
  nodeCount: count,
  verdict: z.string().nullable(),
  errors: count,
  warnings: count,
  createdAt: time,
  updatedAt: time,
  document,
});

const revisionRecord = z.strictObject({
  type: z.literal("revision"),
  id,
  designId: id,
  version,
  name: z.string(),
  label: z.string().nullable(),
  summary: z.string().nullable(),
  restoredFrom: version.nullable(),
  createdAt: time,
  /** Absent in dumps made before revisions coalesced (docs/adr/0003): written once, so = createdAt. */
  updatedAt: time.optional(),
  saves: z.number().int().min(1).max(MAX_VERSION).optional(),
  document,
});

const reviewLinkRecord = z.strictObject({
  type: z.literal("reviewLink"),
  id,
  designId: id,
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/, { error: "not a SHA-256 in hex" }),
  label: z.string().nullable(),
  pinnedVersion: version.nullable(),
  expiresAt: time.nullable(),
  revokedAt: time.nullable(),
  lastOpenedAt: time.nullable(),
  createdAt: time,
});

const commentRecord = z.strictObject({
  type: z.literal("comment"),
  id,
  designId: id,
  linkId: id.nullable(),
  parentId: id.nullable(),
  author: z.string(),
  body: z.string(),
  targetKind: z.string().nullable(),
  targetId: z.string().nullable(),
  targetLabel: z.string().nullable(),
  version,
  resolvedAt: time.nullable(),
  createdAt: time,
});

/** Record type on a line → the table it holds and its schema. */
export const RECORD_TYPES = {
  design: { model: "Design", schema: designRecord },
  revision: { model: "DesignRevision", schema: revisionRecord },
  reviewLink: { model: "ReviewLink", schema: reviewLinkRecord },
  comment: { model: "Comment", schema: commentRecord },
} as const;
type RecordType = keyof typeof RECORD_TYPES;

export interface DumpCounts {
  designs: number;
  revisions: number;
  reviewLinks: number;
  comments: number;
}

const headerSchema = z.strictObject({
  format: z.literal(DUMP_FORMAT),
  version: z.literal(DUMP_VERSION, { error: `this quorum-studio reads version ${DUMP_VERSION} dumps` }),
  createdAt: z.iso.datetime(),
  counts: z.strictObject({ designs: count, revisions: count, reviewLinks: count, comments: count }),
});

/** A line of a dump that cannot be restored: its number, and each problem with the field's path. */
export class DumpError extends Error {
  readonly field: string;
  constructor(
    readonly line: number,
    readonly problems: Problem[],
  ) {
    const shown = problems
      .slice(0, 5)
      .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
      .join("; ");
    super(`line ${line}: ${shown}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}`);
    this.field = problems[0]?.path ?? "";
  }
}

/** `restore` into a database that already holds designs, without `replace`. */
export class DatabaseNotEmptyError extends Error {
  constructor(readonly designs: number) {
    super(`the database already holds ${designs} design${designs === 1 ? "" : "s"}: restore into an empty database, or pass --replace to delete them first`);
  }
}

// Prisma's default (5 s) would cut a large dump or restore off halfway; both are one transaction on purpose.
const LONG_TRANSACTION = { maxWait: 30_000, timeout: 24 * 60 * 60 * 1000 };
const REVISION_PAGE = 100;

// ---------------------------------------------------------------------------------------------
// Dump

const byTimeThenId = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  // In JavaScript, not SQL: ORDER BY id depends on the server's collation, and dumps of the same
  // data from PGlite and PostgreSQL must be the same bytes.
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Comments with every reply after the comment it answers (restore inserts them in this order). */
function threadOrder<T extends { id: string; parentId: string | null; createdAt: Date }>(rows: T[]): T[] {
  const sorted = [...rows].sort(byTimeThenId);
  const ids = new Set(sorted.map((c) => c.id));
  const replies = new Map<string, T[]>();
  for (const c of sorted) {
    if (c.parentId === null || !ids.has(c.parentId)) continue;
    const thread = replies.get(c.parentId);
    if (thread) thread.push(c);
    else replies.set(c.parentId, [c]);
  }
  const out: T[] = [];
  const visit = (c: T) => {
    out.push(c);
    for (const reply of replies.get(c.id) ?? []) visit(reply);
  };
  for (const c of sorted) if (c.parentId === null || !ids.has(c.parentId)) visit(c);
  return out;
}

/** One row as a line: the schema's keys in order, dates as ISO strings, documents in canonical key order. */
function recordLine(type: RecordType, row: object): string {
  const values = row as Record<string, unknown>;
  const out: Record<string, unknown> = { type };
  for (const key of Object.keys(RECORD_TYPES[type].schema.shape)) {
    if (key === "type") continue;
    const value = values[key];
    out[key] = value instanceof Date ? value.toISOString() : key === "document" ? canonicalDesign(value as Design) : value;
  }
  return `${JSON.stringify(out)}\n`;
}

/**
 * Writes the whole database as dump lines through `write` (awaited, so a slow output holds the
 * reading back), from one read-only snapshot: a PostgreSQL server may keep serving meanwhile.
 */
export async function dumpDatabase(db: Db, write: (text: string) => void | Promise<void>, options: { now?: Date } = {}): Promise<DumpCounts> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`;
    const counts: DumpCounts = {
      designs: await tx.design.count(),
      revisions: await tx.designRevision.count(),
      reviewLinks: await tx.reviewLink.count(),
      comments: await tx.comment.count(),
    };
    await write(`${JSON.stringify({ format: DUMP_FORMAT, version: DUMP_VERSION, createdAt: (options.now ?? new Date()).toISOString(), counts })}\n`);
    const designs = (await tx.design.findMany({ select: { id: true, createdAt: true } })).sort(byTimeThenId);
    for (const { id: designId } of designs) {
      const row = await tx.design.findUniqueOrThrow({ where: { id: designId } });
      // Live edits acknowledged but not yet written as a version are in the dumped document.
      const live = await pendingLiveDocument(tx, designId);
      await write(recordLine("design", live ? { ...row, document: live } : row));
      // Revisions hold whole documents: a page at a time.
      for (let after = 0; ; ) {
        const page = await tx.designRevision.findMany({ where: { designId, version: { gt: after } }, orderBy: { version: "asc" }, take: REVISION_PAGE });
        for (const revision of page) await write(recordLine("revision", revision));
        if (page.length < REVISION_PAGE) break;
        after = page[page.length - 1].version;
      }
      for (const link of (await tx.reviewLink.findMany({ where: { designId } })).sort(byTimeThenId)) await write(recordLine("reviewLink", link));
      for (const comment of threadOrder(await tx.comment.findMany({ where: { designId } }))) await write(recordLine("comment", comment));
    }
    return counts;
  }, LONG_TRANSACTION).catch((error: unknown) => {
    // P2021: a table is missing, i.e. not a (migrated) Quorum Studio database.
    if ((error as { code?: unknown } | null)?.code === "P2021") throw new Error("the database has no Quorum Studio tables: is DATABASE_URL / DATA_DIR the studio's database? (npm run db:migrate creates them)", { cause: error });
    throw error;
  });
}

// ---------------------------------------------------------------------------------------------
// Restore

type Parsed =
  | { type: "design"; data: Prisma.DesignCreateManyInput }
  | { type: "revision"; data: Prisma.DesignRevisionCreateManyInput }
  | { type: "reviewLink"; data: Prisma.ReviewLinkCreateManyInput }
  | { type: "comment"; data: Prisma.CommentCreateManyInput };

const problem = (path: string, message: string): Problem => ({ path, message });
const json = (value: unknown) => value as Prisma.InputJsonValue;

function parseJson(line: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DumpError(line, [problem("", `not valid JSON (${error instanceof Error ? error.message : error})`)]);
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, line: number, prefix: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DumpError(line, envelopeProblems(parsed.error.issues).map((p) => problem(p.path ? `${prefix}.${p.path}` : prefix, p.message)));
  return parsed.data;
}

function parseHeader(line: number, text: string): z.output<typeof headerSchema> {
  const value = parseJson(line, text);
  const format = value !== null && typeof value === "object" && "format" in value ? value.format : undefined;
  if (format !== DUMP_FORMAT) {
    const found = format === undefined ? "is missing" : `is ${JSON.stringify(format)}`;
    throw new DumpError(line, [problem("header.format", `${found}: a dump starts with the header line {"format":"${DUMP_FORMAT}",…}`)]);
  }
  return parseWith(headerSchema, value, line, "header");
}

/** The design document on a line, checked by lib/design (the same validation as a save). */
function checkDocument(line: number, field: string, value: unknown): void {
  const result = parseDesign(value);
  if (!result.ok) throw new DumpError(line, result.problems.map((p) => problem(p.path ? `${field}.${p.path}` : field, p.message)));
}

/**
 * Validates lines in order and keeps what later lines may refer to: records follow their design,
 * comments name links and parents that came before them, ids are unique. So a bad line is named
 * by its number here, before the database would refuse it somewhere in a batch.
 */
class DumpReader {
  readonly counts: DumpCounts = { designs: 0, revisions: 0, reviewLinks: 0, comments: 0 };
  private readonly seen = { designs: new Set<string>(), revisions: new Set<string>(), links: new Set<string>(), tokenHashes: new Set<string>(), comments: new Set<string>() };
  private current: { id: string; versions: Set<number>; links: Set<string>; comments: Set<string> } | null = null;

  read(line: number, text: string): Parsed {
    const value = parseJson(line, text);
    const type = value !== null && typeof value === "object" && "type" in value ? value.type : undefined;
    if (typeof type !== "string" || !Object.hasOwn(RECORD_TYPES, type)) {
      throw new DumpError(line, [problem("type", `must be one of ${Object.keys(RECORD_TYPES).map((t) => `"${t}"`).join(", ")} (got ${JSON.stringify(type) ?? "nothing"})`)]);
    }
    switch (type as RecordType) {
      case "design": {
        const { type: _, ...data } = parseWith(designRecord, value, line, "design");
        this.unique(line, this.seen.designs, data.id, "design.id");
        checkDocument(line, "design.document", data.document);
        this.current = { id: data.id, versions: new Set(), links: new Set(), comments: new Set() };
        this.counts.designs++;
        return { type: "design", data: { ...data, document: json(data.document) } };
      }
      case "revision": {
        const { type: _, ...data } = parseWith(revisionRecord, value, line, "revision");
        const design = this.owner(line, "revision", data.designId);
        this.unique(line, this.seen.revisions, data.id, "revision.id");
        this.unique(line, design.versions, data.version, "revision.version");
        checkDocument(line, "revision.document", data.document);
        this.counts.revisions++;
        return { type: "revision", data: { ...data, updatedAt: data.updatedAt ?? data.createdAt, saves: data.saves ?? 1, document: json(data.document) } };
      }
      case "reviewLink": {
        const { type: _, ...data } = parseWith(reviewLinkRecord, value, line, "reviewLink");
        const design = this.owner(line, "reviewLink", data.designId);
        this.unique(line, this.seen.links, data.id, "reviewLink.id");
        this.unique(line, this.seen.tokenHashes, data.tokenHash, "reviewLink.tokenHash");
        design.links.add(data.id);
        this.counts.reviewLinks++;
        return { type: "reviewLink", data };
      }
      case "comment": {
        const { type: _, ...data } = parseWith(commentRecord, value, line, "comment");
        const design = this.owner(line, "comment", data.designId);
        this.unique(line, this.seen.comments, data.id, "comment.id");
        if (data.linkId !== null && !design.links.has(data.linkId)) throw new DumpError(line, [problem("comment.linkId", `no review link "${data.linkId}" before this line in design "${design.id}"`)]);
        if (data.parentId !== null && !design.comments.has(data.parentId)) throw new DumpError(line, [problem("comment.parentId", `no comment "${data.parentId}" before this line in design "${design.id}"`)]);
        design.comments.add(data.id);
        this.counts.comments++;
        return { type: "comment", data };
      }
    }
  }

  /** Every count the header announced was found: a truncated file is refused, not half restored. */
  checkCounts(announced: DumpCounts): void {
    const wrong = (Object.keys(announced) as (keyof DumpCounts)[]).filter((k) => announced[k] !== this.counts[k]);
    if (wrong.length) throw new DumpError(1, wrong.map((k) => problem(`header.counts.${k}`, `is ${announced[k]} but the dump holds ${this.counts[k]} (a truncated or edited file?)`)));
  }

  private owner(line: number, type: RecordType, designId: string) {
    if (!this.current) throw new DumpError(line, [problem(`${type}.designId`, "comes before any design record")]);
    if (designId !== this.current.id) throw new DumpError(line, [problem(`${type}.designId`, `is "${designId}", but the records here belong to design "${this.current.id}" (a design's records follow it)`)]);
    return this.current;
  }

  private unique<T>(line: number, set: Set<T>, value: T, field: string): void {
    if (set.has(value)) throw new DumpError(line, [problem(field, `${JSON.stringify(value)} appears twice`)]);
    set.add(value);
  }
}

type Tx = Prisma.TransactionClient;

/** Rows waiting for one multi-row INSERT per table, written parents first. */
class Batch {
  private designs: Prisma.DesignCreateManyInput[] = [];
  private revisions: Prisma.DesignRevisionCreateManyInput[] = [];
  private links: Prisma.ReviewLinkCreateManyInput[] = [];
  private comments: Prisma.CommentCreateManyInput[] = [];
  private rows = 0;
  private bytes = 0;
  private lines: [number, number] = [0, 0];

  constructor(private readonly tx: Tx) {}

  async add(record: Parsed, line: number, size: number): Promise<void> {
    if (record.type === "design") this.designs.push(record.data);
    else if (record.type === "revision") this.revisions.push(record.data);
    else if (record.type === "reviewLink") this.links.push(record.data);
    else this.comments.push(record.data);
    if (this.rows++ === 0) this.lines[0] = line;
    this.lines[1] = line;
    this.bytes += size;
    // Bounded by rows and by size: revisions can be megabytes each.
    if (this.rows >= 500 || this.bytes >= 8 * 1024 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows === 0) return;
    try {
      // Each record follows its design (and each comment its link and parent), so writing the
      // tables in this order never inserts a row before the one it points at.
      if (this.designs.length) await this.tx.design.createMany({ data: this.designs });
      if (this.revisions.length) await this.tx.designRevision.createMany({ data: this.revisions });
      if (this.links.length) await this.tx.reviewLink.createMany({ data: this.links });
      if (this.comments.length) await this.tx.comment.createMany({ data: this.comments });
    } catch (error) {
      throw new Error(`lines ${this.lines[0]}–${this.lines[1]}: the database refused them: ${error instanceof Error ? error.message : error}`, { cause: error });
    }
    this.designs = [];
    this.revisions = [];
    this.links = [];
    this.comments = [];
    this.rows = 0;
    this.bytes = 0;
  }
}

/**
 * Restores a dump (its lines, read as they come) into an empty database, or after deleting every
 * design with `replace`, in one transaction: any bad line aborts it and nothing is written.
 * `beforeWrite` runs once the header has been read, before the transaction: the CLI applies the
 * migrations there, so a file that is not a dump changes nothing. Returns what was restored.
 */
export async function restoreDatabase(
  db: Db,
  lines: AsyncIterable<string> | Iterable<string>,
  options: { replace?: boolean; beforeWrite?: () => Promise<unknown> } = {},
): Promise<DumpCounts> {
  const input = numbered(lines);
  const first = await input.next();
  if (first.done) throw new DumpError(1, [problem("header", "the dump is empty")]);
  try {
    const header = parseHeader(first.value.line, first.value.text);
    await options.beforeWrite?.();
    return await db.$transaction(async (tx) => {
      const existing = await tx.design.count();
      if (existing > 0 && !options.replace) throw new DatabaseNotEmptyError(existing);
      // Revisions, links and comments go with their design (ON DELETE CASCADE).
      if (existing > 0) await tx.design.deleteMany();
      const reader = new DumpReader();
      const batch = new Batch(tx);
      for await (const { line, text } of input) await batch.add(reader.read(line, text), line, text.length);
      await batch.flush();
      reader.checkCounts(header.counts);
      return reader.counts;
    }, LONG_TRANSACTION);
  } finally {
    await input.return(undefined); // stop reading the input when a line aborted the restore
  }
}

/** Non-blank lines with their 1-based numbers in the file. */
async function* numbered(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<{ line: number; text: string }> {
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() !== "") yield { line, text };
  }
}

// ---------------------------------------------------------------------------------------------
// The database the CLI works on

/**
 * The database the server uses (DATABASE_URL, else the PGlite directory, whose lock this takes:
 * with the studio running on it this throws DataDirLockedError at once), with `migrate` to apply
 * pending migrations (before a restore). `mustExist` refuses a PGlite directory that is not there
 * (dump), rather than creating an empty database at a mistyped DATA_DIR.
 */
export function openConfiguredDatabase(options: { mustExist?: boolean } = {}): { db: Db; label: string; migrate: () => Promise<string[]>; close: () => Promise<void> } {
  if (options.mustExist && !process.env.DATABASE_URL && !existsSync(pgliteDataDir())) {
    throw new Error(`no PGlite database at ${pgliteDataDir()} (set DATA_DIR to the studio's data directory, or DATABASE_URL for a PostgreSQL server)`);
  }
  const { adapter, close, label } = configuredAdapter();
  const db = createDb(adapter);
  return {
    db,
    label,
    migrate: () => applyMigrations(adapter),
    close: async () => {
      await db.$disconnect();
      await close();
    },
  };
}
