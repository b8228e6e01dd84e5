"use client";

import { NodeResizer, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { KindIcon } from "@/components/icons";
import { KIND_LABEL, setRegionFrame, setZoneFrame } from "@/lib/design/commands";
import type { ComponentFlowNode, RegionFlowNode, ZoneFlowNode } from "@/lib/store/flow";
import { useStudioStore } from "./studio-context";

export const RegionNode = memo(function RegionNode({ data, selected }: NodeProps<RegionFlowNode>) {
  const store = useStudioStore();
  const { region } = data;
  return (
    <div className="region-frame" data-testid={`region-${region.id}`}>
      <NodeResizer
        isVisible={selected}
        minWidth={220}
        minHeight={120}
        color="var(--accent)"
        onResizeEnd={(_e, p) => store.getState().edit((d) => setRegionFrame(d, region.id, p))}
      />
      <div className="frame-label">
        <span>{region.name}</span>
        <span className="frame-id">{region.id}</span>
      </div>
    </div>
  );
});

export const ZoneNode = memo(function ZoneNode({ data, selected }: NodeProps<ZoneFlowNode>) {
  const store = useStudioStore();
  return (
    <div className="zone-frame" data-testid={`zone-${data.regionId}-${data.zone}`}>
      <NodeResizer
        isVisible={selected}
        minWidth={120}
        minHeight={80}
        color="var(--accent)"
        onResizeEnd={(_e, p) => store.getState().edit((d) => setZoneFrame(d, data.regionId, data.zone, p))}
      />
      <div className="frame-label">zone {data.zone}</div>
    </div>
  );
});

export const ComponentNode = memo(function ComponentNode({ data }: NodeProps<ComponentFlowNode>) {
  const { node } = data;
  return (
    <div className="node-card" data-kind={node.kind} data-testid={`node-${node.id}`} title={`${node.name} (${KIND_LABEL[node.kind]}, ${node.id})`}>
      <KindIcon kind={node.kind} />
      <div className="node-text">
        <span className="node-name">{node.name}</span>
        <span className="node-meta">
          {KIND_LABEL[node.kind]} · {node.id}
        </span>
      </div>
      <span className="status-dot" aria-hidden="true" />
    </div>
  );
});

export const nodeTypes = { region: RegionNode, zone: ZoneNode, component: ComponentNode };
