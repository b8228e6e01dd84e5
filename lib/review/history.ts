/**
 * The History list as people read it: versions that mean something, with the autosaves between
 * them folded in. Every save stays stored (and a click away); the list shows a checkpoint per
 * working burst — the last save before a pause of IDLE_MS or more — plus every named, restored and
 * first version on its own line.
 */
import type { RevisionSummary } from "./comments";

/** A pause this long ends a working burst. */
export const IDLE_MS = 5 * 60_000;

export interface HistoryEntry {
  /** The version the line stands for. */
  checkpoint: RevisionSummary;
  /** The autosaves that led to it since the previous line, newest first. */
  folded: RevisionSummary[];
}

const standsAlone = (r: RevisionSummary) => r.label !== null || r.restoredFrom !== null || r.version === 1;

/** `revisions` newest first (as the API lists them) → lines, newest first. */
export function historyEntries(revisions: readonly RevisionSummary[], idleMs = IDLE_MS): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const [i, r] of revisions.entries()) {
    const newer = revisions[i - 1];
    const current = entries.at(-1);
    const sameBurst = newer !== undefined && Date.parse(newer.createdAt) - Date.parse(r.createdAt) < idleMs;
    if (current && sameBurst && !standsAlone(r) && !standsAlone(newer)) current.folded.push(r);
    else entries.push({ checkpoint: r, folded: [] });
  }
  return entries;
}
