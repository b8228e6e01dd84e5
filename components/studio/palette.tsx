"use client";

import { useReactFlow } from "@xyflow/react";
import { KindIcon, RegionIcon } from "@/components/icons";
import { KIND_LABEL, addNode, addRegion, addZone } from "@/lib/design/commands";
import { NODE_KINDS, type NodeKind } from "@/lib/design/schema";
import { flowId } from "@/lib/store/flow";
import { PALETTE_MIME } from "./canvas";
import { useStudio, useStudioStore } from "./studio-context";
import { useTargetFrame } from "./use-target-region";

/** Click to add (into the selected or centred region), or drag onto the canvas. */
export function Palette() {
  const store = useStudioStore();
  const hasRegions = useStudio((s) => (s.design.regions?.length ?? 0) > 0);
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
    requestAnimationFrame(() => void fitView({ padding: 0.15, maxZoom: 1.1, duration: 200 }));
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
        <button className="palette-item" draggable onDragStart={dragStart("region")} onClick={() => addRegionClick(0)}>
          <RegionIcon /> Region
        </button>
        <button className="palette-item" onClick={() => addRegionClick(3)}>
          <RegionIcon /> Region + 3 zones
        </button>
        <button className="palette-item" disabled={!hasRegions} onClick={addZoneClick} title="Adds a zone to the selected region">
          <RegionIcon dashed /> Zone
        </button>
      </div>
      <div className="palette" role="group" aria-label="Nodes">
        {NODE_KINDS.map((kind) => (
          <button
            key={kind}
            className="palette-item"
            data-kind={kind}
            disabled={!hasRegions}
            draggable={hasRegions}
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
        {hasRegions
          ? "Click to add to the selected region or zone, or drag onto the canvas. Drag a node into another region or zone to move it."
          : "Nodes live in regions: add a region first."}
      </p>
    </nav>
  );
}
