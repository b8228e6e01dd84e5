/**
 * The History list as people read it: versions that mean something. The server already folds the
 * autosaves of one sitting into one version (docs/adr/0003-revision-coalescing.md: under a minute
 * apart, at most ten minutes long, layout-only saves always); this list goes one step further and
 * shows one line per working session — versions less than IDLE_MS apart fold under the newest —
 * with every named, restored, pinned and first version on its own line, exactly the versions the
 * server never folds into. A version that ends exactly where the one before it was (its edits
 * undone, its moves moved back) says so and folds under the line above it, whatever the pause: it
 * adds nothing to read. Every kept version stays a click away.
 */
import { NO_CHANGES } from "../design/diff";
import type { RevisionSummary } from "./comments";

/** A pause this long ends a working session. */
export const IDLE_MS = 5 * 60_000;

export interface HistoryEntry {
  /** The version the line stands for. */
  checkpoint: RevisionSummary;
  /** The versions that led to it since the previous line, newest first. */
  folded: RevisionSummary[];
}

/** The server's rule (lib/server/designs.ts `ordinary` + `referenced`): these versions are checkpoints. */
export const standsAlone = (r: RevisionSummary) => r.label !== null || r.restoredFrom !== null || r.version === 1 || r.pinned;

/**
 * True when a version's document is the same as the version before it (the server's change line
 * for identical documents): saves whose edits cancelled out.
 */
export const unchanged = (r: RevisionSummary) => r.summary === NO_CHANGES;

/** `revisions` newest first (as the API lists them) → lines, newest first. */
export function historyEntries(revisions: readonly RevisionSummary[], idleMs = IDLE_MS): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  // Lines that took an unchanged version from another session: the next older version starts its own.
  const closed = new Set<HistoryEntry>();
  for (const [i, r] of revisions.entries()) {
    const newer = revisions[i - 1];
    const current = entries.at(-1);
    // The pause between this version's last save and the first save of the newer one.
    const sameSession = newer !== undefined && Date.parse(newer.createdAt) - Date.parse(r.updatedAt ?? r.createdAt) < idleMs;
    const joins = current !== undefined && !closed.has(current) && sameSession && !standsAlone(r) && !standsAlone(newer);
    if (current && (joins || (unchanged(r) && !standsAlone(r)))) {
      current.folded.push(r);
      if (!joins) closed.add(current);
    } else entries.push({ checkpoint: r, folded: [] });
  }
  return entries;
}

/**
 * What the "What changed" cell says for `r`, given the version listed below it (`before`, the
 * one its change line compares with; undefined when not loaded). The server's line, except for a
 * version identical to the one before it, where "No changes" beside "7 saves" reads as a fault:
 * it says the saves came back to where they started, and to which version.
 *
 * @example changeLine({ ...v9, summary: "No changes", saves: 7 }, v8) // { text: "Changed back: same as v8", title: "These 7 saves end where v8 was: nothing differs from it" }
 */
export function changeLine(r: RevisionSummary, before: RevisionSummary | undefined): { text: string; title?: string } {
  const summary = r.summary ?? "—";
  const previous = before ? `v${before.version}` : "the version before";
  if (r.restoredFrom !== null && summary.endsWith(`(${NO_CHANGES})`)) {
    return { text: `Restored version ${r.restoredFrom} (same as ${previous})`, title: `Version ${r.restoredFrom} was the same as ${previous}: restoring it changed nothing` };
  }
  if (!unchanged(r)) return { text: summary };
  if (r.saves > 1) return { text: `Changed back: same as ${previous}`, title: `These ${r.saves} saves end where ${previous} was: nothing differs from it` };
  return { text: `Same as ${previous}`, title: `Nothing differs from ${previous}` };
}

/** How many saves a line stands for: its versions and the autosaves the server folded into them. */
export function savesOf(entry: HistoryEntry): number {
  return [entry.checkpoint, ...entry.folded].reduce((n, r) => n + (r.saves ?? 1), 0);
}

/**
 * The newest page fetched after a save, merged into the list on screen without refetching it:
 * only the latest version can have changed (folded forward into a new number), so everything below
 * the page's oldest version is kept. Null when the page does not reach the list's kept part (more
 * was saved than one page holds): fetch the first page again.
 */
export function mergeNewest(shown: readonly RevisionSummary[], newest: readonly RevisionSummary[]): RevisionSummary[] | null {
  if (newest.length === 0) return [...shown];
  const floor = newest[newest.length - 1].version;
  // shown[0] may have been folded forward since; everything below it never changes. The page must
  // reach shown[0]'s number (then it holds shown[0] or what replaced it) to tell which.
  if (shown.length > 0 && floor > shown[0].version) return null;
  return [...newest, ...shown.filter((r) => r.version < floor)];
}
