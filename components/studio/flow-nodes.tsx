"use client";

import { NodeResizer, type NodeProps } from "@xyflow/react";
import { createContext, memo, use } from "react";
import { CommentMarker, CommentMarkerView } from "@/components/comments/comment-marker";
import { KindIcon } from "@/components/icons";
import { drawnKind, type DesignNode } from "@/lib/design/schema";
import { kindLabel, setRegionFrame, setZoneFrame } from "@/lib/design/commands";
import type { ComponentFlowNode, RegionFlowNode, ZoneFlowNode } from "@/lib/canvas/flow";
import { storeColor } from "@/lib/canvas/store-colors";
import { badgesOf, type NodeBadge } from "@/lib/canvas/badges";
import { simpleCardName, simpleCardTitle, storeRole } from "@/lib/canvas/detail";
import type { StudioState } from "@/lib/store/studio-store";
import { useStudio, useStudioStore } from "./studio-context";

/** Whether an element is failed in the simulator (grey on the canvas). */
function useFailed(kind: "region" | "zone" | "node", id: string): boolean {
  return useStudio((s) => {
    if (s.mode !== "simulate") return false;
    if (kind === "region") return s.scenario.failRegions?.includes(id) ?? false;
    if (kind === "zone") return s.scenario.failZones?.includes(id) ?? false;
    return s.scenario.failNodes?.includes(id) ?? false;
  });
}

/** The side of a split a region is on (simulator), if any. */
function useSide(regionId: string): number | null {
  return useStudio((s) => {
    if (s.mode !== "simulate") return null;
    const i = (s.scenario.split ?? []).findIndex((side) => side.includes(regionId));
    return i < 0 ? null : i;
  });
}

export const RegionNode = memo(function RegionNode({ data, selected }: NodeProps<RegionFlowNode>) {
  const store = useStudioStore();
  const readOnly = useStudio((s) => s.readOnly);
  const { region } = data;
  const failed = useFailed("region", region.id);
  const side = useSide(region.id);
  return (
    <div className={`region-frame${failed ? " failed" : ""}`} data-testid={`region-${region.id}`} data-failed={failed || undefined} data-side={side ?? undefined}>
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={220}
        minHeight={120}
        color="var(--accent)"
        onResizeEnd={(_e, p) => store.getState().edit((d) => setRegionFrame(d, region.id, p))}
      />
      <div className="frame-label">
        <span>{region.name}</span>
        {/* The id is what the CLI and the API call it; not repeated when it reads the same as the name. */}
        {region.id !== region.name && <span className="frame-id">{region.id}</span>}
        {failed && <span className="failed-tag">FAILED</span>}
        {side !== null && <span className="side-tag">side {String.fromCharCode(65 + side)}</span>}
        <CommentMarker kind="region" id={region.id} name={region.name} />
      </div>
    </div>
  );
});

export const ZoneNode = memo(function ZoneNode({ data, selected }: NodeProps<ZoneFlowNode>) {
  const store = useStudioStore();
  const readOnly = useStudio((s) => s.readOnly);
  const failed = useFailed("zone", `${data.regionId}/${data.zone}`);
  return (
    <div className={`zone-frame${failed ? " failed" : ""}`} data-testid={`zone-${data.regionId}-${data.zone}`} data-failed={failed || undefined}>
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={120}
        minHeight={80}
        color="var(--accent)"
        onResizeEnd={(_e, p) => store.getState().edit((d) => setZoneFrame(d, data.regionId, data.zone, p))}
      />
      <div className="frame-label">
        zone {data.zone}
        {failed && <span className="failed-tag">FAILED</span>}
        <CommentMarker kind="zone" id={`${data.regionId}/${data.zone}`} name={`zone ${data.zone}`} />
      </div>
    </div>
  );
});

