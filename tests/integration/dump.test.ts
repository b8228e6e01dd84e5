/**
 * `db dump` / `db restore`: a faithful round trip (same bytes again, review links still open),
 * refusals that write nothing, PGlite ⇄ PostgreSQL, and the real CLI on PGlite directories.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dynamoRing } from "@/lib/design/examples/dynamo-ring";
import { raftLedger } from "@/lib/design/examples/raft-ledger";
import type { Db } from "@/lib/server/db";
import { createDesign, updateDesign } from "@/lib/server/designs";
import { DatabaseNotEmptyError, DumpError, dumpDatabase, NOT_DUMPED, NOT_DUMPED_COLUMNS, RECORD_TYPES, restoreDatabase } from "@/lib/server/dump";
import { Prisma } from "@/lib/server/generated/prisma/client.ts";
import { labelRevision, restoreRevision } from "@/lib/server/history";
import { createReviewLink, openReview, postOwnerComment, postReviewComment, revokeReviewLink, setThreadResolved } from "@/lib/server/review";
import { freshDb, type TestDb } from "./test-db";

async function dumpText(db: Db): Promise<string> {
  let out = "";
  await dumpDatabase(db, (text) => {
    out += text;
  });
  return out;
}

/** The dump with its header's createdAt blanked: the only bytes two dumps of the same data may differ in. */
const sameData = (dump: string) => dump.replace(/^(\{"format":"quorum-studio-dump","version":1,"createdAt":)"[^"]*"/, '$1""');

async function tableCounts(db: Db) {
  return { designs: await db.design.count(), revisions: await db.designRevision.count(), reviewLinks: await db.reviewLink.count(), comments: await db.comment.count() };
}

/** freshDb() on in-memory PGlite even when TEST_DATABASE_URL names a server (it reads the variable before its first await). */
function freshPglite(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  delete process.env.TEST_DATABASE_URL;
  try {
    return freshDb();
  } finally {
    if (url !== undefined) process.env.TEST_DATABASE_URL = url;
  }
}

/** Everything a studio holds: saves, a named and a restored version, pinned/expiring/revoked links, threads, a resolved one. */
async function populate(db: Db): Promise<{ token: string; pinnedToken: string }> {
  const ledger = await createDesign(db, raftLedger);
  const edited = structuredClone(raftLedger);
  edited.name = "Global ledger, edited";
  await updateDesign(db, ledger.id, { baseVersion: 1, document: edited });
  await labelRevision(db, ledger.id, 1, { label: "v1 for review" });
  await restoreRevision(db, ledger.id, 1, { baseVersion: 2 });
  const cart = await createDesign(db, dynamoRing);

  const { token } = await createReviewLink(db, ledger.id, { label: "for the DB team", expiresInDays: 30 });
  const { token: pinnedToken } = await createReviewLink(db, ledger.id, { pinnedVersion: 1 });
  const revoked = await createReviewLink(db, ledger.id, {});
  await revokeReviewLink(db, ledger.id, revoked.link.id);
  await openReview(db, token);

  const thread = await postOwnerComment(db, ledger.id, { author: "Ada", body: "Why three regions?", target: { kind: "store", id: "ledger" } });
  await postReviewComment(db, token, async () => ({ author: "Grace", body: "Survive a region — see the checklist.", parentId: thread.id }), null);
  const other = await postReviewComment(db, token, async () => ({ author: "Grace", body: "Looks right 👍\nsecond line, \"quoted\"" }), null);
  await setThreadResolved(db, ledger.id, other.id, { resolved: true });
  await postOwnerComment(db, cart.id, { author: "Ada", body: "Sloppy quorums on purpose?" });
  return { token, pinnedToken };
}

let source: TestDb;
let dump: string;
let tokens: { token: string; pinnedToken: string };

beforeAll(async () => {
  source = await freshDb();
  tokens = await populate(source.db);
  dump = await dumpText(source.db);
});
afterAll(() => source?.close());

describe("db dump", () => {
  it("covers every table on purpose, with every column", () => {
    const models = Object.values(RECORD_TYPES).map((r) => r.model as string);
    for (const model of Object.values(Prisma.ModelName) as string[]) {
      expect(models.includes(model) || model in NOT_DUMPED, `${model} is neither dumped nor in NOT_DUMPED`).toBe(true);
    }
    const columns: Record<string, Record<string, string>> = {
      Design: Prisma.DesignScalarFieldEnum,
      DesignRevision: Prisma.DesignRevisionScalarFieldEnum,
      ReviewLink: Prisma.ReviewLinkScalarFieldEnum,
      Comment: Prisma.CommentScalarFieldEnum,
    };
    for (const { model, schema } of Object.values(RECORD_TYPES)) {
      const dumped = Object.values(columns[model]).filter((c) => !(NOT_DUMPED_COLUMNS[model] ?? []).includes(c));
      expect(Object.keys(schema.shape).filter((k) => k !== "type").sort(), model).toEqual(dumped.sort());
    }
  });

  it("writes a header with the counts, then each design followed by its records", async () => {
    const lines = dump.trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(lines[0]).toEqual({ format: "quorum-studio-dump", version: 1, createdAt: expect.any(String), counts: await tableCounts(source.db) });
    expect(lines[0].counts).toEqual({ designs: 2, revisions: 4, reviewLinks: 3, comments: 4 });
    expect(lines.slice(1).map((l) => l.type)).toEqual(["design", "revision", "revision", "revision", "reviewLink", "reviewLink", "reviewLink", "comment", "comment", "comment", "design", "revision", "comment"]);
    const [, ledger, , , restored, link] = lines;
    expect(ledger).toMatchObject({ name: "Global ledger (3-region Raft)", version: 3, verdict: "SOUND", updatedAt: expect.stringMatching(/Z$/) });
    expect(restored).toMatchObject({ version: 3, restoredFrom: 1, summary: expect.stringContaining("Restored version 1") });
    // Only the hash: a dump holds no usable link.
    expect(link.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(dump).not.toContain(tokens.token);
    // A reply comes after the comment it answers.
    const comments = lines.filter((l) => l.type === "comment");
    expect(comments.findIndex((c) => c.parentId !== null)).toBeGreaterThan(comments.findIndex((c) => c.body === "Why three regions?"));
  });
});

describe("db restore", () => {
  it("round trip: restoring into a fresh database and dumping again gives the same bytes, and links still open", async () => {
    const target = await freshDb();
    try {
      expect(await restoreDatabase(target.db, dump.split("\n"))).toEqual({ designs: 2, revisions: 4, reviewLinks: 3, comments: 4 });
      expect(sameData(await dumpText(target.db))).toBe(sameData(dump));
      const review = await openReview(target.db, tokens.token);
      expect(review).toMatchObject({ name: "Global ledger (3-region Raft)", version: 3 });
      expect(await openReview(target.db, tokens.pinnedToken)).toMatchObject({ version: 1, pinned: { version: 1, label: "v1 for review" } });
    } finally {
      await target.close();
    }
  });

  it("refuses a database that holds designs; --replace deletes them first", async () => {
    const target = await freshDb();
    try {
      await createDesign(target.db, dynamoRing);
      const before = await dumpText(target.db);
      await expect(restoreDatabase(target.db, dump.split("\n"))).rejects.toThrow(DatabaseNotEmptyError);
      await expect(restoreDatabase(target.db, dump.split("\n"))).rejects.toThrow("the database already holds 1 design: restore into an empty database, or pass --replace");
      expect(sameData(await dumpText(target.db))).toBe(sameData(before));
      await restoreDatabase(target.db, dump.split("\n"), { replace: true });
      expect(sameData(await dumpText(target.db))).toBe(sameData(dump));
    } finally {
      await target.close();
    }
  });

  it("a bad line aborts the whole restore with its number and field, and nothing is written", async () => {
    const lines = dump.trimEnd().split("\n");
    const header = JSON.parse(lines[0]);
    const revision = JSON.parse(lines[2]);
    // 600 more revisions of the first design: the restore writes a batch of rows before it meets the bad line.
    const filler = Array.from({ length: 600 }, (_, i) => JSON.stringify({ ...revision, id: randomUUID(), version: 100 + i }));
    const withBadLine = (bad: string) => [JSON.stringify({ ...header, counts: { ...header.counts, designs: 1, revisions: 601 } }), lines[1], ...filler, bad];
    const badLine = 603;
    const brokenDocument = structuredClone(revision.document);
    brokenDocument.stores[0].replicas[2] = "pg9";

    const cases: [string, string, string][] = [
      ['{"type":"revision",', "", "not valid JSON"],
      [JSON.stringify({ type: "session", id: "x" }), "type", 'must be one of "design", "revision", "reviewLink", "comment" (got "session")'],
      [JSON.stringify({ ...revision, version: 9999, document: brokenDocument }), "revision.document.stores[0].replicas[2]", 'unknown node "pg9"'],
      [JSON.stringify({ ...revision, id: randomUUID(), version: 9999, createdAt: "yesterday" }), "revision.createdAt", "not a UTC timestamp"],
      [JSON.stringify({ ...revision, id: randomUUID(), version: 9999, extra: 1 }), "revision", "unknown field(s) extra"],
      [JSON.stringify({ ...revision, id: randomUUID(), version: 100 }), "revision.version", "100 appears twice"],
      [JSON.stringify({ ...revision, id: randomUUID(), version: 9999, designId: "someOtherDesignId00000" }), "revision.designId", "belong to design"],
      [JSON.stringify({ ...JSON.parse(lines.find((l) => l.includes('"type":"comment"'))!), parentId: "nope" }), "comment.parentId", 'no comment "nope" before this line'],
    ];
    const target = await freshDb();
    try {
      for (const [bad, field, message] of cases) {
        const error = await restoreDatabase(target.db, withBadLine(bad)).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, bad).toBeInstanceOf(DumpError);
        expect((error as DumpError).line).toBe(badLine);
        expect((error as DumpError).field).toBe(field);
        expect((error as Error).message).toContain(`line ${badLine}: ${field ? `${field}: ` : ""}`);
        expect((error as Error).message).toContain(message);
        expect(await tableCounts(target.db)).toEqual({ designs: 0, revisions: 0, reviewLinks: 0, comments: 0 });
      }
      // A file cut short: the header's counts say so.
      const truncated = await restoreDatabase(target.db, lines.slice(0, -2)).catch((e: unknown) => e);
      expect(truncated).toBeInstanceOf(DumpError);
      expect((truncated as Error).message).toMatch(/^line 1: header\.counts\.revisions: is 4 but the dump holds 3 .*; header\.counts\.comments: is 4 but the dump holds 3/);
      expect(await tableCounts(target.db)).toEqual({ designs: 0, revisions: 0, reviewLinks: 0, comments: 0 });
      // Not a dump at all: refused before the migrations would run (beforeWrite).
      const beforeWrite = vi.fn(async () => {});
      await expect(restoreDatabase(target.db, [lines[1]], { beforeWrite })).rejects.toThrow('line 1: header.format: is missing: a dump starts with the header line {"format":"quorum-studio-dump",…}');
      expect(beforeWrite).not.toHaveBeenCalled();
      await expect(restoreDatabase(target.db, ["", JSON.stringify(raftLedger)])).rejects.toThrow('line 2: header.format: is "quorum-studio/design@1"');
      await expect(restoreDatabase(target.db, [JSON.stringify({ ...header, version: 2 })])).rejects.toThrow("line 1: header.version: this quorum-studio reads version 1 dumps");

      // With --replace, a bad line leaves the designs that were there.
      await restoreDatabase(target.db, dump.split("\n"));
      await expect(restoreDatabase(target.db, withBadLine('{"type":'), { replace: true })).rejects.toThrow(`line ${badLine}: not valid JSON`);
      expect(sameData(await dumpText(target.db))).toBe(sameData(dump));
    } finally {
      await target.close();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("moves PGlite → PostgreSQL → PGlite with the same bytes", async () => {
    const pglite = await freshPglite();
    const server = await freshDb();
    const back = await freshPglite();
    try {
      expect([pglite.dialect, server.dialect, back.dialect]).toEqual(["pglite", "postgresql", "pglite"]);
      await populate(pglite.db);
      const first = await dumpText(pglite.db);
      await restoreDatabase(server.db, first.split("\n"));
      const onServer = await dumpText(server.db);
      expect(sameData(onServer)).toBe(sameData(first));
      await restoreDatabase(back.db, onServer.split("\n"));
      expect(sameData(await dumpText(back.db))).toBe(sameData(first));
    } finally {
      await Promise.all([pglite.close(), server.close(), back.close()]);
    }
  });
});

describe("quorum-studio db (the real CLI on PGlite directories)", () => {
  const run = promisify(execFile);
  const bin = path.resolve("bin/quorum-studio.mjs");
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "qs-dump-"));
    await writeFile(path.join(dir, "source.jsonl"), dump);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function cli(dataDir: string, args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, dataDir) };
    delete env.DATABASE_URL;
    // From the project root, like the studio (the migrations are read from ./prisma); files by absolute path.
    const child = run(process.execPath, [bin, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    if (stdin !== undefined) child.child.stdin!.end(stdin);
    try {
      const { stdout, stderr } = await child;
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("dump, then restore into another DATA_DIR; refuses a non-empty database and a directory in use", { timeout: 180_000 }, async () => {
    const seeded = await cli("a", ["db", "restore", "--in", path.join(dir, "source.jsonl")]);
    expect(seeded, seeded.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining("Restored 2 designs (4 revisions, 3 review links, 4 comments) into PGlite at") });

    const dumped = await cli("a", ["db", "dump", "--out", path.join(dir, "out", "a.jsonl")]);
    expect(dumped.code, dumped.stderr).toBe(0);
    expect(dumped.stderr).toContain("Dumped 2 designs (4 revisions, 3 review links, 4 comments) from PGlite at");
    const a = await readFile(path.join(dir, "out", "a.jsonl"), "utf8");
    expect(sameData(a)).toBe(sameData(dump));
    expect((await stat(path.join(dir, "out", "a.jsonl"))).mode & 0o777).toBe(0o600); // every design and comment: owner-only

    // Standard input into a second directory, standard output back out of it.
    const restored = await cli("b", ["db", "restore"], a);
    expect(restored.code, restored.stderr).toBe(0);
    const b = await cli("b", ["db", "dump"]);
    expect(b.code, b.stderr).toBe(0);
    expect(sameData(b.stdout)).toBe(sameData(dump));

    const again = await cli("b", ["db", "restore", "--in", path.join(dir, "out", "a.jsonl")]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("the database already holds 2 designs");

    // The studio running on the directory (here: this live process holds its lock) → the lock's message, at once.
    await writeFile(path.join(dir, "b.lock"), JSON.stringify({ pid: process.pid, host: hostname(), since: "2026-12-01T00:00:00.000Z", command: "next start" }));
    const locked = await cli("b", ["db", "dump", "--out", path.join(dir, "locked.jsonl")]);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain(`is in use by another Quorum Studio process (pid ${process.pid}`);
    await expect(readFile(path.join(dir, "locked.jsonl.partial"))).rejects.toThrow();
    await expect(readFile(path.join(dir, "locked.jsonl"))).rejects.toThrow();
    await rm(path.join(dir, "b.lock"));

    const bad = await cli("c", ["db", "restore", "--in", path.join(dir, "source.jsonl"), "--out", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("db restore: unknown option --out");
    const missing = await cli("c", ["db", "dump"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`no PGlite database at ${path.join(dir, "c")}`);
  });
});
