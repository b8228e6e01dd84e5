"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Why } from "@/components/analysis/why";
import { CommentMarker } from "@/components/comments/comment-marker";
import { DraftInput, parseNumber, percentOf, probabilityOf } from "@/components/draft-input";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import type { OperationAnalysis } from "@/lib/analysis/types";
import { formatAvailability, formatDowntime, formatMs, formatNines, formatProbability } from "@/lib/client/format";
import { CONSISTENCY_LEVELS, READ_MODES_BY_REPLICATION, type ConsistencyLevel, type Design, type Operation } from "@/lib/design/schema";
import { addOperation, deleteOperation, moveOperation, updateOperation, type OperationPatch } from "@/lib/design/store-commands";

/** One line per level, shown on hover (and read by screen readers as the option's title). */
export const CONSISTENCY_HELP: Record<ConsistencyLevel, string> = {
  linearizable: "Every read sees the latest acknowledged write, as if there were one copy.",
  "bounded-staleness": "Reads may lag writes, but by at most a stated time or number of versions.",
  causal: "Reads respect cause and effect: you never see a reply before the message it answers.",
  session: "Within one client session: read your own writes, monotonic reads and writes.",
  "consistent-prefix": "Reads see writes in order, possibly an old prefix of them (no gaps, no reordering).",
  eventual: "Replicas converge when writes stop; a read may return any recent value.",
};

/** Above this many rows only the visible ones (plus a margin) are rendered. */
const VIRTUALIZE_ABOVE = 60;
/** A row's height before it is measured (inputs are 28 px). */
const ROW_ESTIMATE = 35;
const COLUMNS = 17;