/** What a card shows besides its node: derived from the design, analysis and simulator, not from the canvas. */
interface CardView {
  /** The node as the design has it now (flow nodes carry only its id, so a rename leaves React Flow alone). */
  node: DesignNode;
  badge: NodeBadge | undefined;
  /** Failed in the simulator's scenario. */
  failed: boolean;
  /** Down in the simulation (failed, or cut off). */
  down: boolean;
  /** In the simulator: the stores this node leads in the scenario (joined by \u0000); null outside it. */
  simLeads: string | null;
  /** Open comment threads on the node. */
  comments: number;
}

let viewsOf: Pick<StudioState, "design" | "analysis" | "mode" | "scenario" | "simulation" | "openThreads"> | null = null;
let views = new Map<string, CardView>();

/**
 * Every card's view, rebuilt only when the design, analysis or simulation changed, each card's
 * object kept while equal: a card subscribes with one selector (a lookup), so the many store
 * updates of a drag (the canvas's node positions) cost each card a comparison, not a computation.
 */
function cardViews(s: StudioState): Map<string, CardView> {
  if (viewsOf && viewsOf.design === s.design && viewsOf.analysis === s.analysis && viewsOf.mode === s.mode && viewsOf.scenario === s.scenario && viewsOf.simulation === s.simulation && viewsOf.openThreads === s.openThreads) return views;
  const badges = badgesOf(s.design, s.analysis).nodes;
  const failed = new Set(s.mode === "simulate" ? (s.scenario.failNodes ?? []) : []);
  const down = new Set(s.simulation?.downNodes ?? []);
  const leads = new Map<string, string[]>();
  for (const [storeId, leader] of Object.entries(s.simulation?.leaders ?? {})) if (leader !== null) leads.set(leader, [...(leads.get(leader) ?? []), storeId]);
  const next = new Map<string, CardView>();
  for (const node of s.design.nodes ?? []) {
    const view: CardView = {
      node,
      badge: badges.get(node.id),
      failed: failed.has(node.id),
      down: down.has(node.id),
      simLeads: s.simulation ? (leads.get(node.id) ?? []).join("\u0000") : null,
      comments: s.openThreads[`node:${node.id}`] ?? 0,
    };
    const before = views.get(node.id);
    const same = before && before.node === node && before.badge === view.badge && before.failed === view.failed && before.down === view.down && before.simLeads === view.simLeads && before.comments === view.comments;
    next.set(node.id, same ? before : view);
  }
  viewsOf = { design: s.design, analysis: s.analysis, mode: s.mode, scenario: s.scenario, simulation: s.simulation, openThreads: s.openThreads };
  views = next;
  return views;
}

const STATUS_LABEL = { error: "has errors", warning: "has warnings", ok: "no issues", none: "not in a store" } as const;

/**
 * Whether cards are drawn simple (zoomed out: lib/canvas/detail.ts). Provided by the canvas, which
 * alone follows the zoom: the cards re-render when it flips, not on every zoom or pan step.
 */
export const SimpleCardsContext = createContext(false);

/**
 * Where a card's lines end: its centre. Plain elements with React Flow's handle classes, which it
 * measures when the card is laid out; not its `<Handle>` components, which each subscribe to its
 * store for connection state (2,000 of them on a 1,000-node design, checked on every pointer move
 * of a drag) although cards are never connected by hand.
 */
function CenterHandles() {
  return (
    <>
      <div className="react-flow__handle react-flow__handle-top target center-handle" data-handlepos="top" />
      <div className="react-flow__handle react-flow__handle-bottom source center-handle" data-handlepos="bottom" />
    </>
  );
}

