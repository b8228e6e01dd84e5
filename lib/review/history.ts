/**
 * The History list as people read it: versions that mean something. The server already folds the
 * autosaves of one sitting into one version (docs/adr/0003-revision-coalescing.md: under a minute
 * apart, at most ten minutes long, layout-only saves always); this list goes one step further and
 * shows one line per working session — versions less than IDLE_MS apart fold under the newest —
 * with every named, restored, pinned and first version on its own line, exactly the versions the
 * server never folds into. Every kept version stays a click away.
 */
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

/** `revisions` newest first (as the API lists them) → lines, newest first. */
export function historyEntries(revisions: readonly RevisionSummary[], idleMs = IDLE_MS): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const [i, r] of revisions.entries()) {
    const newer = revisions[i - 1];
    const current = entries.at(-1);
    // The pause between this version's last save and the first save of the newer one.
    const sameSession = newer !== undefined && Date.parse(newer.createdAt) - Date.parse(r.updatedAt ?? r.createdAt) < idleMs;
    if (current && sameSession && !standsAlone(r) && !standsAlone(newer)) current.folded.push(r);
    else entries.push({ checkpoint: r, folded: [] });
  }
  return entries;
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
