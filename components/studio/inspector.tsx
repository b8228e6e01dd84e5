"use client";

import { Fragment, useState } from "react";
import { Why } from "@/components/analysis/why";
import { NameInput } from "@/components/draft-input";
import { CommentIcon } from "@/components/icons";
import { IdField } from "@/components/inspector/id-field";
import { ContextPanel } from "@/components/inspector/context-panel";
import { StoreInspector } from "@/components/inspector/store-inspector";
import { TVisibilityFigure } from "@/components/analysis/t-visibility-figure";
import { capClass, capMeaning, formatAvailability, formatCap, formatFailover, formatKStalenessFull, formatMs, formatNines, formatProbability, formatTVisibility, formatYesNo } from "@/lib/client/format";
import { quorumLabel } from "@/lib/design/quorum";
import { regionLabel } from "@/lib/design/names";
import { storeColor } from "@/lib/canvas/store-colors";
import { makeStore } from "@/lib/design/store-commands";
import {
  KIND_LABEL,
  kindLabel,
  addZone,
  deleteElements,
  moveNodeTo,
  updateNode,
  updateRegion,
} from "@/lib/design/commands";
import { NODE_KINDS, type Design } from "@/lib/design/schema";
import { flowId, parseFlowId, type ElementRef } from "@/lib/canvas/flow";
import { selectionOf } from "@/lib/canvas/selection";
import { zoneTargetId, type CommentTarget } from "@/lib/review/targets";
import { useStudio, useStudioStore } from "./studio-context";

/** One empty list for designs without stores: a selector must not return a new [] on every call. */
const NO_STORES: NonNullable<Design["stores"]> = [];

/** The right-hand panel: edits the selected element, or describes the design. */
export function Inspector() {
  const selected = useStudio((s) => s.flowNodes.filter((n) => n.selected).map((n) => n.id).join("\n"));
  const focus = useStudio((s) => s.focus);
  const refs = selected ? selected.split("\n").map(parseFlowId).filter((r): r is ElementRef => !!r) : [];
  const readOnly = useStudio((s) => s.readOnly);
  const target: CommentTarget | null =
    refs.length === 1
      ? refs[0].type === "zone"
        ? { kind: "zone", id: zoneTargetId(refs[0].region, refs[0].zone) }
        : { kind: refs[0].type, id: refs[0].id }
      : refs.length === 0 && focus
        ? { kind: focus.type, id: focus.id }
        : null;
  return (
    // Focusable: it scrolls, and in read-only views nothing inside it takes focus (keyboard users must still scroll it).
    <aside className="inspector" aria-label="Inspector" tabIndex={0}>
      {target && <CommentOn target={target} />}
      {/* A disabled fieldset makes every control of a read-only view inert at once ("why?" still opens). */}
      <fieldset className="inspector-body" disabled={readOnly}>
      {refs.length === 0 && focus?.type === "store" && <StoreInspector key={focus.id} id={focus.id} />}
      {refs.length === 0 && focus?.type === "operation" && <OperationInspector key={focus.id} id={focus.id} />}
      {refs.length === 0 && !focus && <ContextPanel />}
      {refs.length === 1 && refs[0].type === "node" && <NodeInspector key={refs[0].id} id={refs[0].id} />}
      {refs.length === 1 && refs[0].type === "region" && <RegionInspector key={refs[0].id} id={refs[0].id} />}
      {refs.length === 1 && refs[0].type === "zone" && <ZoneInspector key={`${refs[0].region}/${refs[0].zone}`} region={refs[0].region} zone={refs[0].zone} />}
      {refs.length > 1 && <MultiInspector count={refs.length} />}
      </fieldset>
    </aside>
  );
}

/** "Comment" on the inspected element: opens the Comments tab pinned to it. */
function CommentOn({ target }: { target: CommentTarget }) {
  const store = useStudioStore();
  const canComment = useStudio((s) => s.viewer.kind !== "preview");
  if (!canComment) return null;
  return (
    <button type="button" className="btn small comment-on" onClick={() => store.getState().commentOn(target)}>
      <CommentIcon /> Comment on this {target.kind}
    </button>
  );
}

/** A labelled name field (see NameInput: it always shows the design's value unless being typed in). */
function NameField({ label, value, rename }: { label: string; value: string; rename: (design: Design, name: string) => Design }) {
  const store = useStudioStore();
  return (
    <label className="field">
      <span>{label}</span>
      <NameInput value={value} onCommit={(name, gesture) => store.getState().edit((d) => rename(d, name), { gesture })} />
    </label>
  );
}