export function OperationsTable() {
  const store = useStudioStore();
  const design = useStudio((s) => s.design);
  const analysis = useStudio((s) => s.analysis);
  const simulation = useStudio((s) => s.simulation);
  const focus = useStudio((s) => s.focus);
  const ops = design.operations ?? [];
  const stores = design.stores ?? [];
  const byId = new Map((analysis?.operations ?? []).map((o) => [o.id, o]));
  const simById = new Map((simulation?.operations ?? []).map((o) => [o.id, o]));
  const focusedId = focus?.type === "operation" ? focus.id : null;

  // Long lists render only the rows in view: a 1,000-operation design would otherwise put
  // 17,000 cells and 100,000 <option>s in the page and make every keystroke wait for them.
  const virtual = ops.length > VIRTUALIZE_ABOVE;
  const wrap = useRef<HTMLFieldSetElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const [bodyTop, setBodyTop] = useState(0);
  const scroller = () => wrap.current?.closest<HTMLElement>(".tab-panel") ?? null;
  // eslint-disable-next-line react-hooks/incompatible-library -- the table is not compiler-memoized; rows are memo()ed by value
  const virtualizer = useVirtualizer({ count: virtual ? ops.length : 0, getScrollElement: scroller, estimateSize: () => ROW_ESTIMATE, overscan: 12, scrollMargin: bodyTop, initialRect: { width: 1200, height: 400 } });
  const hasSimulation = simulation !== null;
  useLayoutEffect(() => {
    const el = scroller();
    if (!virtual || !el || !body.current) return;
    setBodyTop(body.current.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop);
  }, [virtual, hasSimulation]);

  // The focused operation (a finding click, a new row, Enter) is scrolled into view, rendered if
  // it was outside the window, and its name field takes the cursor when asked to.
  const wantCursor = useRef<string | null>(null);
  useEffect(() => {
    if (!focusedId) return;
    const index = ops.findIndex((o) => o.id === focusedId);
    if (virtual && index >= 0) virtualizer.scrollToIndex(index, { align: "auto" });
    let frames = 0;
    const settle = () => {
      document.querySelector(`tr[data-op="${CSS.escape(focusedId)}"]`)?.scrollIntoView({ block: "nearest" });
      const input = document.querySelector<HTMLInputElement>(`[data-op-name="${CSS.escape(focusedId)}"]`);
      if (wantCursor.current === focusedId && input) {
        wantCursor.current = null;
        input.focus();
        input.select();
      } else if (wantCursor.current === focusedId && frames++ < 5) requestAnimationFrame(settle);
    };
    requestAnimationFrame(settle);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the focus moves
  }, [focusedId]);

  /** Focuses operation `id` and puts the cursor in its name. */
  const cursorTo = useCallback(
    (id: string) => {
      wantCursor.current = id;
      store.setState({ focus: { type: "operation", id } });
    },
    [store],
  );

  const addAndFocus = useCallback(
    (options: Parameters<typeof addOperation>[1]) => {
      const { design: d, edit: apply } = store.getState();
      const created = addOperation(d, options);
      wantCursor.current = created.id;
      apply(() => created.design, { focus: { type: "operation", id: created.id } });
    },
    [store],
  );

  /**
   * Enter in a name moves to the next row's name, like a spreadsheet; on the last row it adds an
   * operation on the same store, so a list of operations can be typed without the mouse.
   */
  const onNameEnter = useCallback(
    (id: string) => {
      const { design: d, readOnly: locked } = store.getState();
      const list = d.operations ?? [];
      const at = list.findIndex((o) => o.id === id);
      const next = list[at + 1];
      const rendered = next && document.querySelector<HTMLInputElement>(`[data-op-name="${CSS.escape(next.id)}"]`);
      if (rendered) {
        // Synchronously, so the next keystroke already lands there.
        rendered.focus();
        rendered.select();
      } else if (next) cursorTo(next.id);
      else if (!locked && at >= 0) addAndFocus({ store: list[at].store, type: list[at].type, consistency: list[at].consistency });
    },
    [store, cursorTo, addAndFocus],
  );

  const edit = useCallback(
    (id: string, patch: OperationPatch, coalesce?: string) => store.getState().edit((d) => updateOperation(d, id, patch), coalesce ? { coalesce: `${id}:${coalesce}` } : undefined),
    [store],
  );

  // Read-only views, and the simulator (for trying failures, not for editing).
  const readOnly = useStudio((s) => s.readOnly || s.mode === "simulate");

  function add() {
    if (stores[0]) addAndFocus({ store: stores[0].id });
  }

  const items = virtual ? virtualizer.getVirtualItems() : [];
  const shown = virtual ? items.map((item) => ({ op: ops[item.index], index: item.index })) : ops.map((op, index) => ({ op, index }));
  const padTop = virtual && items.length ? items[0].start - bodyTop : 0;
  const padBottom = virtual && items.length ? virtualizer.getTotalSize() - (items[items.length - 1].end - bodyTop) : 0;

  if (stores.length === 0) {
    return <p className="muted empty-hint">Operations run against stores. Select nodes on the canvas and choose “Make store” first.</p>;
  }

  return (
    <fieldset className="ops-wrap" disabled={readOnly} ref={wrap}>
      {simulation && (
        <p className="sim-counts" role="status">
          Simulation: <strong>{simulation.counts.available}</strong> available · <strong>{simulation.counts.unavailable}</strong> unavailable · <strong>{simulation.counts.diverging}</strong> diverging
        </p>
      )}
      <table className="ops" aria-label="Operations">
        <thead>
          <tr>
            <th aria-label="Order" />
            <th>Name</th>
            <th>Type</th>
            <th>Store</th>
            <th>Requires</th>
            {simulation && <th>Simulated</th>}
            <th>CAP</th>
            <th>Provided</th>
            <th>Latency / SLO</th>
            <th>Availability</th>
            <th title="Survives: any node failures / a zone / a region">Survives</th>
            <th>Stale read</th>
            <th>Callers in</th>
            <th title="Per-operation quorum (leaderless, primary-sync writes) or read mode">Quorum / mode</th>
            <th>Latency SLO</th>
            <th>Avail. SLO</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody ref={body}>
          {padTop > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={COLUMNS} style={{ height: padTop }} />
            </tr>
          )}
          {shown.map(({ op, index }) => (
            <OperationRow
              key={op.id}
              op={op}
              index={index}
              count={ops.length}
              stores={design.stores}
              regions={design.regions}
              availabilityTarget={design.context?.availabilityTarget}
              result={byId.get(op.id)}
              sim={simById.get(op.id)}
              focused={op.id === focusedId}
              measureRef={virtual ? virtualizer.measureElement : undefined}
              edit={edit}
              onNameEnter={onNameEnter}
            />
          ))}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={COLUMNS} style={{ height: padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {!readOnly && (
        <button type="button" className="btn small" onClick={add}>
          + Add operation
        </button>
      )}
      {ops.length === 0 && <span className="muted"> {readOnly ? "This design lists no operations." : "List what the system does (place order, read balance…) and the consistency each needs."}</span>}
    </fieldset>
  );
}

interface RowProps {
  op: Operation;
  index: number;
  count: number;
  stores: Design["stores"];
  regions: Design["regions"];
  availabilityTarget: number | undefined;
  result: OperationAnalysis | undefined;
  sim: { available: boolean; diverging: boolean; reason: string } | undefined;
  focused: boolean;
  /** The virtualizer's measuring ref (long lists). */
  measureRef?: (row: HTMLTableRowElement | null) => void;
  edit: (id: string, patch: OperationPatch, coalesce?: string) => void;
  onNameEnter: (id: string) => void;
}

/** The figures a row shows: equal figures mean the row need not re-render. */
function sameFigures(a: OperationAnalysis | undefined, b: OperationAnalysis | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.cap === b.cap &&
    a.providedConsistency === b.providedConsistency &&
    a.satisfied === b.satisfied &&
    a.latencyMs === b.latencyMs &&
    a.latencySloMs === b.latencySloMs &&
    a.availability === b.availability &&
    a.availabilitySlo === b.availabilitySlo &&
    a.survivesNodeFailures === b.survivesNodeFailures &&
    a.survivesZoneLoss === b.survivesZoneLoss &&
    a.survivesRegionLoss === b.survivesRegionLoss &&
    a.staleReadProbability === b.staleReadProbability &&
    a.explain.latencyMs.text === b.explain.latencyMs.text &&
    a.explain.availability.text === b.explain.availability.text
  );
}

