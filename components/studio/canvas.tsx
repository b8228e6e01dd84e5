"use client";

import { Background, BackgroundVariant, Controls, ReactFlow, useReactFlow, useStore as useFlowStore, type Node, type OnNodeDrag } from "@xyflow/react";
import { useCallback, useMemo } from "react";
import { replication, routeInputs } from "@/lib/canvas/edges";
import { addNode, addRegion, placeNode, setRegionFrame, setZoneFrame } from "@/lib/design/commands";
import { NODE_HEIGHT, NODE_WIDTH, frameAt, parentOrigin, resolveLayout } from "@/lib/design/layout";
import { NODE_KINDS, type NodeKind } from "@/lib/design/schema";
import { simpleCards } from "@/lib/canvas/detail";
import { flowId, parseFlowId, type FlowNode } from "@/lib/canvas/flow";
import dynamic from "next/dynamic";
import { useCanvasContextMenu } from "./canvas-context-menu";
import { SimpleCardsContext, nodeTypes } from "./flow-nodes";
import { OverviewMap } from "./overview-map";
import { edgeTypes } from "./route-edge";
import { StoreLinesLayer } from "./store-lines";

/** Others' pointers and selections: loads with the live session, after the canvas is up. */
const CanvasPresence = dynamic(() => import("@/components/live/canvas-presence").then((m) => m.CanvasPresence), { ssr: false });
import { useStudio, useStudioStore } from "./studio-context";

/**
 * "Fit": the drawing fills the canvas but for a thin margin (wider on the left, where the zoom
 * buttons are), up to 125 % (cards stay card-sized).
 */
export const FIT_VIEW = { padding: { top: "24px", right: "24px", bottom: "24px", left: "56px" }, maxZoom: 1.25 } as const;

/** MIME type of palette drags. */
export const PALETTE_MIME = "application/x-quorum-studio-palette";