/** Availability as a percentage; empty means "use the design's default". */
function AvailabilityField({ value, fallback, onCommit }: { value: number | undefined; fallback: string; onCommit: (v: number | null) => void }) {
  const [draft, setDraft] = useState(value === undefined ? "" : String(+(value * 100).toFixed(8)));
  const parsed = draft.trim() === "" ? null : Number(draft);
  const invalid = parsed !== null && (!Number.isFinite(parsed) || parsed < 0 || parsed > 100);
  return (
    <label className="field">
      <span>Availability (%)</span>
      <input
        type="number"
        inputMode="decimal"
        min={0}
        max={100}
        step="any"
        placeholder={fallback}
        value={draft}
        aria-invalid={invalid}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = e.target.value.trim() === "" ? null : Number(e.target.value);
          if (v === null) onCommit(null);
          else if (Number.isFinite(v) && v >= 0 && v <= 100) onCommit(Number((v / 100).toFixed(10)));
        }}
      />
      <small style={invalid ? { color: "var(--error)" } : undefined}>
        {invalid ? "Enter a percentage between 0 and 100" : `Empty: the default (${fallback} %)`}
      </small>
    </label>
  );
}

function DeleteButton({ label, onDelete }: { label: string; onDelete: () => void }) {
  return (
    <button className="btn danger" onClick={onDelete}>
      {label} <span className="kbd">Del</span>
    </button>
  );
}

function useEdit() {
  const store = useStudioStore();
  return (command: (d: Design) => Design, select?: string[]) => store.getState().edit(command, select ? { select } : undefined);
}

function NodeInspector({ id }: { id: string }) {
  const design = useStudio((s) => s.design);
  const edit = useEdit();
  const node = design.nodes?.find((n) => n.id === id);
  if (!node) return null;
  const regions = design.regions ?? [];
  const defaultAvailability = design.defaults?.nodeAvailability ?? 0.999;
  const stores = (design.stores ?? []).filter((st) => st.replicas.includes(id));
  const region = regions.find((r) => r.id === node.region);
  return (
    <section aria-label="Node">
      <h2>{kindLabel(node.kind)}</h2>
      <NameField label="Name" value={node.name} rename={(d, name) => updateNode(d, id, { name })} />
      <IdField kind="node" id={node.id} />
      <label className="field">
        <span>Kind</span>
        <select value={node.kind} onChange={(e) => edit((d) => updateNode(d, id, { kind: e.target.value }))}>
          {/* A kind from an imported file that the studio has no icon for stays selectable as written. */}
          {!(NODE_KINDS as readonly string[]).includes(node.kind) && <option value={node.kind}>{node.kind}</option>}
          {NODE_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Region</span>
        <select value={node.region} onChange={(e) => edit((d) => moveNodeTo(d, id, e.target.value), [flowId.node(id)])}>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {regionLabel(design, r)}
            </option>
          ))}
        </select>
      </label>
      {region?.zones && region.zones.length > 0 && (
        <label className="field">
          <span>Zone</span>
          <select
            value={node.zone !== undefined && region.zones.includes(node.zone) ? node.zone : ""}
            onChange={(e) => edit((d) => moveNodeTo(d, id, node.region, e.target.value || undefined), [flowId.node(id)])}
          >
            <option value="">(no zone)</option>
            {region.zones.map((z) => (
              <option key={z} value={z}>
                zone {z}
              </option>
            ))}
          </select>
        </label>
      )}
      <AvailabilityField
        key={`${id}-availability`}
        value={node.availability}
        fallback={String(+(defaultAvailability * 100).toFixed(6))}
        onCommit={(availability) => edit((d) => updateNode(d, id, { availability }))}
      />
      <StoreMemberships nodeIds={[id]} storesOfNode={stores.map((s) => s.id)} />
      <hr />
      <DeleteButton label="Delete node" onDelete={() => edit((d) => deleteElements(d, { nodes: [id] }), [])} />
    </section>
  );
}

