/**
 * Revision coalescing (issue 13, docs/adr/0003-revision-coalescing.md): every save still bumps the
 * design's version (the optimistic-concurrency token), but the autosaves of one sitting fold into
 * one revision row. The clock is injected: nothing here sleeps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emptyDesign, nudgeNodes, renameDesign, updateNode } from "@/lib/design/commands";
import { raftLedger } from "@/lib/design/examples/raft-ledger";
import type { Design } from "@/lib/design/schema";
import { setClockForTests } from "@/lib/server/clock";
import { createDesign, getDesign, updateDesign, type SavedVersion } from "@/lib/server/designs";
import { getRevision, keptVersion, labelRevision, listRevisions, restoreRevision } from "@/lib/server/history";
import { createReviewLink, openReview, postOwnerComment } from "@/lib/server/review";
import { ConflictError } from "@/lib/server/errors";
import { freshDb, type TestDb } from "./test-db";

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t?.close());

/** A hand-turned clock: `advance(ms)` moves time on. */
let clockMs = Date.UTC(2026, 11, 1, 9, 0);
setClockForTests(() => new Date(clockMs));
const advance = (ms: number) => (clockMs += ms);
afterEach(() => advance(24 * 3600_000)); // each test starts a day later: no burst carries over
afterAll(() => setClockForTests(null));

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The design as a sequence of saves; `save` names the version it is based on, as the studio does. */
async function session(start: Design = raftLedger) {
  const created = await createDesign(t.db, start);
  let version = created.version;
  let document = created.document;
  let n = 0;
  return {
    id: created.id,
    get version() {
      return version;
    },
    get document() {
      return document;
    },
    /** An edit the analysis reads (the first node's name). */
    async edit(after = 2 * SECOND): Promise<SavedVersion> {
      advance(after);
      n += 1;
      const next = updateNode(document, document.nodes![0].id, { name: `edit ${n}` });
      return this.put(next);
    },
    /** A drag: positions only. */
    async move(after = 2 * SECOND): Promise<SavedVersion> {
      advance(after);
      return this.put(nudgeNodes(document, [document.nodes![0].id], 8, 0));
    },
    async put(next: Design): Promise<SavedVersion> {
      const saved = await updateDesign(t.db, created.id, { baseVersion: version, document: next });
      version = saved.version;
      document = next;
      return saved;
    },
    async versions() {
      return (await listRevisions(t.db, created.id, { limit: "200" })).revisions;
    },
  };
}

