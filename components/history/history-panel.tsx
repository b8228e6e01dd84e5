"use client";

import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { changeLine, historyEntries, mergeNewest, savesOf, type HistoryEntry } from "@/lib/review/history";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { ApiError, getDesign, getRevision, labelRevision, listRevisions, restoreRevision } from "@/lib/client/api";
import type { StudioState } from "@/lib/store/studio-store";
import { formatAvailability, formatMs, formatProbability, formatRelativeTime } from "@/lib/client/format";
import { diffAnalyses, type AnalysisDiff, type FigureChange, type OperationDiff } from "@/lib/analysis/diff";
import { analyze } from "@/lib/analysis/index";
import type { Finding } from "@/lib/analysis/types";
import { diffDesigns, summarizeChanges } from "@/lib/design/diff";
import type { Design } from "@/lib/design/schema";
import type { RevisionSummary } from "@/lib/review/comments";

/** Versions fetched after a save: enough to see the newest one and what it replaced. */
const NEWEST = 5;

/**
 * The History tab: the saved versions (autosaves of one sitting are one version on the server,
 * docs/adr/0003-revision-coalescing.md), a page at a time; name the current version as a
 * checkpoint; preview, name, restore, and compare any two.
 */
export function HistoryPanel() {
  const store = useStudioStore();
  const designId = useStudio((s) => s.designId);
  const baseVersion = useStudio((s) => s.baseVersion);
  const saveStatus = useStudio((s) => s.save.status);
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  /** The `before` of the next older page; null when every version is loaded. */
  const [older, setOlder] = useState<number | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [naming, setNaming] = useState<number | null>(null);
  // "Save version…" here, or the registry's save-version action (Shift+Ctrl/⌘+S, the command palette).
  const checkpoint = useStudio((s) => s.namingVersion);
  const setCheckpoint = (on: boolean) => store.getState().setNamingVersion(on);
  const [compare, setCompare] = useState<{ from: number; to: number } | null>(null);
  // The comparison shows where the user clicked for it: scrolled into view (it sits below the list).
  const diffRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (compare) diffRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [compare]);
  const [now] = useState(() => Date.now());
  // Versions of one working session fold under the one that ended it (lib/review/history.ts); a click shows them.
  const entries = useMemo(() => historyEntries(revisions ?? []), [revisions]);
  // Each version's change line compares it with the next older version (when that one is loaded).
  const olderThan = useMemo(() => new Map((revisions ?? []).map((r, i) => [r.version, revisions?.[i + 1]])), [revisions]);
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());
  const toggle = (version: number) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(version)) next.add(version);
      return next;
    });

  const failed = useCallback((e: unknown, what: string) => setError(e instanceof ApiError ? e.message : what), []);
  const shownRef = useRef<RevisionSummary[] | null>(null);
  useEffect(() => {
    shownRef.current = revisions;
  }, [revisions]);

  /** The first page again (after naming or restoring a version, or when a save outran the newest page). */
  const reload = useCallback(
    () =>
      listRevisions(designId).then(
        (page) => {
          setRevisions(page.revisions);
          setOlder(page.next);
        },
        (e: unknown) => failed(e, "Could not load the history"),
      ),
    [designId, failed],
  );

  // The first page when the tab opens; after each save only the newest few versions, merged into
  // the list (the latest may have been folded forward into the new number), never the whole list.
  const loaded = useRef(false);
  useEffect(() => {
    let current = true;
    if (!loaded.current) {
      loaded.current = true;
      void reload();
      return;
    }
    listRevisions(designId, { limit: NEWEST }).then(
      (page) => {
        if (!current) return;
        const merged = shownRef.current ? mergeNewest(shownRef.current, page.revisions) : null;
        if (merged) setRevisions(merged);
        else void reload();
      },
      (e: unknown) => current && failed(e, "Could not load the history"),
    );
    return () => {
      current = false;
    };
  }, [designId, baseVersion, reload, failed]);

  const showOlder = async () => {
    if (older === null) return;
    setLoadingOlder(true);
    try {
      const page = await listRevisions(designId, { before: older });
      setRevisions((shown) => [...(shown ?? []), ...page.revisions.filter((r) => !shown?.some((s) => s.version === r.version))]);
      setOlder(page.next);
    } catch (e) {
      failed(e, "Could not load older versions");
    } finally {
      setLoadingOlder(false);
    }
  };

  /** Names the current version: a checkpoint later autosaves never fold into. */
  const saveVersion = async (label: string | null) => {
    setCheckpoint(false);
    if (!label) return;
    // The edits just made are being saved (the action flushes): name the version they become.
    if (!(await savedSoon(store))) return setError("Your latest edits are not saved yet; wait for “Saved”, then save the version.");
    const state = store.getState();
    try {
      const version = await currentVersion(store);
      await labelRevision(designId, version, label);
      state.showToast(`Saved version ${version} as “${label}”`);
      setError(null);
      await reload();
    } catch (e) {
      failed(e, "Could not name the version");
    }
  };

  const restore = async (version: number) => {
    const state = store.getState();
    if (isSaved(state) !== true) return setError("Your latest edits are not saved yet; wait for “Saved”, then restore.");
    if (!window.confirm(`Restore version ${version}? It becomes a new version; nothing is lost.`)) return;
    try {
      const restored = await restoreRevision(designId, version, await currentVersion(store));
      // In a live session the restored document arrives as an update, for everyone at once.
      if (!state.live) state.loadSaved(restored.document, restored.version);
      else state.setSave(state.save, restored.version);
      state.showToast(`Restored version ${version} as version ${restored.version}`);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not restore");
    }
  };

  /** One version's row; `folded`: an autosave shown under the checkpoint it led to. */
  const row = (r: RevisionSummary, entry?: HistoryEntry) => (
              <tr key={r.version} data-testid={`revision-${r.version}`} className={[compare && (compare.from === r.version || compare.to === r.version) ? "selected" : "", entry ? "" : "folded"].join(" ").trim() || undefined}>
                <td>
                  <strong>v{r.version}</strong>
                  {entry && entry.folded.length > 0 && (
                    <button
                      type="button"
                      className="btn small link"
                      aria-expanded={open.has(r.version)}
                      title={`Versions v${entry.folded.at(-1)!.version}–v${entry.folded[0].version}, folded into this line: the same session, or saves that changed nothing (${savesOf(entry)} saves in all)`}
                      onClick={() => toggle(r.version)}
                    >
                      {open.has(r.version) ? "−" : "+"}
                      {entry.folded.length} earlier version{entry.folded.length === 1 ? "" : "s"}
                    </button>
                  )}
                  {r.version === latest && <span className="pill small">current</span>}
                  {r.label && naming !== r.version && <span className="pill small label">{r.label}</span>}
                  {naming === r.version && (
                    <VersionNameInput
                      initial={r.label ?? ""}
                      onDone={async (label) => {
                        setNaming(null);
                        if (label === null) return;
                        try {
                          await labelRevision(designId, r.version, label || null);
                          await reload();
                        } catch (e) {
                          setError(e instanceof ApiError ? e.message : "Could not name the version");
                        }
                      }}
                    />
                  )}
                </td>
                <td title={r.saves > 1 ? `${r.saves} saves, ${new Date(r.createdAt).toLocaleString()} – ${new Date(r.updatedAt).toLocaleString()}` : new Date(r.updatedAt).toLocaleString()}>
                  {formatRelativeTime(r.updatedAt, now)}
                  {r.saves > 1 && <span className="muted small"> · {r.saves} saves</span>}
                </td>
                <ChangeCell line={changeLine(r, olderThan.get(r.version))} />
                <td className="actions">
                  <a className="btn small" href={`/designs/${encodeURIComponent(designId)}/versions/${r.version}`} target="_blank" rel="noopener">
                    Preview
                  </a>
                  <button type="button" className="btn small" onClick={() => setNaming(r.version)}>
                    {r.label ? "Rename" : "Name"}
                  </button>
                  {r.version !== latest && (
                    <>
                      <button type="button" className="btn small" aria-label="Compare with current" title="Compare with the current version" onClick={() => setCompare({ from: r.version, to: latest })}>
                        Compare
                      </button>
                      <button type="button" className="btn small" onClick={() => void restore(r.version)}>
                        Restore
                      </button>
                    </>
                  )}
                </td>
              </tr>
  );

  if (!revisions) return <p className="muted panel-pad">{error ?? "Loading the history…"}</p>;
  const latest = revisions[0]?.version ?? baseVersion;
  return (
    <div className="history-panel">
      <div className="history-list">
        <div className="history-actions row">
          {checkpoint ? (
            <VersionNameInput initial="" label="Name of this version" onDone={(label) => void saveVersion(label)} />
          ) : (
            <button
              type="button"
              className="btn small"
              disabled={saveStatus === "conflict"}
              title={`Name version ${baseVersion}: a checkpoint that later edits never fold into (Shift+Ctrl/⌘+S)`}
              onClick={() => setCheckpoint(true)}
            >
              Save version…
            </button>
          )}
          <span className="muted small">Autosaves of one sitting make one version; a named version is a checkpoint.</span>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <table className="grid history-table" aria-label="Versions">
          <thead>
            <tr>
              <th>Version</th>
              <th>Saved</th>
              <th>What changed</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <Fragment key={entry.checkpoint.version}>
                {row(entry.checkpoint, entry)}
                {open.has(entry.checkpoint.version) && entry.folded.map((r) => row(r))}
              </Fragment>
            ))}
          </tbody>
        </table>
        {older !== null && (
          <button type="button" className="btn small show-more" disabled={loadingOlder} onClick={() => void showOlder()}>
            {loadingOlder ? "Loading…" : "Show older versions"}
          </button>
        )}
      </div>
      <div className="history-diff" ref={diffRef}>
        <ComparePicker revisions={revisions} value={compare} onChange={setCompare} />
        {compare ? <AnalysisDiffView designId={designId} from={compare.from} to={compare.to} /> : <p className="muted">Pick two versions to see what changed in the analysis.</p>}
      </div>
    </div>
  );
}