function RegionInspector({ id }: { id: string }) {
  const region = useStudio((s) => s.design.regions?.find((r) => r.id === id));
  const nodeCount = useStudio((s) => (s.design.nodes ?? []).filter((n) => n.region === id).length);
  const edit = useEdit();
  if (!region) return null;
  return (
    <section aria-label="Region">
      <h2>Region</h2>
      <NameField label="Name" value={region.name} rename={(d, name) => updateRegion(d, id, { name })} />
      <IdField kind="region" id={region.id} />
      <AvailabilityField
        key={`${id}-availability`}
        value={region.availability}
        fallback="100"
        onCommit={(availability) => edit((d) => updateRegion(d, id, { availability }))}
      />
      <div className="field">
        <span>Zones</span>
        <div className="row" style={{ flexWrap: "wrap" }}>
          {(region.zones ?? []).map((z) => (
            <span key={z} className="kbd">
              {z}
            </span>
          ))}
          <button
            className="btn small"
            onClick={() => edit((d) => addZone(d, id).design)}
          >
            + Add zone
          </button>
        </div>
      </div>
      <dl>
        <dt>Nodes</dt>
        <dd>{nodeCount}</dd>
      </dl>
      <hr />
      <DeleteButton label={nodeCount ? `Delete region and its ${nodeCount} node${nodeCount === 1 ? "" : "s"}` : "Delete region"} onDelete={() => edit((d) => deleteElements(d, { regions: [id] }), [])} />
    </section>
  );
}

function ZoneInspector({ region, zone }: { region: string; zone: string }) {
  const regionName = useStudio((s) => s.design.regions?.find((r) => r.id === region)?.name ?? region);
  const nodeCount = useStudio((s) => (s.design.nodes ?? []).filter((n) => n.region === region && n.zone === zone).length);
  const edit = useEdit();
  return (
    <section aria-label="Zone">
      <h2>Zone</h2>
      <p className="muted">In {regionName}</p>
      <IdField kind="zone" id={zoneTargetId(region, zone)} />
      <p className="muted">Zones are failure domains inside a region (availability zones, racks). Losing a zone takes down every node in it.</p>
      <dl>
        <dt>Nodes</dt>
        <dd>{nodeCount}</dd>
      </dl>
      <hr />
      <DeleteButton
        label={nodeCount ? `Delete zone and its ${nodeCount} node${nodeCount === 1 ? "" : "s"}` : "Delete zone"}
        onDelete={() => edit((d) => deleteElements(d, { zones: [[region, zone]] }), [])}
      />
    </section>
  );
}

/** Store chips for a node, and "Make store" from the selected nodes. */
function StoreMemberships({ nodeIds, storesOfNode = [] }: { nodeIds: string[]; storesOfNode?: string[] }) {
  const studio = useStudioStore();
  const stores = useStudio((s) => s.design.stores ?? NO_STORES);
  const readOnly = useStudio((s) => s.readOnly);
  return (
    <div className="field" data-testid="node-stores">
      <span>Stores</span>
      <div className="row" style={{ flexWrap: "wrap" }}>
        {readOnly && storesOfNode.length === 0 && <span className="muted">Not in any store</span>}
        {storesOfNode.map((sid) => {
          const index = stores.findIndex((s) => s.id === sid);
          return (
            <button key={sid} type="button" className="store-chip" style={{ borderColor: storeColor(index) }} onClick={() => studio.getState().setFocus({ type: "store", id: sid })}>
              <span className="swatch" style={{ background: storeColor(index) }} /> {stores[index]?.name}
            </button>
          );
        })}
        {!readOnly && (
          <button
            type="button"
            className="btn small"
            onClick={() => {
              const created = makeStore(studio.getState().design, nodeIds);
              studio.getState().edit(() => created.design, { focus: { type: "store", id: created.id } });
            }}
          >
            Make store{nodeIds.length > 1 ? ` from ${nodeIds.length} nodes` : ""}
          </button>
        )}
      </div>
    </div>
  );
}

