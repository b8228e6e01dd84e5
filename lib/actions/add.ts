/** Adding regions, zones, nodes and stores: the palette's buttons, the context menu's "add here". */
import { KIND_LABEL, addNode, addRegion, addZone } from "../design/commands";
import { NODE_HEIGHT, NODE_WIDTH, frameAt, resolveLayout } from "../design/layout";
import { NODE_KINDS, type NodeKind } from "../design/schema";
import { makeStore } from "../design/store-commands";
import { flowId, parseFlowId } from "../canvas/flow";
import type { StudioState } from "../store/studio-store";
import { canEdit, register, selectedNodeIds } from "./register";
import type { Action, ActionContext, ActionInput } from "./types";

/** The selected zone or region (or the selected node's), else the last region. */
export function selectedFrame(state: StudioState): { region: string; zone?: string } | undefined {
  const regions = state.design.regions ?? [];
  return frameOfSelection(state) ?? (regions.length ? { region: regions[regions.length - 1].id } : undefined);
}

/** The selected zone or region, or the selected node's; undefined when nothing of the kind is selected. */
export function frameOfSelection(state: Pick<StudioState, "design" | "flowNodes">): { region: string; zone?: string } | undefined {
  const { design, flowNodes } = state;
  const regions = design.regions ?? [];
  for (const selected of flowNodes.filter((n) => n.selected)) {
    const ref = parseFlowId(selected.id);
    if (ref?.type === "zone") return { region: ref.region, zone: ref.zone };
    if (ref?.type === "region") return { region: ref.id };
    if (ref?.type === "node") {
      const node = design.nodes?.find((n) => n.id === ref.id);
      const region = regions.find((r) => r.id === node?.region);
      if (node && region) return { region: region.id, zone: node.zone !== undefined && region.zones?.includes(node.zone) ? node.zone : undefined };
    }
  }
  return undefined;
}

/** The frame a menu was opened on, else the UI's idea of the target (the one in view), else the selection's. */
function frameFor(ctx: ActionContext, input: ActionInput): { region: string; zone?: string } | undefined {
  const t = input.target;
  if (t?.type === "zone") return { region: t.region, zone: t.zone };
  if (t?.type === "region") return { region: t.id };
  return ctx.ui.targetFrame?.() ?? selectedFrame(ctx.store.getState());
}

const hasRegions = (s: StudioState) => (s.design.regions?.length ?? 0) > 0;

function addRegionAction(id: string, label: string, zones: number): Action {
  return register({
    id,
    label,
    group: "add",
    keywords: ["new", "frame", "datacenter", "cloud", ...(zones ? ["zones", "availability zone"] : [])],
    enabled: canEdit,
    perform: (ctx, input) => {
      const state = ctx.store.getState();
      const created = addRegion(state.design, { zones, ...(input.at ? { origin: input.at } : {}) });
      if (state.edit(() => created.design, { select: [flowId.region(created.id)] }) && !input.at) ctx.ui.fitView?.();
    },
  });
}

export const addRegionOnly = addRegionAction("add-region", "Add a region", 0);
export const addRegionWithZones = addRegionAction("add-region-3-zones", "Add a region with 3 zones", 3);

export const addCloudRegion = register({
  id: "add-cloud-region",
  label: "Add a cloud region (AWS, Google Cloud, Azure)…",
  group: "add",
  keywords: ["aws", "gcp", "google", "azure", "catalogue", "region", "us-east-1", "europe", "latency", "rtt"],
  enabled: (s, ctx) => canEdit(s) && ctx.ui.openCloudRegions !== undefined,
  perform: (ctx) => ctx.ui.openCloudRegions?.(),
});

export const addZoneAction = register({
  id: "add-zone",
  label: "Add a zone",
  group: "add",
  keywords: ["new", "availability zone", "az"],
  enabled: (s) => canEdit(s) && hasRegions(s),
  perform: (ctx, input) => {
    const target = frameFor(ctx, input);
    if (!target) return;
    const state = ctx.store.getState();
    const created = addZone(state.design, target.region);
    state.edit(() => created.design, { select: [flowId.zone(target.region, created.id)] });
  },
});

/** Adds a node of `kind`: at a point of the canvas when given (menu), else into the target frame. */
function addNodeAction(kind: NodeKind): Action {
  return register({
    id: `add-node-${kind}`,
    label: `Add a ${KIND_LABEL[kind].toLowerCase()}`,
    group: "add",
    keywords: ["new", "node", kind, KIND_LABEL[kind]],
    enabled: (s) => canEdit(s) && hasRegions(s),
    perform: (ctx, input) => {
      const state = ctx.store.getState();
      if (input.at) {
        const target = frameAt(state.design, resolveLayout(state.design), input.at);
        if (!target) {
          state.showToast("Nodes live inside a region: add it onto a region or zone");
          return;
        }
        const position = { x: input.at.x - target.origin.x - NODE_WIDTH / 2, y: input.at.y - target.origin.y - NODE_HEIGHT / 2 };
        const created = addNode(state.design, { kind, region: target.region, zone: target.zone, position });
        state.edit(() => created.design, { select: [flowId.node(created.id)] });
        return;
      }
      const target = frameFor(ctx, input);
      if (!target) return;
      const created = addNode(state.design, { kind, region: target.region, zone: target.zone });
      state.edit(() => created.design, { select: [flowId.node(created.id)] });
    },
  });
}

export const addNodeActions: Action[] = NODE_KINDS.map(addNodeAction);

export const makeStoreAction = register({
  id: "make-store",
  label: "Make a store of the selected nodes",
  group: "add",
  keywords: ["replica set", "replication", "group", "cluster", "new store"],
  enabled: (s) => canEdit(s) && selectedNodeIds(s).length > 0,
  perform: ({ store }) => {
    const state = store.getState();
    const created = makeStore(state.design, selectedNodeIds(state));
    state.edit(() => created.design, { focus: { type: "store", id: created.id } });
  },
});