/** Resolves true once the design is saved (at once if it is), false after `ms` or on a conflict/error. */
/** Whether every edit made here is saved: in a live session, acknowledged by the server. */
function isSaved(s: StudioState): boolean | null {
  if (s.live) return s.live.status === "refused" ? false : s.live.pending === 0 && s.live.status === "live" ? true : null;
  return s.save.status === "saved" ? true : s.save.status === "conflict" || s.save.status === "error" ? false : null;
}

/**
 * The version to act on: in a live session the server writes versions a moment after edits stop,
 * so ask it (reading the design writes any edits not yet in a version) rather than trusting the
 * last version this page heard of.
 */
async function currentVersion(store: ReturnType<typeof useStudioStore>): Promise<number> {
  const state = store.getState();
  if (!state.live) return state.baseVersion;
  const { version } = await getDesign(state.designId);
  if (version !== store.getState().baseVersion) store.getState().setSave(store.getState().save, version);
  return version;
}

function savedSoon(store: ReturnType<typeof useStudioStore>, ms = 10_000): Promise<boolean> {
  const now = isSaved(store.getState());
  if (now !== null) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), ms);
    const unsubscribe = store.subscribe((s) => {
      const saved = isSaved(s);
      if (saved !== null) done(saved);
    });
  });
}