function OperationInspector({ id }: { id: string }) {
  const op = useStudio((s) => s.design.operations?.find((o) => o.id === id));
  const storeName = useStudio((s) => s.design.stores?.find((st) => st.id === op?.store)?.name ?? op?.store);
  const result = useStudio((s) => s.analysis?.operations.find((o) => o.id === id));
  const pending = useStudio((s) => s.pbs.pending.includes(id));
  if (!op) return null;
  type Key = keyof NonNullable<typeof result>["explain"];
  const rows: [string, React.ReactNode, Key | null][] = result
    ? [
        [
          "CAP",
          <span key="cap" className={`pill ${capClass(result.cap)}`} title={capMeaning(result.cap)} data-testid="op-cap">
            {formatCap(result.cap)}
          </span>,
          "cap",
        ],
        [
          "Provided",
          result.providedConsistency === null
            ? "unknown (local region unknown)"
            : `${result.providedConsistency} (${result.satisfied ? "satisfies" : "does not satisfy"} ${result.requiredConsistency})`,
          "providedConsistency",
        ],
        ["Latency", formatMs(result.latencyMs), "latencyMs"],
        ["Availability", `${formatAvailability(result.availability)} (${formatNines(result.availability)})`, "availability"],
        [
          "Leader failover",
          <span key="failover" data-testid="op-failover">
            {result.leaderFailoverMs > 0 ? `unavailable for ${formatFailover(result.leaderFailoverMs)} when the leader dies` : "none: it waits for no leader"}
          </span>,
          "leaderFailoverMs",
        ],
        ["Survives nodes", result.survivesNodeFailures === null ? "unknown" : String(result.survivesNodeFailures), "survivesNodeFailures"],
        ["Survives a zone", result.survivesZoneLoss === null ? "– (no zones named)" : formatYesNo(result.survivesZoneLoss), "survivesZoneLoss"],
        ["Survives a region", formatYesNo(result.survivesRegionLoss), "survivesRegionLoss"],
        ...(result.type === "read"
          ? ([
              ["Stale read (quorums at random)", formatProbability(result.staleReadProbability), "staleReadProbability"],
              [
                "Fresh within k versions",
                <span key="k" data-testid="op-k-staleness" title={result.freshWithinVersions ? `The probability it returns one of the last k versions: ${formatKStalenessFull(result.freshWithinVersions)}` : undefined}>
                  {result.freshWithinVersions ? (result.freshWithinVersions.every((p) => p === 1) ? "always one of the latest (k = 1..5: 100 %)" : formatKStalenessFull(result.freshWithinVersions).replaceAll(", ", " · ")) : result.tVisibility || pending ? "– (see t-visibility)" : "–"}
                </span>,
                "freshWithinVersions",
              ],
              [
                "Fresh after t ms (your topology)",
                <span key="tv" data-testid="op-t-visibility">
                  {result.tVisibility ? formatTVisibility(result.tVisibilityP999Ms) : pending ? <span className="computing">computing…</span> : "– (always fresh, or not a weak read)"}
                </span>,
                result.tVisibility ? "tVisibility" : null,
              ],
            ] as [string, React.ReactNode, Key | null][])
          : ([["Durable against", result.durableAgainstFailures === null ? "–" : `${result.durableAgainstFailures} failure${result.durableAgainstFailures === 1 ? "" : "s"}`, "durableAgainstFailures"]] as [string, React.ReactNode, Key | null][])),
      ]
    : [];
  return (
    <section aria-label="Operation">
      <h2>Operation</h2>
      <IdField kind="operation" id={op.id} />
      <p>
        <strong>{op.name}</strong> — {op.type} on {storeName}, requires {op.consistency}
        {result?.quorum !== null && result?.quorum !== undefined && <span className="muted"> · quorum {quorumLabel(result.quorum)}</span>}
      </p>
      {!result && <p className="muted">Analysing…</p>}
      <dl className="op-figures">
        {rows.map(([label, value, key]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>
              {value} {key && <Why explain={result?.explain[key]} />}
            </dd>
          </Fragment>
        ))}
      </dl>
      {result && result.type === "read" && <TVisibilityFigure tv={result.tVisibility} p999Ms={result.tVisibilityP999Ms} pending={pending} />}
      <p className="muted">Edit the operation in the Operations table below.</p>
    </section>
  );
}

function MultiInspector({ count }: { count: number }) {
  const store = useStudioStore();
  const nodeList = useStudio((s) => (selectionOf(s.flowNodes).nodes ?? []).join("\n"));
  const nodeIds = nodeList ? nodeList.split("\n") : [];
  return (
    <section aria-label="Selection">
      <h2>{count} selected</h2>
      {nodeIds.length > 0 && <StoreMemberships nodeIds={[...nodeIds]} />}
      <DeleteButton
        label={`Delete ${count} elements`}
        onDelete={() => {
          const { flowNodes, edit } = store.getState();
          edit((d) => deleteElements(d, selectionOf(flowNodes)), { select: [] });
        }}
      />
    </section>
  );
}

