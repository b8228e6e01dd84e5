"use client";

import { KindIcon, RegionIcon } from "@/components/icons";
import { runAction } from "@/lib/actions/registry";
import { KIND_LABEL } from "@/lib/design/commands";
import { NODE_KINDS, type Design, type NodeKind } from "@/lib/design/schema";
import { PALETTE_MIME } from "./canvas";
import { storeColor } from "@/lib/canvas/store-colors";
import { badgesOf } from "@/lib/canvas/badges";
import { CommentMarker } from "@/components/comments/comment-marker";
import { useStudio, useStudioStore } from "./studio-context";
import { useActionContext } from "./use-studio-actions";

/** Click to add (into the selected or centred region), or drag onto the canvas. */
export function Palette() {
  const actions = useActionContext();
  const hasRegions = useStudio((s) => (s.design.regions?.length ?? 0) > 0);
  // The simulator is for trying failures, not for editing: nothing is added while it is on.
  const simulating = useStudio((s) => s.mode === "simulate");

  const dragStart = (item: string) => (event: React.DragEvent) => {
    event.dataTransfer.setData(PALETTE_MIME, item);
    event.dataTransfer.effectAllowed = "copy";
  };

  // The buttons run the registry's add actions (lib/actions/add.ts), as the command palette and the canvas menu do.
  const addRegionClick = (zones: number) => runAction(actions, zones ? "add-region-3-zones" : "add-region");
  const addZoneClick = () => runAction(actions, "add-zone");
  const addNodeClick = (kind: NodeKind) => runAction(actions, `add-node-${kind}`);

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
        <button className="palette-item" disabled={simulating} onClick={() => runAction(actions, "add-cloud-region")} title="A public region of AWS, Google Cloud or Azure, with three zones and estimated round-trip times">
          <RegionIcon /> Cloud region…
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

const NO_STORES: NonNullable<Design["stores"]> = [];

/** The stores, with their colour and status; selecting one opens it in the inspector. */
export function StoresList() {
  const studio = useStudioStore();
  const actions = useActionContext();
  const readOnly = useStudio((s) => s.readOnly);
  // The stores and their statuses, not the whole design: renaming a node leaves the list alone
  // (statuses keep their identity while equal, lib/canvas/badges.ts).
  const stores = useStudio((s) => s.design.stores) ?? NO_STORES;
  const statuses = useStudio((s) => badgesOf(s.design, s.analysis).stores);
  const focus = useStudio((s) => s.focus);
  const selectedNodes = useStudio((s) => s.flowNodes.filter((n) => n.selected && n.id.startsWith("node:")).length);
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
        onClick={() => runAction(actions, "make-store")}
      >
        Make store{selectedNodes ? ` (${selectedNodes})` : ""}
      </button>}
    </section>
  );
}