function VersionNameInput({ initial, onDone, label = "Version name" }: { initial: string; onDone: (label: string | null) => void; label?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <input
      type="text"
      className="version-name"
      aria-label={label}
      autoFocus
      value={value}
      maxLength={80}
      placeholder="e.g. v1 for review"
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") onDone(value.trim());
        if (e.key === "Escape") onDone(null);
      }}
      onBlur={() => onDone(value.trim())}
    />
  );
}

function ComparePicker({ revisions, value, onChange }: { revisions: RevisionSummary[]; value: { from: number; to: number } | null; onChange: (v: { from: number; to: number }) => void }) {
  const latest = revisions[0]?.version ?? 1;
  const from = value?.from ?? revisions[1]?.version ?? latest;
  const to = value?.to ?? latest;
  const option = (r: RevisionSummary) => (
    <option key={r.version} value={r.version}>
      v{r.version}
      {r.label ? ` — ${r.label}` : ""}
    </option>
  );
  return (
    <div className="compare-picker row">
      <label className="field inline">
        <span>Compare</span>
        <select aria-label="Older version" value={from} onChange={(e) => onChange({ from: Number(e.target.value), to })}>
          {revisions.map(option)}
        </select>
      </label>
      <label className="field inline">
        <span>with</span>
        <select aria-label="Newer version" value={to} onChange={(e) => onChange({ from, to: Number(e.target.value) })}>
          {revisions.map(option)}
        </select>
      </label>
      {!value && revisions.length > 1 && (
        <button type="button" className="btn small" onClick={() => onChange({ from, to })}>
          Compare
        </button>
      )}
    </div>
  );
}

const documents = new Map<string, Promise<Design>>();
function revisionDocument(designId: string, version: number): Promise<Design> {
  const key = `${designId}@${version}`;
  if (!documents.has(key)) {
    const loading = getRevision(designId, version).then((r) => r.document);
    loading.catch(() => documents.delete(key));
    documents.set(key, loading);
  }
  return documents.get(key)!;
}