export const ComponentNode = memo(function ComponentNode({ data }: NodeProps<ComponentFlowNode>) {
  // One selector per card, a lookup in views kept identical while equal: a card re-renders only when its own changes.
  // In the simulator the crown follows the failure: the elected or promoted leader wears it (`simLeads`).
  const view = useStudio((s) => cardViews(s).get(data.nodeId));
  const simple = use(SimpleCardsContext);
  if (!view) return null;
  const { node, badge, failed, down, simLeads, comments } = view;
  const status = badge?.status ?? "none";
  const leads = (s: NodeBadge["stores"][number]) => (simLeads === null ? s.leader : simLeads.split("\u0000").includes(s.id));
  const newLeader = (s: NodeBadge["stores"][number]) => simLeads !== null && leads(s) && !s.leader;
  const leaderOf = badge?.stores.filter(leads) ?? [];
  const learnerOf = badge?.stores.filter((s) => s.learner) ?? [];
  const role = (s: NodeBadge["stores"][number]) => (leads(s) ? (newLeader(s) ? " (new leader in this scenario)" : " (leader)") : s.learner ? " (learner, non-voting)" : "");
  if (simple) {
    // Zoomed out: a box with the name; kind by its colour and shape, status and selection by its
    // fill (app/globals.css), the rest in the tooltip. The handles stay (the lines end on them).
    const title = simpleCardTitle({ name: node.name, id: node.id, kind: kindLabel(node.kind), status: STATUS_LABEL[status], down, stores: badge?.stores.map((s) => storeRole(s, leads(s), newLeader(s))) ?? [] });
    return (
      <div
        className={`node-card simple${down ? " failed" : ""}`}
        data-kind={drawnKind(node.kind)}
        data-testid={`node-${node.id}`}
        data-status={status}
        data-failed={failed || undefined}
        data-down={down || undefined}
        title={title}
      >
        <CenterHandles />
        <span className="node-name">
          {down ? "DOWN · " : ""}
          {simpleCardName(node.name)}
        </span>
        <CommentMarkerView kind="node" id={node.id} name={node.name} count={comments} />
      </div>
    );
  }
  return (
    <div
      className={`node-card${down ? " failed" : ""}`}
      data-kind={drawnKind(node.kind)}
      data-testid={`node-${node.id}`}
      data-status={status}
      data-failed={failed || undefined}
      data-down={down || undefined}
      title={`${node.name} (${kindLabel(node.kind)}, ${node.id}) — ${STATUS_LABEL[status]}`}
    >
      <CenterHandles />
      {/* 24 px: the icon's own grid, so it paints without a scaling transform of its own (500 cards: less to layerize). */}
      <KindIcon kind={drawnKind(node.kind)} size={24} />
      <div className="node-text">
        <span className="node-name">{node.name}</span>
        <span className="node-meta">
          {down ? "DOWN · " : ""}
          {kindLabel(node.kind)}
        </span>
      </div>
      <span className={`status-dot ${status}`} role="img" aria-label={STATUS_LABEL[status]} />
      {badge && badge.stores.length > 0 && (
        <span className="store-chips" aria-label={`Stores: ${badge.stores.map((s) => storeRole(s, leads(s), newLeader(s))).join(", ")}`}>
          {badge.stores.map((s) =>
            s.learner ? (
              // A learner's chip is hollow and dashed, with a letter: not colour alone.
              <span key={s.id} className="chip learner" style={{ borderColor: storeColor(s.index), color: storeColor(s.index) }} title={`${s.name} — learner (non-voting)`}>
                L
              </span>
            ) : (
              <span key={s.id} className={`chip${newLeader(s) ? " new-leader" : ""}`} style={{ background: storeColor(s.index) }} title={`${s.name}${role(s).replace(/^ \((.*)\)$/, " — $1")}`} data-leader={leads(s) || undefined}>
                {leads(s) ? "♛" : ""}
              </span>
            ),
          )}
        </span>
      )}
      {learnerOf.length > 0 && (
        <span className="learner-badge" data-testid={`learner-${node.id}`} title={`Learner (non-voting) of ${learnerOf.map((s) => s.name).join(", ")}`}>
          learner
        </span>
      )}
      {leaderOf.length > 0 && <span className="sr-only">leader</span>}
      <CommentMarkerView kind="node" id={node.id} name={node.name} count={comments} />
    </div>
  );
});

export const nodeTypes = { region: RegionNode, zone: ZoneNode, component: ComponentNode };
