/**
 * Autosave: a short moment after the last edit, PUT the design with the version it was based on.
 * - success → Saved (or save again if the user kept editing meanwhile);
 * - 409 → fetch the version saved elsewhere and merge the edits onto it (lib/store/rebase.ts):
 *   a clean merge is saved on top of it at once; conflicting fields stop saving until the user
 *   keeps theirs or mine (never a silent overwrite, never edits thrown away);
 * - 400 → Error, not retried (the server refused the document; retrying cannot help);
 * - anything else (offline, 5xx) → Error — retrying, with exponential backoff up to 30 s.
 */
import type { IdRename } from "../design/ids";
import type { Design } from "../design/schema";
import { rebaseOnto, type Theirs } from "./rebase";
import { carryIdentities, renamesBetween, trackIdentities } from "./renames";
import type { StudioStore } from "./studio-store";

/**
 * `renames`: the ids edited since the last successful save, so the server moves comments with them.
 * `newVersion`: the edits were merged onto a version saved elsewhere, which must stay a version of
 * its own rather than take this save (docs/adr/0003-revision-coalescing.md).
 */
export type SaveFn = (id: string, baseVersion: number, design: Design, renames: IdRename[], newVersion?: boolean) => Promise<{ version: number }>;
export interface SaveFailure {
  status?: number;
  message: string;
  details?: Record<string, unknown>;
}

/** The design as saved now, fetched after a 409 to merge with. */
export type FetchLatest = (id: string) => Promise<Theirs>;

export function startAutosave(store: StudioStore, save: SaveFn, options: { debounceMs?: number; maxBackoffMs?: number; fetchLatest?: FetchLatest } = {}) {
  const debounceMs = options.debounceMs ?? 600;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let again = false;
  let attempt = 0;
  let lastSaved = store.getState().design;
  /** Set by a merge after a 409, until the merged design is saved. */
  let merged = false;
  trackIdentities(lastSaved);

  function schedule(ms: number) {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), ms);
  }

  async function flush(): Promise<void> {
    clearTimeout(timer);
    if (inFlight) {
      again = true;
      return;
    }
    const { design, designId, baseVersion, save: state } = store.getState();
    if (state.status === "conflict" || design === lastSaved) return;
    inFlight = true;
    store.getState().setSave({ status: "saving" });
    try {
      const result = await save(designId, baseVersion, design, renamesBetween(lastSaved, design), merged || undefined);
      lastSaved = design;
      merged = false;
      attempt = 0;
      const changedSince = store.getState().design !== design;
      store.getState().setSave({ status: changedSince ? "dirty" : "saved" }, result.version, design);
      if (changedSince) schedule(debounceMs);
    } catch (raw) {
      const error = raw as SaveFailure;
      if (error.status === 409) {
        const serverVersion = typeof error.details?.currentVersion === "number" ? error.details.currentVersion : undefined;
        const latest = options.fetchLatest ? await options.fetchLatest(designId).catch(() => null) : null;
        // `lastSaved` stays the old base: the renames sent with the next save are counted from it.
        if (latest) merged = rebaseOnto(store, latest, error.message) || merged;
        else store.getState().setSave({ status: "conflict", message: error.message, serverVersion });
      } else if (error.status === 400 || error.status === 413) {
        store.getState().setSave({ status: "error", message: `Not saved: ${error.message}` });
      } else {
        attempt += 1;
        const delay = Math.min(maxBackoffMs, 1000 * 2 ** (attempt - 1));
        store.getState().setSave({ status: "error", message: error.message || "Could not reach the server", retryAt: Date.now() + delay });
        schedule(delay);
      }
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        schedule(0);
      }
    }
  }

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.design !== prev.design) carryIdentities(prev.design, state.design);
    if (state.design !== prev.design && state.design === state.savedDesign) {
      // Taken from the server as it is (a restore): nothing to save.
      lastSaved = state.design;
      trackIdentities(lastSaved);
      return;
    }
    if (state.design !== prev.design && state.save.status !== "conflict") schedule(debounceMs);
    if (prev.save.status === "conflict" && state.save.status === "dirty") {
      merged = true; // a conflict resolved: saved on top of the other version, which stays a version
      if (state.design === prev.design) schedule(0);
    }
  });

  return {
    /** Saves now instead of waiting for the debounce. */
    flush,
    stop() {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
