"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Why } from "@/components/analysis/why";
import { CommentMarker } from "@/components/comments/comment-marker";
import { DraftInput, NameInput, parseNumber, percentOf, probabilityOf } from "@/components/draft-input";
import { QuorumSelect, quorumOptionLabel } from "@/components/inspector/quorum-select";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import type { SimulatedOperation } from "@/lib/analysis/simulate";
import type { OperationAnalysis } from "@/lib/analysis/types";
import {
  capClass,
  capMeaning,
  formatAvailability,
  formatCap,
  formatDowntime,
  formatFailover,
  formatKStaleness,
  formatKStalenessFull,
  formatLatencyChange,
  formatMs,
  formatNines,
  formatProbability,
  formatTVisibility,
  formatTVisibilityShort,
} from "@/lib/client/format";
import { CONSISTENCY_LEVELS, READ_MODES_BY_REPLICATION, type ConsistencyLevel, type Design, type Operation, type QuorumSpec } from "@/lib/design/schema";
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
/**
 * Columns (the simulator adds one): order, name, type, store, requires, CAP, provided, latency /
 * SLO, availability / SLO, actions (details, delete) — what fits at 1440 px. Each operation's
 * details row holds the rest: its SLO inputs, callers' region, quorum or read-mode override,
 * survival and failover, and freshness (k-staleness, t-visibility).
 */
const COLUMNS = 10;

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
  const pbsPending = useStudio((s) => s.pbs.pending);

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
  const columns = COLUMNS + (hasSimulation ? 1 : 0);
  // Operations whose details row is open (its SLO inputs, callers, quorum, survival, freshness).
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const allExpanded = ops.length > 0 && ops.every((o) => expanded.has(o.id));
  const toggle = useCallback(
    (id: string) =>
      setExpanded((open) => {
        const next = new Set(open);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
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
      document.querySelector(`tbody[data-op="${CSS.escape(focusedId)}"]`)?.scrollIntoView({ block: "nearest" });
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
            {simulation && <th className="group-start">Simulated</th>}
            <th className={simulation ? undefined : "group-start"} title="CP: a partition can stop it, it stays linearizable · AP: never stopped by a partition · neither: can be stopped, yet not linearizable">CAP</th>
            <th>Provided</th>
            <th title={simulation ? "Normal case → under the scenario" : "Latency, and its SLO (ms)"}>{simulation ? "Latency now" : "Latency / SLO"}</th>
            <th title="Availability, and its SLO (%)">Availability / SLO</th>
            <th className="actions">
              <button
                type="button"
                className="btn small link"
                aria-expanded={allExpanded}
                aria-label={allExpanded ? "Hide details" : "All details"}
                title={allExpanded ? "Hide every operation's details" : "Show every operation's details: SLO inputs, callers' region, quorum or read mode, survival, failover and freshness"}
                onClick={() => setExpanded(allExpanded ? new Set() : new Set(ops.map((o) => o.id)))}
              >
                {allExpanded ? "▾ all" : "▸ all"}
              </button>
            </th>
          </tr>
        </thead>
        {/* Each operation is a tbody of its own (its row and its details row); the spacers keep a long list's scroll height. */}
        <tbody ref={body} aria-hidden="true" className="spacer">
          {padTop > 0 && (
            <tr>
              <td colSpan={columns} style={{ height: padTop }} />
            </tr>
          )}
        </tbody>
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
              pbsPending={pbsPending.includes(op.id)}
              locked={readOnly}
              focused={op.id === focusedId}
              measureRef={virtual ? virtualizer.measureElement : undefined}
              edit={edit}
              onNameEnter={onNameEnter}
              expanded={expanded.has(op.id)}
              onToggle={toggle}
              columns={columns}
            />
          ))}
        {padBottom > 0 && (
          <tbody aria-hidden="true" className="spacer">
            <tr>
              <td colSpan={columns} style={{ height: padBottom }} />
            </tr>
          </tbody>
        )}
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
  sim: SimulatedOperation | undefined;
  /** Its t-visibility is being computed (PBS runs in a worker after the analysis). */
  pbsPending: boolean;
  /** Nothing can be edited (a read-only view, or the simulator): SLOs show as text. */
  locked: boolean;
  focused: boolean;
  /** The virtualizer's measuring ref (long lists). */
  measureRef?: (row: HTMLTableSectionElement | null) => void;
  edit: (id: string, patch: OperationPatch, coalesce?: string) => void;
  onNameEnter: (id: string) => void;
  /** Its details row is open. */
  expanded: boolean;
  onToggle: (id: string) => void;
  columns: number;
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
    a.leaderFailoverMs === b.leaderFailoverMs &&
    a.tVisibilityP999Ms === b.tVisibilityP999Ms &&
    a.tVisibility === b.tVisibility &&
    String(a.freshWithinVersions) === String(b.freshWithinVersions) &&
    a.explain.cap?.text === b.explain.cap?.text &&
    a.explain.latencyMs.text === b.explain.latencyMs.text &&
    a.explain.availability.text === b.explain.availability.text
  );
}