/** The analysis diff between two saved versions (computed here by lib/analysis, like everything shown). */
function AnalysisDiffView({ designId, from, to }: { designId: string; from: number; to: number }) {
  const key = `${from}→${to}`;
  const [state, setState] = useState<{ key: string; result: { diff: AnalysisDiff; changes: string } | { error: string } } | null>(null);
  useEffect(() => {
    let current = true;
    Promise.all([revisionDocument(designId, from), revisionDocument(designId, to)]).then(
      ([a, b]) => current && setState({ key: `${from}→${to}`, result: { diff: diffAnalyses(analyze(a), analyze(b)), changes: summarizeChanges(diffDesigns(a, b)) } }),
      () => current && setState({ key: `${from}→${to}`, result: { error: "Could not load those versions" } }),
    );
    return () => {
      current = false;
    };
  }, [designId, from, to]);

  const result = state?.key === key ? state.result : null;
  if (!result) return <p className="muted">Comparing…</p>;
  if ("error" in result) return <p className="error">{result.error}</p>;
  const { diff, changes } = result;
  return (
    <section className="analysis-diff" aria-label={`Analysis diff v${from} → v${to}`} data-testid="analysis-diff">
      <p>
        <strong>
          v{from} → v{to}:
        </strong>{" "}
        {changes}
      </p>
      <p className="verdict-change">
        Verdict:{" "}
        {diff.verdict ? (
          <>
            <VerdictText v={diff.verdict.before} /> → <VerdictText v={diff.verdict.after} />
          </>
        ) : (
          <>
            unchanged (<VerdictText v={diff.verdicts.after} />)
          </>
        )}
        {diff.escalationLevel && (
          <span className="muted">
            {" "}
            · escalation level {diff.escalationLevel.before} → {diff.escalationLevel.after}
          </span>
        )}
      </p>
      {diff.same && <p className="muted">The analysis is the same for both versions.</p>}
      <FindingList title="New findings" kind="appeared" findings={diff.appeared} />
      <FindingList title="Resolved findings" kind="disappeared" findings={diff.disappeared} />
      {diff.operations.length > 0 && (
        <>
          <h4>Operations</h4>
          <table className="grid op-diff">
            <tbody>
              {diff.operations.map((op) => (
                <tr key={op.id}>
                  <th scope="row">{op.name}</th>
                  <td>{op.status === "changed" ? <OperationChanges op={op} /> : op.status === "added" ? "added" : "removed"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function FindingList({ title, kind, findings }: { title: string; kind: "appeared" | "disappeared"; findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <>
      <h4>
        {title} ({findings.length})
      </h4>
      <ul className={`finding-diff ${kind}`}>
        {findings.map((f) => (
          <li key={`${f.rule}:${f.target}`}>
            <span className={`sev ${f.severity}`}>{f.severity}</span> <code>{f.rule}</code> {f.message}
          </li>
        ))}
      </ul>
    </>
  );
}

function VerdictText({ v }: { v: "SOUND" | "NEEDS_REVISION" }) {
  return <span className={`verdict-text ${v === "SOUND" ? "ok" : "bad"}`}>{v === "SOUND" ? "SOUND" : "NEEDS REVISION"}</span>;
}

const yesNo = (v: boolean | null) => (v === null ? "unknown" : v ? "yes" : "no");
/** The engine can report null (the operation's local region is unknown) where the diff's types say otherwise. */
const orUnknown = (v: unknown) => (v === null || v === undefined ? "unknown" : String(v));

function OperationChanges({ op }: { op: OperationDiff }) {
  const parts = useMemo(() => {
    const list: [string, FigureChange<unknown>, (v: never) => string][] = [];
    const add = <T,>(label: string, change: FigureChange<T> | undefined, format: (v: T) => string) => {
      if (change) list.push([label, change as FigureChange<unknown>, format as (v: never) => string]);
    };
    add("latency", op.latencyMs, formatMs);
    add("availability", op.availability, formatAvailability);
    add("consistency satisfied", op.satisfied, (v: boolean | null) => (v === null ? "unknown" : v ? "✔" : "✖"));
    add("provides", op.providedConsistency, orUnknown);
    add("CAP", op.cap, (v: string | null) => (v === "neither" ? "neither (not CP, not AP)" : orUnknown(v)));
    add("survives zone loss", op.survivesZoneLoss, yesNo);
    add("survives region loss", op.survivesRegionLoss, yesNo);
    add("stale reads", op.staleReadProbability, formatProbability);
    return list;
  }, [op]);
  return (
    <ul className="figure-changes">
      {parts.map(([label, change, format]) => (
        <li key={label}>
          {label}: {format(change.before as never)} → <strong>{format(change.after as never)}</strong>
        </li>
      ))}
    </ul>
  );
}

/** A version's "What changed" cell (the explanation, when there is one, on hover). */
function ChangeCell({ line }: { line: { text: string; title?: string } }) {
  return (
    <td className="summary" title={line.title}>
      {line.text}
    </td>
  );
}