const OperationRow = memo(OperationRowView, (a, b) => {
  const keys: (keyof RowProps)[] = ["op", "index", "count", "stores", "regions", "availabilityTarget", "focused", "measureRef", "edit", "onNameEnter"];
  return keys.every((k) => a[k] === b[k]) && sameFigures(a.result, b.result) && a.sim?.available === b.sim?.available && a.sim?.diverging === b.sim?.diverging && a.sim?.reason === b.sim?.reason;
});

function OperationRowView({ op, index, count, stores, regions, availabilityTarget, result, sim, focused, measureRef, edit, onNameEnter }: RowProps) {
  const store = useStudioStore();
  const target = stores?.find((s) => s.id === op.store);
  const hasQuorum = target && (target.replication === "leaderless" || (target.replication === "primary-sync" && op.type === "write"));
  const readModes = target && op.type === "read" ? READ_MODES_BY_REPLICATION[target.replication] : [];
  const move = (to: number) => store.getState().edit((d) => moveOperation(d, op.id, to), { focus: { type: "operation", id: op.id } });
  const overSlo = result && result.latencySloMs !== null && result.latencyMs !== null && result.latencyMs > result.latencySloMs;
  const underAvail = result && result.availabilitySlo !== null && result.availability !== null && result.availability < result.availabilitySlo;

  return (
    <tr
      ref={measureRef}
      data-index={index}
      className={focused ? "focused" : undefined}
      data-op={op.id}
      data-sim={sim ? (sim.available ? (sim.diverging ? "diverging" : "available") : "unavailable") : undefined}
      onKeyDown={(e) => {
        if (e.altKey && e.key === "ArrowUp" && index > 0) move(index - 1);
        if (e.altKey && e.key === "ArrowDown" && index < count - 1) move(index + 1);
      }}
      onFocus={() => store.getState().focus?.type !== "operation" || store.getState().focus?.id !== op.id ? store.setState({ focus: { type: "operation", id: op.id } }) : undefined}
    >
      <td className="order">
        <button type="button" className="icon-btn" aria-label={`Move ${op.name} up`} disabled={index === 0} onClick={() => move(index - 1)}>
          ↑
        </button>
        <button type="button" className="icon-btn" aria-label={`Move ${op.name} down`} disabled={index === count - 1} onClick={() => move(index + 1)}>
          ↓
        </button>
      </td>
      <td>
        <DraftInput
          type="text"
          aria-label="Operation name"
          data-op-name={op.id}
          value={op.name}
          maxLength={200}
          invalid={(raw) => !raw.trim()}
          onCommit={(raw) => raw.trim() && edit(op.id, { name: raw }, "name")}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) onNameEnter(op.id);
          }}
        />
        <CommentMarker kind="operation" id={op.id} name={op.name} />
      </td>
      <td>
        <select aria-label="Type" value={op.type} onChange={(e) => edit(op.id, { type: e.target.value as Operation["type"] })}>
          <option value="read">read</option>
          <option value="write">write</option>
        </select>
      </td>
      <td>
        <select aria-label="Store" value={op.store} onChange={(e) => edit(op.id, { store: e.target.value })}>
          {stores?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select aria-label="Required consistency" value={op.consistency} title={CONSISTENCY_HELP[op.consistency]} onChange={(e) => edit(op.id, { consistency: e.target.value as ConsistencyLevel })}>
          {CONSISTENCY_LEVELS.map((level) => (
            <option key={level} value={level} title={CONSISTENCY_HELP[level]}>
              {level}
            </option>
          ))}
        </select>
      </td>
      {sim && (
        <td className={`sim ${sim.available ? (sim.diverging ? "diverging" : "available") : "unavailable"}`} title={sim.reason}>
          {sim.available ? (sim.diverging ? "⇄ diverging" : "● available") : "○ unavailable"}
        </td>
      )}
      {result ? (
        <>
          <td>
            <span className={`pill ${result.cap === "CP" ? "cp" : result.cap === "AP" ? "ap" : "neither"}`}>{result.cap ?? "?"}</span> <Why explain={result.explain.cap} label="?" />
          </td>
          <td className={result.satisfied ? "ok" : "bad"}>
            {result.satisfied ? "✔" : "✖"} {result.providedConsistency} <Why explain={result.explain.providedConsistency} label="?" />
          </td>
          <td className={overSlo ? "bad" : result.latencyMs === null ? "warn" : undefined}>
            {formatMs(result.latencyMs)}
            {result.latencySloMs !== null && <span className="muted"> / {formatMs(result.latencySloMs)}</span>} <Why explain={result.explain.latencyMs} label="?" />
          </td>
          <td className={underAvail ? "bad" : undefined} title={`${formatNines(result.availability)} · downtime ${formatDowntime(result.availability)}`}>
            {formatAvailability(result.availability)} <Why explain={result.explain.availability} label="?" />
          </td>
          <td>
            <span title={result.explain.survivesNodeFailures.text}>{result.survivesNodeFailures} node{result.survivesNodeFailures === 1 ? "" : "s"}</span> ·{" "}
            <span title={result.explain.survivesZoneLoss.text}>zone {result.survivesZoneLoss === null ? "–" : result.survivesZoneLoss ? "✔" : "✖"}</span> ·{" "}
            <span title={result.explain.survivesRegionLoss.text}>region {result.survivesRegionLoss ? "✔" : "✖"}</span>
          </td>
          <td title={result.staleReadProbability === null ? undefined : String(result.staleReadProbability)}>
            {formatProbability(result.staleReadProbability)} {result.staleReadProbability !== null && <Why explain={result.explain.staleReadProbability} label="?" />}
          </td>
        </>
      ) : (
        <td colSpan={6} className="muted">
          analysing…
        </td>
      )}
      <td>
        <select aria-label="Callers' region" value={op.clientRegion ?? ""} onChange={(e) => edit(op.id, { clientRegion: e.target.value || null })}>
          <option value="">(leader's region)</option>
          {regions?.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        {hasQuorum && (
          <DraftInput
            type="number"
            aria-label="Quorum override"
            min={1}
            max={target.replicas.length}
            placeholder="store's"
            value={op.quorum === undefined ? "" : String(op.quorum)}
            invalid={(raw) => raw !== "" && !(Number.isInteger(Number(raw)) && Number(raw) >= 1 && Number(raw) <= target.replicas.length)}
            onCommit={(raw) => {
              const q = parseNumber(raw);
              if (q === null || (q !== undefined && Number.isInteger(q) && q >= 1 && q <= target.replicas.length)) edit(op.id, { quorum: q });
            }}
            className="narrow"
          />
        )}
        {readModes.length > 0 && (
          <select aria-label="Read mode override" value={op.readMode ?? ""} onChange={(e) => edit(op.id, { readMode: (e.target.value || null) as Operation["readMode"] | null })}>
            <option value="">(store&apos;s)</option>
            {readModes.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        )}
        {!hasQuorum && readModes.length === 0 && <span className="muted">–</span>}
      </td>
      <td>
        <DraftInput
          type="number"
          aria-label="Latency SLO (ms)"
          min={1}
          placeholder="ms"
          className="narrow"
          value={op.latencySloMs === undefined ? "" : String(op.latencySloMs)}
          invalid={(raw) => raw !== "" && !(Number(raw) > 0)}
          onCommit={(raw) => {
            const v = parseNumber(raw);
            if (v === null || (v !== undefined && v > 0)) edit(op.id, { latencySloMs: v }, "latencySlo");
          }}
        />
      </td>
      <td>
        <DraftInput
          type="number"
          aria-label="Availability SLO (%)"
          min={0}
          max={100}
          step="any"
          placeholder={availabilityTarget ? percentOf(availabilityTarget) : "%"}
          className="narrow"
          value={percentOf(op.availabilitySlo)}
          invalid={(raw) => raw !== "" && !(Number(raw) > 0 && Number(raw) <= 100)}
          onCommit={(raw) => {
            const v = parseNumber(raw);
            if (v === null || (v !== undefined && v > 0 && v <= 100)) edit(op.id, { availabilitySlo: v === null ? null : probabilityOf(v) }, "availabilitySlo");
          }}
        />
      </td>
      <td>
        <button type="button" className="icon-btn danger" aria-label={`Delete ${op.name}`} onClick={() => store.getState().edit((d) => deleteOperation(d, op.id))}>
          ✕
        </button>
      </td>
    </tr>
  );
}
