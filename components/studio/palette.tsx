"use client";

import { useReactFlow } from "@xyflow/react";
import { KindIcon, RegionIcon } from "@/components/icons";
import { KIND_LABEL, addNode, addRegion, addZone } from "@/lib/design/commands";
import { NODE_KINDS, type NodeKind } from "@/lib/design/schema";
import { flowId } from "@/lib/store/flow";
import { PALETTE_MIME } from "./canvas";
import { storeColor } from "@/lib/client/store-colors";
import { FIT_VIEW } from "./canvas";
import { makeStore } from "@/lib/design/store-commands";
import { badgesOf } from "@/lib/store/badges";
import { CommentMarker } from "@/components/comments/comment-marker";
import { useStudio, useStudioStore } from "./studio-context";
import { useTargetFrame } from "./use-target-region";

/** Click to add (into the selected or centred region), or drag onto the canvas. */
export function Palette() {
  const store = useStudioStore();
  const hasRegions = useStudio((s) => (s.design.regions?.length ?? 0) > 0);
  // The simulator is for trying failures, not for editing: nothing is added while it is on.
  const simulating = useStudio((s) => s.mode === "simulate");
  const targetFrame = useTargetFrame();
  const { fitView } = useReactFlow();

  const dragStart = (item: string) => (event: React.DragEvent) => {
    event.dataTransfer.setData(PALETTE_MIME, item);
    event.dataTransfer.effectAllowed = "copy";
  };

  function addRegionClick(zones: number) {
    const { design, edit } = store.getState();
    const created = addRegion(design, { zones });
    edit(() => created.design, { select: [flowId.region(created.id)] });
    requestAnimationFrame(() => void fitView({ ...FIT_VIEW, duration: 200 }));
  }

  function addZoneClick() {
    const target = targetFrame();
    if (!target) return;
    const { design, edit } = store.getState();
    const created = addZone(design, target.region);
    edit(() => created.design, { select: [flowId.zone(target.region, created.id)] });
  }

  function addNodeClick(kind: NodeKind) {
    const target = targetFrame();
    if (!target) return;
    const { design, edit } = store.getState();
    const created = addNode(design, { kind, region: target.region, zone: target.zone });
    edit(() => created.design, { select: [flowId.node(created.id)] });
  }

  return (
    <nav className="sidebar" aria-label="Palette">
      <h2>Add</h2>
      <div className="palette">
        <button className="palette-item" disabled={simulating} draggable={!simulating} onDragStart={dragStart("region")} onClick={() => addRegionClick(0)}>
          <RegionIcon /> Region
        </button>
        <button className="palette-item" disabled={simulating} onClick={() => addRegionClick(3)}>
          <RegionIcon /> Region + 3 zones
        </button>
        <button className="palette-item" disabled={!hasRegions || simulating} onClick={addZoneClick} title="Adds a zone to the selected region">
          <RegionIcon dashed /> Zone
        </button>
      </div>
      <div className="palette" role="group" aria-label="Nodes">
        {NODE_KINDS.map((kind) => (
          <button
            key={kind}
            className="palette-item"
            data-kind={kind}
            disabled={!hasRegions || simulating}
            draggable={hasRegions && !simulating}
            onDragStart={dragStart(kind)}
            onClick={() => addNodeClick(kind)}
          >
            <span style={{ color: `var(--kind-${kind})`, display: "inline-flex" }}>
              <KindIcon kind={kind} size={20} />
            </span>
            {KIND_LABEL[kind]}
          </button>
        ))}
      </div>
      <p className="hint">
        {simulating
          ? "Simulating: click regions, zones and nodes to fail them. Leave Simulate (S) to edit."
          : hasRegions
          ? "Click to add to the selected region or zone, or drag onto the canvas. Drag a node into another region or zone to move it."
          : "Nodes live in regions: add a region first."}
      </p>
      <StoresList />
    </nav>
  );
}

const STATUS_ICON = { error: "✖", warning: "▲", ok: "✔", none: "" } as const;

/** The stores, with their colour and status; selecting one opens it in the inspector. */
export function StoresList() {
  const studio = useStudioStore();
  const readOnly = useStudio((s) => s.readOnly);
  const design = useStudio((s) => s.design);
  const analysis = useStudio((s) => s.analysis);
  const focus = useStudio((s) => s.focus);
  const selectedNodes = useStudio((s) => s.flowNodes.filter((n) => n.selected && n.id.startsWith("node:")).length);
  const statuses = badgesOf(design, analysis).stores;
  const stores = design.stores ?? [];
  return (
    <section aria-label="Stores" className="stores-list">
      <h2>Stores</h2>
      {stores.length === 0 && <p className="hint">{readOnly ? "This design has no stores yet." : "Select replica nodes (Shift-click), then “Make store”."}</p>}
      <ul>
        {stores.map((s, i) => {
          const status = statuses.get(s.id) ?? "none";
          return (
            <li key={s.id}>
              <button
                type="button"
                className={`store-item${focus?.type === "store" && focus.id === s.id ? " active" : ""}`}
                aria-current={focus?.type === "store" && focus.id === s.id ? "true" : undefined}
                onClick={() => studio.getState().setFocus({ type: "store", id: s.id })}
              >
                <span className="swatch" style={{ background: storeColor(i) }} />
                <span className="store-name">{s.name}</span>
                <span className="muted small">
                  {s.replication} · {s.replicas.length}
                </span>
                <span className={`status-icon ${status}`} aria-label={status}>
                  {STATUS_ICON[status]}
                </span>
              </button>
              <CommentMarker kind="store" id={s.id} name={s.name} />
            </li>
          );
        })}
      </ul>
      {!readOnly && <button
        type="button"
        className="btn small"
        disabled={selectedNodes === 0}
        title={selectedNodes ? "Group the selected nodes into a store" : "Select nodes on the canvas first"}
        onClick={() => {
          const ids = studio.getState().flowNodes.filter((n) => n.selected && n.id.startsWith("node:")).map((n) => n.id.slice(5));
          const created = makeStore(studio.getState().design, ids);
          studio.getState().edit(() => created.design, { focus: { type: "store", id: created.id } });
        }}
      >
        Make store{selectedNodes ? ` (${selectedNodes})` : ""}
      </button>}
    </section>
  );
}