export function Canvas() {
  const store = useStudioStore();
  const flowNodes = useStudio((s) => s.flowNodes);
  const onNodesChange = useStudio((s) => s.onNodesChange);
  const nodeCount = useStudio((s) => s.design.nodes?.length ?? 0);
  const simulating = useStudio((s) => s.mode === "simulate");
  const readOnly = useStudio((s) => s.readOnly);
  const liveOn = useStudio((s) => s.live !== null);
  // Zoomed out, cards are drawn simple (lib/canvas/detail.ts): a boolean, so the canvas and the
  // cards re-render when it flips, not on every step of a zoom or pan.
  const simple = useFlowStore((s) => simpleCards(s.transform[2], nodeCount));
  // Lines are routed around the cards, so they follow the layout and store membership; they are
  // rerouted (and the canvas re-rendered) only when one of those changes, not when a node or
  // region is renamed or an operation edited (`routeInputs` stays the same object then).
  const routed = useStudio((s) => routeInputs(s.design));
  const { edges: baseEdges, lines } = useMemo(() => replication({ format: "quorum-studio/design@1", name: "", ...routed }), [routed]);
  // In the simulator, replication to or from a failed node is drawn faded and dashed: it is not happening.
  const downNodes = useStudio((s) => s.simulation?.downNodes);
  // While cards are dragged, the lines routed to where they were fade out until the drop reroutes them.
  const dragging = useStudio((s) => s.flowNodes.some((n) => n.dragging));
  const edges = useMemo(() => {
    if (!downNodes?.length && !dragging) return baseEdges;
    const down = new Set(downNodes ?? []);
    return baseEdges.map((e) => ({ ...e, data: { ...e.data, down: [...down] }, style: dragging ? { opacity: 0.2 } : undefined }));
  }, [baseEdges, downNodes, dragging]);
  const { screenToFlowPosition } = useReactFlow();
  const contextMenu = useCanvasContextMenu();

  /** Where the centre of a dragged design node is, and which frame is under it. */
  const targetOf = useCallback(
    (dragged: Node) => {
      const ref = parseFlowId(dragged.id);
      if (ref?.type !== "node") return undefined;
      const { design } = store.getState();
      const node = design.nodes?.find((n) => n.id === ref.id);
      if (!node) return undefined;
      const layout = resolveLayout(design);
      const origin = parentOrigin(design, layout, node);
      const topLeft = { x: origin.x + dragged.position.x, y: origin.y + dragged.position.y };
      const centre = { x: topLeft.x + NODE_WIDTH / 2, y: topLeft.y + NODE_HEIGHT / 2 };
      return { id: ref.id, topLeft, target: frameAt(design, layout, centre) };
    },
    [store],
  );

  const onNodeDrag: OnNodeDrag<FlowNode> = useCallback(
    (_event, dragged) => {
      const found = targetOf(dragged);
      const t = found?.target;
      store.getState().setDropTarget(t ? (t.zone ? flowId.zone(t.region, t.zone) : flowId.region(t.region)) : null);
    },
    [store, targetOf],
  );

  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback(
    (_event, _node, dragged) => {
      const state = store.getState();
      state.setDropTarget(null);
      let refused = false;
      const ok = state.edit((design) => {
        let next = design;
        for (const flowNode of dragged) {
          const ref = parseFlowId(flowNode.id);
          if (ref?.type === "region") {
            const { width, height } = resolveLayout(next).regions[ref.id];
            next = setRegionFrame(next, ref.id, { ...flowNode.position, width, height });
          } else if (ref?.type === "zone") {
            const zf = resolveLayout(next).zones[`${ref.region}/${ref.zone}`];
            next = setZoneFrame(next, ref.region, ref.zone, { ...flowNode.position, width: zf.width, height: zf.height });
          } else if (ref?.type === "node") {
            const found = targetOf(flowNode);
            if (!found?.target) {
              refused = true;
              continue;
            }
            const { target, topLeft } = found;
            next = placeNode(next, ref.id, {
              region: target.region,
              zone: target.zone,
              position: { x: topLeft.x - target.origin.x, y: topLeft.y - target.origin.y },
            });
          }
        }
        return next;
      });
      if (!ok || refused) {
        store.getState().resetFlow();
        if (refused) store.getState().showToast("Nodes live inside a region: drop it onto a region or zone");
      }
    },
    [store, targetOf],
  );

  /** In simulator mode a click fails or restores the element instead of selecting it. */
  // A click on empty canvas clears a focused store or operation too (back to the design's context).
  const onPaneClick = useCallback(() => {
    if (store.getState().focus) store.setState({ focus: null });
  }, [store]);

  const onNodeClick = useCallback(
    (_event: React.MouseEvent, node: FlowNode) => {
      const state = store.getState();
      if (state.mode !== "simulate") return;
      const ref = parseFlowId(node.id);
      if (!ref) return;
      const toggle = (list: string[] | undefined, id: string) => (list?.includes(id) ? list.filter((x) => x !== id) : [...(list ?? []), id]);
      state.setScenario((sc) =>
        ref.type === "region"
          ? { ...sc, failRegions: toggle(sc.failRegions, ref.id) }
          : ref.type === "zone"
            ? { ...sc, failZones: toggle(sc.failZones, `${ref.region}/${ref.zone}`) }
            : { ...sc, failNodes: toggle(sc.failNodes, ref.id) },
      );
    },
    [store],
  );

  const onDragOver = useCallback((event: React.DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      const item = event.dataTransfer.getData(PALETTE_MIME);
      if (!item) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const state = store.getState();
      if (item === "region") {
        const created = addRegion(state.design, { origin: point });
        state.edit(() => created.design, { select: [flowId.region(created.id)] });
        return;
      }
      if (!(NODE_KINDS as readonly string[]).includes(item)) return;
      const target = frameAt(state.design, resolveLayout(state.design), point);
      if (!target) {
        state.showToast("Drop nodes onto a region or zone (add a region first)");
        return;
      }
      const position = { x: point.x - target.origin.x - NODE_WIDTH / 2, y: point.y - target.origin.y - NODE_HEIGHT / 2 };
      const created = addNode(state.design, { kind: item as NodeKind, region: target.region, zone: target.zone, position });
      state.edit(() => created.design, { select: [flowId.node(created.id)] });
    },
    [screenToFlowPosition, store],
  );

  return (
    <SimpleCardsContext value={simple}>
      <ReactFlow<FlowNode>
        className={simple ? "simple-cards" : undefined}
        nodes={flowNodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        nodesDraggable={!simulating && !readOnly}
        onlyRenderVisibleElements={flowNodes.length > 300}
        elementsSelectable={!simulating}
        onNodesChange={onNodesChange}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onDragOver={onDragOver}
        onDrop={readOnly ? undefined : onDrop}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={["Meta", "Control", "Shift"]}
        snapToGrid
        snapGrid={[8, 8]}
        minZoom={0.1}
        maxZoom={2.5}
        fitView
        fitViewOptions={FIT_VIEW}
        proOptions={{ hideAttribution: true }}
        aria-label="Design canvas"
        {...contextMenu.handlers}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
        {/* A small design fits the canvas at a readable zoom: a minimap would only cover part of it. */}
        {nodeCount > 40 && <OverviewMap />}
        <Controls showInteractive={false} aria-label="Zoom controls" />
        {contextMenu.menu}
        {/* Past the routing limit: straight lines, which follow the dragged cards. */}
        {lines.length > 0 && <StoreLinesLayer stores={lines} down={downNodes} />}
        {liveOn && <CanvasPresence />}
      </ReactFlow>
    </SimpleCardsContext>
  );
}
