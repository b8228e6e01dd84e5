import { describe, expect, it } from "vitest";
import type { RevisionSummary } from "./comments";
import { historyEntries, IDLE_MS } from "./history";

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 12, 0) + minutes * 60_000).toISOString();
const rev = (version: number, minutes: number, extra: Partial<RevisionSummary> = {}): RevisionSummary => ({ version, name: "d", createdAt: at(minutes), label: null, summary: null, restoredFrom: null, ...extra });

describe("history entries (issue 13: 83 versions in 20 minutes)", () => {
  it("folds a burst of autosaves into its last save; pauses, names, restores and the first version stand alone", () => {
    // Newest first, as the API lists them.
    const revisions = [rev(9, 40), rev(8, 39), rev(7, 30, { label: "for review" }), rev(6, 29), rev(5, 28), rev(4, 10), rev(3, 2), rev(2, 1), rev(1, 0)];
    const entries = historyEntries(revisions);
    expect(entries.map((e) => [e.checkpoint.version, e.folded.map((f) => f.version)])).toEqual([
      [9, [8]],
      [7, []],
      [6, [5]],
      [4, []],
      [3, [2]],
      [1, []],
    ]);
  });

  it("every save is in exactly one line, in order", () => {
    const revisions = Array.from({ length: 83 }, (_, i) => rev(83 - i, (82 - i) / 4)); // 83 saves in 20 minutes
    const entries = historyEntries(revisions);
    expect(entries.length).toBe(2); // the burst, and version 1
    expect(entries.flatMap((e) => [e.checkpoint, ...e.folded]).map((r) => r.version)).toEqual(revisions.map((r) => r.version));
    expect(historyEntries(revisions, IDLE_MS / 1e6).length).toBe(83);
  });
});