const OperationRow = memo(OperationRowView, (a, b) => {
  const keys: (keyof RowProps)[] = ["op", "index", "count", "stores", "regions", "availabilityTarget", "pbsPending", "locked", "focused", "measureRef", "edit", "onNameEnter", "expanded", "onToggle", "columns"];
  return (
    keys.every((k) => a[k] === b[k]) &&
    sameFigures(a.result, b.result) &&
    a.sim?.available === b.sim?.available &&
    a.sim?.diverging === b.sim?.diverging &&
    a.sim?.latencyMs === b.sim?.latencyMs &&
    a.sim?.reason === b.sim?.reason
  );
});

function OperationRowView({ op, index, count, stores, regions, availabilityTarget, result, sim, pbsPending, locked, focused, measureRef, edit, onNameEnter, expanded, onToggle, columns }: RowProps) {
  const store = useStudioStore();
  const target = stores?.find((s) => s.id === op.store);
  const hasQuorum = target && (target.replication === "leaderless" || (target.replication === "primary-sync" && op.type === "write"));
  const readModes = target && op.type === "read" ? READ_MODES_BY_REPLICATION[target.replication] : [];
  const move = (to: number) => store.getState().edit((d) => moveOperation(d, op.id, to), { focus: { type: "operation", id: op.id } });
  const overSlo = result && result.latencySloMs !== null && result.latencyMs !== null && result.latencyMs > result.latencySloMs;
  const underAvail = result && result.availabilitySlo !== null && result.availability !== null && result.availability < result.availabilitySlo;

  const detailsId = `op-details-${op.id}`;
  return (
    <tbody
      ref={measureRef}
      data-index={index}
      className={focused ? "op focused" : "op"}
      data-op={op.id}
      data-sim={sim ? (sim.available ? (sim.diverging ? "diverging" : "available") : "unavailable") : undefined}
      onKeyDown={(e) => {
        if (e.altKey && e.key === "ArrowUp" && index > 0) move(index - 1);
        if (e.altKey && e.key === "ArrowDown" && index < count - 1) move(index + 1);
      }}
      onFocus={() => store.getState().focus?.type !== "operation" || store.getState().focus?.id !== op.id ? store.setState({ focus: { type: "operation", id: op.id } }) : undefined}
    >
    <tr>
      <td className="order">
        <button type="button" className="icon-btn" aria-label={`Move ${op.name} up`} disabled={index === 0} onClick={() => move(index - 1)}>
          ↑
        </button>
        <button type="button" className="icon-btn" aria-label={`Move ${op.name} down`} disabled={index === count - 1} onClick={() => move(index + 1)}>
          ↓
        </button>
      </td>
      <td>
        <NameInput
          aria-label="Operation name"
          data-op-name={op.id}
          value={op.name}
          onCommit={(name) => edit(op.id, { name }, "name")}
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
        <td className={`group-start sim ${sim.available ? (sim.diverging ? "diverging" : "available") : "unavailable"}`} title={sim.reason}>
          {sim.available ? (sim.diverging ? "⇄ diverging" : "● available") : "○ unavailable"}
        </td>
      )}
      {result ? (
        <>
          <td className={sim ? undefined : "group-start"}>
            <span className={`pill ${capClass(result.cap)}`} title={capMeaning(result.cap)}>
              {formatCap(result.cap)}
            </span>{" "}
            <Why explain={result.explain.cap} label="?" />
          </td>
          <td className={result.satisfied === null ? "warn" : result.satisfied ? "ok" : "bad"}>
            {result.satisfied === null ? "?" : result.satisfied ? "✔" : "✖"} {result.providedConsistency ?? "unknown"} <Why explain={result.explain.providedConsistency} label="?" />
          </td>
          {sim ? (
            <td className={!sim.available ? "muted" : sim.latencyMs !== result.latencyMs ? "changed" : undefined} title={sim.reason}>
              <span data-testid="sim-latency">{formatLatencyChange(result.latencyMs, sim.latencyMs, sim.available)}</span> <Why explain={result.explain.latencyMs} label="?" />
            </td>
          ) : (
            <td className={`with-slo ${overSlo ? "bad" : result.latencyMs === null ? "warn" : ""}`}>
              {formatMs(result.latencyMs)}
              {result.latencySloMs !== null && <span className="muted"> / {formatMs(result.latencySloMs)}</span>} <Why explain={result.explain.latencyMs} label="?" />
            </td>
          )}
          <td className={`with-slo ${underAvail ? "bad" : ""}`} title={`${formatNines(result.availability)} · downtime ${formatDowntime(result.availability)}`}>
            {formatAvailability(result.availability)}
            {result.availabilitySlo !== null && <span className="muted"> / {formatAvailability(result.availabilitySlo)}</span>} <Why explain={result.explain.availability} label="?" />
          </td>
        </>
      ) : (
        <td colSpan={4} className={`muted${sim ? "" : " group-start"}`}>
          analysing…
        </td>
      )}
      <td className="actions">
        <button type="button" className="btn small link" aria-expanded={expanded} aria-controls={detailsId} aria-label={`Details of ${op.name}`} title="Details: SLOs, callers, quorum or read mode, survival, freshness" onClick={() => onToggle(op.id)}>
          {expanded ? "▾" : "▸"}
        </button>
        {!locked && (
          <button type="button" className="icon-btn danger" aria-label={`Delete ${op.name}`} onClick={() => store.getState().edit((d) => deleteOperation(d, op.id))}>
            ✕
          </button>
        )}
      </td>
    </tr>
    {expanded && (
      <tr className="op-details" id={detailsId}>
        <td colSpan={columns}>
          <div className="op-details-grid">
            <div className="field">
              <span>Latency SLO</span>
              {locked ? (
                <span>{op.latencySloMs === undefined ? "–" : `≤ ${op.latencySloMs} ms`}</span>
              ) : (
                <SloField sign="≤" label="Latency SLO (ms)" unit="ms" placeholder="none" value={op.latencySloMs === undefined ? "" : String(op.latencySloMs)} accepts={(v) => v > 0} onCommit={(v) => edit(op.id, { latencySloMs: v }, "latencySlo")} />
              )}
            </div>
            <div className="field">
              <span>Availability SLO</span>
              {locked ? (
                <span>{op.availabilitySlo === undefined ? "the design's target" : `≥ ${formatAvailability(op.availabilitySlo)}`}</span>
              ) : (
                <SloField
                  sign="≥"
                  label="Availability SLO (%)"
                  unit="%"
                  max={100}
                  placeholder={availabilityTarget ? percentOf(availabilityTarget) : "none"}
                  value={percentOf(op.availabilitySlo)}
                  accepts={(v) => v > 0 && v <= 100}
                  onCommit={(v) => edit(op.id, { availabilitySlo: v === null ? null : probabilityOf(v) }, "availabilitySlo")}
                />
              )}
            </div>
            {result && (
              <div className="field">
                <span>Survives · failover</span>
                <span>
            <span title={result.explain.survivesNodeFailures.text}>
              {result.survivesNodeFailures === null ? "?" : result.survivesNodeFailures} node{result.survivesNodeFailures === 1 ? "" : "s"}
            </span>{" "}
            · <span title={result.explain.survivesZoneLoss.text}>zone {result.survivesZoneLoss === null ? "–" : result.survivesZoneLoss ? "✔" : "✖"}</span> ·{" "}
            <span title={result.explain.survivesRegionLoss.text}>region {result.survivesRegionLoss === null ? "?" : result.survivesRegionLoss ? "✔" : "✖"}</span>
            {result.leaderFailoverMs > 0 && (
              <>
                {" "}
                · <span title={result.explain.leaderFailoverMs?.text}>failover {formatFailover(result.leaderFailoverMs)}</span> <Why explain={result.explain.leaderFailoverMs} label="?" />
              </>
            )}
                </span>
              </div>
            )}
            {result && (
              <div className="field freshness">
                <span>Freshness</span>
                <span>
                  <Freshness result={result} pending={pbsPending} />
                </span>
              </div>
            )}
            <label className="field">
              <span>Callers in</span>
        <select aria-label="Callers' region" value={op.clientRegion ?? ""} onChange={(e) => edit(op.id, { clientRegion: e.target.value || null })}>
          <option value="">{target && (target.replication === "consensus" || target.replication.startsWith("primary-")) ? "(leader's region)" : "(first replica's region)"}</option>
          {regions?.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
            </label>
            <div className="field">
              <span>Quorum / read mode</span>
              <span>
        {hasQuorum && (
          <QuorumSelect
            aria-label="Quorum override"
            value={op.quorum}
            n={target.replicas.length}
            allowRegional={target.replication === "leaderless"}
            fallbackLabel={`store's (${quorumOptionLabel(storeQuorum(target, op.type), target.replicas.length)})`}
            onChange={(quorum) => edit(op.id, { quorum })}
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
              </span>
            </div>
          </div>
        </td>
      </tr>
    )}
    </tbody>
  );
}

/** The quorum an operation uses when it sets none: the store's (leaderless default: a majority; primary-sync writes: all). */
function storeQuorum(store: NonNullable<Design["stores"]>[number], type: Operation["type"]): QuorumSpec {
  const n = store.replicas.length;
  const written = type === "read" ? store.readQuorum : store.writeQuorum;
  return written ?? (store.replication === "leaderless" ? Math.floor(n / 2) + 1 : n);
}

/**
 * Reads: k-staleness ("k=1 70 % · k=2 91 %", all five in the title) and t-visibility's 99.9 %
 * point ("99.9 % by 5 ms"), "computing…" while the worker runs; writes: a dash.
 */
function Freshness({ result, pending }: { result: OperationAnalysis; pending: boolean }) {
  if (result.type !== "read") return <span className="muted">–</span>;
  const k = result.freshWithinVersions;
  const tv = result.tVisibility;
  const stale = result.staleReadProbability;
  return (
    <>
      {k ? (
        <span title={`Fresh within k versions: ${formatKStalenessFull(k)}${stale !== null ? ` (stale read ${formatProbability(stale)})` : ""}`}>{formatKStaleness(k)}</span>
      ) : null}
      {k && (
        <>
          {" "}
          <Why explain={result.explain.freshWithinVersions} label="?" />
        </>
      )}
      {k && (tv || pending) && <span className="muted"> · </span>}
      {tv ? (
        <>
          <span title={`${formatTVisibility(result.tVisibilityP999Ms)} (PBS, ${tv.trials.toLocaleString("en-US")} trials)`}>{formatTVisibilityShort(result.tVisibilityP999Ms)}</span>{" "}
          <Why explain={result.explain.tVisibility} label="?" />
        </>
      ) : pending ? (
        <span className="computing">
          t-visibility computing…
        </span>
      ) : null}
      {!k && !tv && !pending && <span className="muted">–</span>}
    </>
  );
}

/** An SLO input: "≤ 250 ms" or "≥ 99.99 %"; empty clears it (the design's target applies). */
function SloField({ sign, label, unit, max, placeholder, value, accepts, onCommit }: { sign: "≤" | "≥"; label: string; unit: string; max?: number; placeholder: string; value: string; accepts: (v: number) => boolean; onCommit: (v: number | null) => void }) {
  return (
    <span className="slo">
      <span className="muted" aria-hidden="true">
        {sign}
      </span>
      <DraftInput
        type="number"
        aria-label={label}
        min={max === undefined ? 1 : 0}
        max={max}
        step={max === undefined ? undefined : "any"}
        placeholder={placeholder}
        className="narrow"
        value={value}
        invalid={(raw) => raw !== "" && !accepts(Number(raw))}
        onCommit={(raw) => {
          const v = parseNumber(raw);
          if (v === null || (v !== undefined && accepts(v))) onCommit(v);
        }}
      />
      <span className="muted" aria-hidden="true">
        {unit}
      </span>
    </span>
  );
}
