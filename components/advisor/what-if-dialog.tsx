"use client";

import "./advisor.css";
import { useEffect, useMemo, useRef, useState } from "react";
import { SvgChart } from "@/components/charts/svg-chart";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { applySweepRow, type SweepRow } from "@/lib/analysis/sweep";
import { runTool } from "@/lib/client/tools";
import { nines, sweepChart } from "@/lib/charts/svg";
import { formatAvailability, formatMs, formatProbability } from "@/lib/client/format";

type SortKey = "config" | "met" | "stale" | "fresh" | "latency" | "availability" | "failures" | "verdict";

/** PBS trials per read per configuration: enough for the 99.9 % point to a few ms, quick over hundreds of rows. */
const SWEEP_TRIALS = 2000;

const worst = (r: SweepRow) => {
  const v = Object.values(r.latencyMs);
  return v.length === 0 || v.includes(null) ? null : Math.max(...(v as number[]));
};
const lowestAvailability = (r: SweepRow) => {
  const v = Object.values(r.availability);
  return v.length === 0 || v.includes(null) ? null : Math.min(...(v as number[]));
};

/** When 99.9 % of reads see a write (worst over the store's reads PBS applies to); null when none does. */
const freshAfter = (r: SweepRow) => {
  const v = Object.values(r.tVisibilityP999Ms);
  return v.length === 0 ? null : v.includes(null) ? Infinity : Math.max(...(v as number[]));
};

const SORT: Record<SortKey, (r: SweepRow) => number | string> = {
  fresh: (r) => freshAfter(r) ?? -1,
  config: (r) => r.config.n * 1000,
  met: (r) => -r.satisfied,
  stale: (r) => r.staleReadProbability ?? -1,
  latency: (r) => worst(r) ?? Infinity,
  availability: (r) => -(lowestAvailability(r) ?? -1),
  failures: (r) => -(r.survives.nodeFailures ?? -1),
  verdict: (r) => r.errors * 1000 + r.warnings,
};

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "config", label: "Configuration" },
  { key: "met", label: "Consistency needs met" },
  { key: "stale", label: "Stale read" },
  { key: "fresh", label: "99.9 % fresh after" },
  { key: "latency", label: "Worst latency" },
  { key: "availability", label: "Lowest availability" },
  { key: "failures", label: "Survives" },
  { key: "verdict", label: "Verdict" },
];

/**
 * What-if sweep of one store (lib/analysis/sweep.ts): every sensible configuration on the drawn
 * topology, as a chart and a sortable table; a row applies with one click (one undo step).
 */
export function WhatIfDialog({ storeId, onClose }: { storeId: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const studio = useStudioStore();
  const design = useStudio((s) => s.design);
  const readOnly = useStudio((s) => s.readOnly);
  const store = design.stores?.find((s) => s.id === storeId);
  const [rows, setRows] = useState<SweepRow[] | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: "latency", ascending: true });
  const [onlyMet, setOnlyMet] = useState(false);

  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
    // A few hundred analyses, with PBS t-visibility where it applies: in a worker, cancelled on close.
    const abort = new AbortController();
    runTool({ kind: "sweep", design: studio.getState().design, storeId, trials: SWEEP_TRIALS }, abort.signal).then(setRows, (error: Error) => {
      if (error.name !== "AbortError") setFailure(`The sweep failed: ${error.message}`);
    });
    return () => abort.abort();
  }, [studio, storeId]);

  const shown = useMemo(() => {
    if (!rows) return [];
    const list = onlyMet ? rows.filter((r) => r.satisfied === r.operations) : [...rows];
    const by = SORT[sort.key];
    list.sort((a, b) => {
      const x = by(a);
      const y = by(b);
      const d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return (sort.ascending ? d : -d) || Number(b.current) - Number(a.current);
    });
    return list;
  }, [rows, sort, onlyMet]);

  const chart = useMemo(
    () =>
      rows
        ? sweepChart(
            rows.map((r) => {
              const a = lowestAvailability(r);
              return { label: r.key, x: worst(r), y: a === null ? null : nines(a), weak: r.satisfied < r.operations, current: r.current };
            }),
            { title: `What if: ${store?.name ?? storeId}`, width: 720 },
          )
        : "",
    [rows, store, storeId],
  );

  if (!store) return null;
  const apply = (row: SweepRow) => {
    studio.getState().edit((d) => applySweepRow(d, storeId, row));
    studio.getState().showToast(`${store.name}: ${row.key} applied — Ctrl+Z undoes it`);
    ref.current?.close();
  };
  const yes = (v: boolean | null) => (v === null ? "–" : v ? "✔" : "✖");

  return (
    <dialog ref={ref} className="help-dialog what-if-dialog" aria-labelledby="what-if-title" onClose={onClose} data-testid="what-if">
      <h2 id="what-if-title">What if: {store.name}</h2>
      <p className="muted">
        Every sensible configuration of this {store.replication} store on your drawing — the engine&apos;s own figures for each. Hollow marks leave a consistency need unmet; the
        ringed mark is today&apos;s configuration.
      </p>
      {!rows && !failure && (
        <p role="status" className="computing">
          Computing every configuration (in the background)…
        </p>
      )}
      {failure && (
        <p role="alert" className="advisor-impossible">
          {failure}
        </p>
      )}
      {rows && (
        <>
          <SvgChart svg={chart} testId="what-if-chart" />
          <label className="what-if-filter">
            <input type="checkbox" checked={onlyMet} onChange={(e) => setOnlyMet(e.target.checked)} /> Only configurations that meet every consistency need
          </label>
          <div className="what-if-table-wrap">
            <table className="grid what-if-table">
              <caption className="sr-only">Configurations of {store.name}, sortable by each column</caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.ascending ? "ascending" : "descending") : "none"}>
                      <button type="button" className="sort" onClick={() => setSort((s) => ({ key: c.key, ascending: s.key === c.key ? !s.ascending : true }))}>
                        {c.label}
                        {sort.key === c.key ? (sort.ascending ? " ▲" : " ▼") : ""}
                      </button>
                    </th>
                  ))}
                  <th scope="col">
                    <span className="sr-only">Apply</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.key} className={r.current ? "current" : undefined} data-config={r.key}>
                    <th scope="row">
                      {r.key}
                      {r.current && <span className="muted"> (now)</span>}
                    </th>
                    <td className={r.satisfied < r.operations ? "bad" : undefined}>
                      {r.satisfied} of {r.operations}
                    </td>
                    <td>{formatProbability(r.staleReadProbability)}</td>
                    <td>{freshAfter(r) === null ? "–" : freshAfter(r) === Infinity ? "> 1 s" : formatMs(freshAfter(r))}</td>
                    <td>{formatMs(worst(r))}</td>
                    <td>{formatAvailability(lowestAvailability(r))}</td>
                    <td>
                      {r.survives.nodeFailures ?? "?"} node{r.survives.nodeFailures === 1 ? "" : "s"}, zone {yes(r.survives.zoneLoss)}, region {yes(r.survives.regionLoss)}
                    </td>
                    <td className={r.verdict === "SOUND" ? "ok" : "bad"}>{r.verdict === "SOUND" ? "✔ sound" : r.errors ? `✖ ${r.errors} error${r.errors === 1 ? "" : "s"}` : "✖ checklist fails"}</td>
                    <td>
                      {!readOnly && !r.current && (
                        <button type="button" className="btn small" onClick={() => apply(r)} aria-label={`Apply ${r.key}`}>
                          Apply
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
