import { describe, expect, it } from "vitest";
import type { RevisionSummary } from "./comments";
import { changeLine, historyEntries, IDLE_MS, mergeNewest, savesOf } from "./history";

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 12, 0) + minutes * 60_000).toISOString();
const rev = (version: number, minutes: number, extra: Partial<RevisionSummary> = {}): RevisionSummary => ({
  version,
  name: "d",
  createdAt: at(minutes),
  updatedAt: at(minutes),
  saves: 1,
  pinned: false,
  label: null,
  summary: null,
  restoredFrom: null,
  ...extra,
});

describe("history entries (issue 13: 83 versions in 20 minutes)", () => {
  it("folds a session of versions into its last one; pauses, names, restores, pins and the first version stand alone", () => {
    // Newest first, as the API lists them.
    const revisions = [rev(12, 50), rev(11, 49, { pinned: true }), rev(9, 40), rev(8, 39), rev(7, 30, { label: "for review" }), rev(6, 29), rev(5, 28), rev(4, 10), rev(3, 2), rev(2, 1), rev(1, 0)];
    const entries = historyEntries(revisions);
    expect(entries.map((e) => [e.checkpoint.version, e.folded.map((f) => f.version)])).toEqual([
      [12, []],
      [11, []],
      [9, [8]],
      [7, []],
      [6, [5]],
      [4, []],
      [3, [2]],
      [1, []],
    ]);
  });

  it("measures the pause from a version's last save (its updatedAt), not its first", () => {
    // v2 was written from minute 1 to minute 9 (folded autosaves); v3 starts at minute 12: a 3-minute pause.
    const revisions = [rev(3, 12), rev(2, 1, { updatedAt: at(9), saves: 40 }), rev(1, 0)];
    const entries = historyEntries(revisions);
    expect(entries.map((e) => e.checkpoint.version)).toEqual([3, 1]);
    expect(savesOf(entries[0])).toBe(41);
  });

  it("every version is in exactly one line, in order", () => {
    const revisions = Array.from({ length: 83 }, (_, i) => rev(83 - i, (82 - i) / 4)); // 83 versions in 20 minutes
    const entries = historyEntries(revisions);
    expect(entries.length).toBe(2); // the session, and version 1
    expect(entries.flatMap((e) => [e.checkpoint, ...e.folded]).map((r) => r.version)).toEqual(revisions.map((r) => r.version));
    expect(historyEntries(revisions, IDLE_MS / 1e6).length).toBe(83);
  });
});

describe("merging the newest page after a save", () => {
  const shown = [rev(7, 10), rev(5, 5), rev(3, 2), rev(1, 0)];
  it("replaces a version that was folded forward", () => {
    // v7 took the save and became v8: the newest page is v8, v5.
    expect(mergeNewest(shown, [rev(8, 10), rev(5, 5)])!.map((r) => r.version)).toEqual([8, 5, 3, 1]);
  });
  it("adds a new version on top", () => {
    expect(mergeNewest(shown, [rev(8, 20), rev(7, 10)])!.map((r) => r.version)).toEqual([8, 7, 5, 3, 1]);
  });
  it("asks for the whole first page when more was saved than the page holds", () => {
    expect(mergeNewest(shown, [rev(12, 40), rev(10, 30)])).toBeNull();
  });
});

describe("versions whose saves changed nothing (\"7 saves · No changes\")", () => {
  const same = { summary: "No changes" };

  it("say they came back to where the version before was, and which version that is", () => {
    const v8 = rev(8, 10, { summary: "+1 node" });
    expect(changeLine(rev(9, 30, { ...same, saves: 7, updatedAt: at(34) }), v8)).toEqual({
      text: "Changed back: same as v8",
      title: "These 7 saves end where v8 was: nothing differs from it",
    });
    expect(changeLine(rev(9, 30, same), v8).text).toBe("Same as v8");
    // The version before it is not loaded yet (the last row of a page).
    expect(changeLine(rev(9, 30, { ...same, saves: 3 }), undefined).text).toBe("Changed back: same as the version before");
    expect(changeLine(rev(9, 30, { restoredFrom: 4, summary: "Restored version 4 (No changes)" }), v8).text).toBe("Restored version 4 (same as v8)");
    // Anything else reads as the server wrote it.
    expect(changeLine(v8, rev(7, 5))).toEqual({ text: "+1 node" });
    expect(changeLine(rev(7, 5), undefined)).toEqual({ text: "—" });
  });

  it("fold under the line above them even after a pause; the versions below keep their own lines", () => {
    // v9: a sitting that moved things and moved them back, between two real sessions.
    const revisions = [rev(12, 60, { summary: "+1 store" }), rev(9, 30, { ...same, saves: 7, updatedAt: at(34) }), rev(8, 10, { summary: "+1 node" }), rev(7, 9), rev(1, 0)];
    expect(historyEntries(revisions).map((e) => [e.checkpoint.version, e.folded.map((f) => f.version)])).toEqual([
      [12, [9]],
      [8, [7]],
      [1, []],
    ]);
  });

  it("stay on their own line when they are the newest version or stand alone (named, pinned, restored)", () => {
    const newest = [rev(9, 30, { ...same, saves: 7 }), rev(8, 10), rev(1, 0)];
    expect(historyEntries(newest).map((e) => e.checkpoint.version)).toEqual([9, 8, 1]);
    const named = [rev(12, 60), rev(9, 30, { ...same, label: "before review" }), rev(8, 10), rev(1, 0)];
    expect(historyEntries(named).map((e) => e.checkpoint.version)).toEqual([12, 9, 8, 1]);
  });

  it("fold with their own session's versions when the session goes on above them", () => {
    const revisions = [rev(12, 31), rev(11, 30, same), rev(10, 29), rev(1, 0)];
    expect(historyEntries(revisions).map((e) => [e.checkpoint.version, e.folded.map((f) => f.version)])).toEqual([
      [12, [11, 10]],
      [1, []],
    ]);
  });
});
