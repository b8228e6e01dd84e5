"use client";

import { useState } from "react";
import {
  KIND_LABEL,
  addZone,
  deleteElements,
  moveNodeTo,
  renameDesign,
  updateNode,
  updateRegion,
} from "@/lib/design/commands";
import { NODE_KINDS, type Design, type NodeKind } from "@/lib/design/schema";
import { flowId, parseFlowId, type ElementRef } from "@/lib/store/flow";
import { selectionOf } from "@/lib/store/selection";
import { useStudio, useStudioStore } from "./studio-context";

/** The right-hand panel: edits the selected element, or describes the design. */
export function Inspector() {
  const selected = useStudio((s) => s.flowNodes.filter((n) => n.selected).map((n) => n.id).join("\n"));
  const refs = selected ? selected.split("\n").map(parseFlowId).filter((r): r is ElementRef => !!r) : [];
  return (
    <aside className="inspector" aria-label="Inspector">
      {refs.length === 0 && <DesignOverview />}
      {refs.length === 1 && refs[0].type === "node" && <NodeInspector key={refs[0].id} id={refs[0].id} />}
      {refs.length === 1 && refs[0].type === "region" && <RegionInspector key={refs[0].id} id={refs[0].id} />}
      {refs.length === 1 && refs[0].type === "zone" && <ZoneInspector key={`${refs[0].region}/${refs[0].zone}`} region={refs[0].region} zone={refs[0].zone} />}
      {refs.length > 1 && <MultiInspector count={refs.length} />}
    </aside>
  );
}

/** A text field that commits on every valid keystroke and refuses to commit an empty name. */
function NameField({ label, value, onCommit }: { label: string; value: string; onCommit: (name: string) => void }) {
  const [draft, setDraft] = useState(value);
  const empty = draft.trim() === "";
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        value={draft}
        maxLength={200}
        aria-invalid={empty}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value.trim()) onCommit(e.target.value);
        }}
        onBlur={() => setDraft(value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === "Escape") (e.target as HTMLInputElement).blur();
        }}
      />
      {empty && <small style={{ color: "var(--error)" }}>A name cannot be empty</small>}
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
      <h2>{KIND_LABEL[node.kind]}</h2>
      <div className="id-line">id: {node.id}</div>
      <NameField label="Name" value={node.name} onCommit={(name) => edit((d) => updateNode(d, id, { name }))} />
      <label className="field">
        <span>Kind</span>
        <select value={node.kind} onChange={(e) => edit((d) => updateNode(d, id, { kind: e.target.value as NodeKind }))}>
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
              {r.name} ({r.id})
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
      {stores.length > 0 && (
        <p className="muted">Replica of {stores.map((s) => s.name).join(", ")}.</p>
      )}
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
      <div className="id-line">id: {region.id}</div>
      <NameField label="Name" value={region.name} onCommit={(name) => edit((d) => updateRegion(d, id, { name }))} />
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
      <div className="id-line">
        id: {zone} · in {regionName}
      </div>
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

function MultiInspector({ count }: { count: number }) {
  const store = useStudioStore();
  return (
    <section aria-label="Selection">
      <h2>{count} selected</h2>
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

function DesignOverview() {
  const design = useStudio((s) => s.design);
  const edit = useEdit();
  const counts = [
    ["Regions", design.regions?.length ?? 0],
    ["Nodes", design.nodes?.length ?? 0],
    ["Stores", design.stores?.length ?? 0],
    ["Operations", design.operations?.length ?? 0],
  ] as const;
  return (
    <section aria-label="Design">
      <h2>Design</h2>
      <NameField label="Design name" value={design.name} onCommit={(name) => edit((d) => renameDesign(d, name))} />
      {design.context?.purpose && <p className="muted">{design.context.purpose}</p>}
      <dl>
        {counts.map(([label, n]) => (
          <FragmentRow key={label} label={label} value={n} />
        ))}
      </dl>
      <hr />
      <h2>Shortcuts</h2>
      <dl>
        <dt>
          <span className="kbd">Del</span>
        </dt>
        <dd>delete the selection</dd>
        <dt>
          <span className="kbd">Shift</span>-click
        </dt>
        <dd>select several</dd>
        <dt>
          <span className="kbd">F</span>
        </dt>
        <dd>fit the view</dd>
        <dt>
          <span className="kbd">Esc</span>
        </dt>
        <dd>clear the selection</dd>
      </dl>
    </section>
  );
}

function FragmentRow({ label, value }: { label: string; value: number }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