describe("revision coalescing", () => {
  it("a burst of autosaves makes one revision; the design's version still counts every save", async () => {
    const s = await session();
    const results: SavedVersion[] = [];
    for (let i = 0; i < 10; i++) results.push(await s.edit(5 * SECOND));
    expect(s.version).toBe(11);
    expect((await getDesign(t.db, s.id)).version).toBe(11);
    const list = await s.versions();
    expect(list.map((r) => [r.version, r.saves])).toEqual([
      [11, 10],
      [1, 1],
    ]);
    // The folded row holds the latest document, and its change line is against the version kept before it.
    expect((await getRevision(t.db, s.id, 11)).document).toEqual(s.document);
    expect(list[0].summary).toBe("1 node changed");
    expect(list[0].createdAt).toBe(results[0].revision.createdAt); // the burst's start
    expect(Date.parse(list[0].updatedAt) - Date.parse(list[0].createdAt)).toBe(45 * SECOND);
    // The save's answer says which version its row replaced.
    expect(results[0]).toMatchObject({ version: 2, replaced: null, revision: { version: 2, saves: 1 } });
    expect(results[9]).toMatchObject({ version: 11, replaced: 10, revision: { version: 11, saves: 10 } });
  });

  it("a pause of over a minute starts a new revision", async () => {
    const s = await session();
    await s.edit();
    await s.edit(59 * SECOND); // folds
    await s.edit(61 * SECOND); // new row
    await s.edit();
    expect((await s.versions()).map((r) => [r.version, r.saves])).toEqual([
      [5, 2],
      [3, 2],
      [1, 1],
    ]);
  });

  it("a long sitting still yields a checkpoint every ten minutes", async () => {
    const s = await session();
    for (let i = 0; i < 12 * 2; i++) await s.edit(30 * SECOND); // 12 minutes, a save every 30 s
    const rows = await s.versions();
    expect(rows).toHaveLength(3); // v1 + two bursts of at most 10 minutes
    for (const r of rows) expect(Date.parse(r.updatedAt) - Date.parse(r.createdAt)).toBeLessThan(10 * MINUTE);
  });

  it("never folds into a named version, a restore or the creation", async () => {
    const s = await session();
    await s.edit();
    await labelRevision(t.db, s.id, 2, { label: "for review" });
    await s.edit();
    await s.edit();
    expect((await s.versions()).map((r) => [r.version, r.label, r.saves])).toEqual([
      [4, null, 2],
      [2, "for review", 1],
      [1, null, 1],
    ]);
    expect((await getRevision(t.db, s.id, 2)).document.nodes![0].name).toBe("edit 1");

    const restored = await restoreRevision(t.db, s.id, 1, { baseVersion: 4 });
    expect(restored).toMatchObject({ version: 5, replaced: null });
    advance(2 * SECOND);
    await updateDesign(t.db, s.id, { baseVersion: 5, document: renameDesign(restored.document, "after the restore") });
    expect((await s.versions()).map((r) => [r.version, r.restoredFrom, r.saves])).toEqual([
      [6, null, 1],
      [5, 1, 1],
      [4, null, 2],
      [2, null, 1],
      [1, null, 1],
    ]);
  });

  it("never folds a version a review link pins or a comment was written on", async () => {
    const s = await session();
    await s.edit();
    const { token } = await createReviewLink(t.db, s.id, { pinnedVersion: 2 });
    await s.edit();
    await s.edit();
    expect((await s.versions()).map((r) => [r.version, r.pinned])).toEqual([
      [4, false],
      [2, true],
      [1, false],
    ]);
    // The link still shows exactly what it pinned.
    expect((await openReview(t.db, token)).document.nodes![0].name).toBe("edit 1");

    await postOwnerComment(t.db, s.id, { author: "Ann", body: "why this name?" });
    await s.edit(); // v4 carries a comment: v5 is a new row
    expect((await s.versions()).map((r) => r.version)).toEqual([5, 4, 2, 1]);
  });

  it("layout-only saves fold into the previous ordinary version whatever the time", async () => {
    const s = await session();
    await s.edit();
    await s.move(2 * 3600_000); // two hours later, only a drag
    await s.move(30 * MINUTE);
    const rows = await s.versions();
    expect(rows.map((r) => [r.version, r.saves])).toEqual([
      [4, 3],
      [1, 1],
    ]);
    expect(rows[0].summary).toBe("1 node changed, layout");
    // …but not into a named one.
    await labelRevision(t.db, s.id, 4, { label: "tidy" });
    await s.move(5 * SECOND);
    expect((await s.versions())[0]).toMatchObject({ version: 5, saves: 1, summary: "layout only" });
    // A real edit after a pause is a version of its own; one within the minute folds into the drag's.
    await s.edit(2 * MINUTE);
    expect((await s.versions()).map((r) => r.version)).toEqual([6, 5, 4, 1]);
    await s.edit(10 * SECOND);
    expect((await s.versions()).map((r) => [r.version, r.summary])).toEqual([
      [7, "1 node changed"],
      [5, "layout only"],
      [4, "1 node changed, layout"],
      [1, "Created"],
    ]);
  });

  it("a save marked newVersion (edits merged onto a version saved elsewhere) leaves that version standing", async () => {
    const s = await session();
    await s.edit();
    advance(2 * SECOND);
    const merged = await updateDesign(t.db, s.id, { baseVersion: 2, document: renameDesign(s.document, "merged"), newVersion: true });
    expect(merged).toMatchObject({ version: 3, replaced: null });
    expect((await s.versions()).map((r) => r.version)).toEqual([3, 2, 1]);
  });

  it("a folded version's number leads to the version that holds it", async () => {
    const s = await session();
    await s.edit();
    await s.edit(); // v2 folded into v3
    await expect(getRevision(t.db, s.id, 2)).rejects.toThrow();
    expect(await keptVersion(t.db, s.id, 2)).toBe(3);
    expect(await keptVersion(t.db, s.id, 3)).toBe(3);
    expect(await keptVersion(t.db, s.id, 4)).toBeNull();
  });

  it("409 still works exactly: a stale base version is refused, folded or not, and two racing saves get one winner", async () => {
    const s = await session(emptyDesign("Conflicts"));
    await s.put(renameDesign(s.document, "Conflicts 1"));
    await s.put(renameDesign(s.document, "Conflicts 2"));
    await s.put(renameDesign(s.document, "Conflicts 3")); // folds: version 2's row became 3's, then 4's
    expect(s.version).toBe(4);
    for (const stale of [1, 2, 3]) {
      const refused = await updateDesign(t.db, s.id, { baseVersion: stale, document: renameDesign(s.document, "stale") }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ConflictError);
      expect((refused as ConflictError).status).toBe(409);
      expect((refused as ConflictError).details).toMatchObject({ currentVersion: 4 });
    }
    const race = await Promise.allSettled([
      updateDesign(t.db, s.id, { baseVersion: 4, document: renameDesign(s.document, "tab A") }),
      updateDesign(t.db, s.id, { baseVersion: 4, document: renameDesign(s.document, "tab B") }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const winner = (race.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<SavedVersion>).value;
    const current = await getDesign(t.db, s.id);
    expect(current).toMatchObject({ version: 5, name: winner.name });
    expect((await getRevision(t.db, s.id, 5)).name).toBe(winner.name);
    // Nothing of the loser was written.
    expect((await s.versions()).map((r) => r.version)).toEqual([5, 1]);
  });

  it("pages the history: ?before and ?limit, with the next page's cursor", async () => {
    const s = await session();
    for (let i = 0; i < 6; i++) await s.edit(2 * MINUTE); // 6 versions of their own
    const first = await listRevisions(t.db, s.id, { limit: "3" });
    expect(first.revisions.map((r) => r.version)).toEqual([7, 6, 5]);
    expect(first.next).toBe(5);
    const second = await listRevisions(t.db, s.id, { before: String(first.next), limit: "3" });
    expect(second.revisions.map((r) => r.version)).toEqual([4, 3, 2]);
    const last = await listRevisions(t.db, s.id, { before: String(second.next), limit: "3" });
    expect(last).toMatchObject({ revisions: [{ version: 1 }], next: null });
    expect((await listRevisions(t.db, s.id)).revisions).toHaveLength(7); // default page: 50
    await labelRevision(t.db, s.id, 3, { label: "named" });
    expect((await listRevisions(t.db, s.id, { named: "1" })).revisions.map((r) => r.version)).toEqual([3]);
    await expect(listRevisions(t.db, s.id, { limit: "0" })).rejects.toMatchObject({ status: 400 });
    await expect(listRevisions(t.db, s.id, { limit: "5000" })).rejects.toMatchObject({ status: 400 });
  });

  it("measured: a scripted 20-minute editing session of 600 saves", async () => {
    // Every 2 s for 20 minutes; a third of the saves are drags; two coffee pauses of 3 minutes.
    const s = await session();
    let saves = 0;
    for (let i = 0; i < 600; i++) {
      const after = i === 200 || i === 400 ? 3 * MINUTE : 2 * SECOND;
      if (i % 3 === 2) await s.move(after);
      else await s.edit(after);
      saves += 1;
    }
    const rows = await s.versions();
    const written = rows.length - 1; // beside the creation
    console.log(`[issue 13] 600 saves over ${Math.round((clockMs - Date.parse(rows.at(-1)!.createdAt)) / MINUTE)} min → ${written} revisions (was ${saves})`);
    expect(s.version).toBe(601);
    expect(rows.reduce((n, r) => n + r.saves, 0)).toBe(601);
    expect(written).toBeLessThanOrEqual(6);
  }, 180_000);
});
