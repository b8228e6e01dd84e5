/**
 * Design → React Flow nodes. Regions and zones are frames (group nodes), design nodes are cards
 * inside them. Rebuilt on every design change, keeping what React Flow measured and selected.
 */
import type { Node } from "@xyflow/react";
import { NODE_HEIGHT, NODE_WIDTH, parentOf, resolveLayout } from "../design/layout";
import { zoneKey, type Design, type Region } from "../design/schema";

export type RegionData = { region: Region };
export type ZoneData = { regionId: string; zone: string; regionName: string };
/**
 * A card carries only its node's id: what it shows (name, kind) it reads from the design, so a
 * rename changes no flow node and React Flow (whose every update costs each of its nodes a check)
 * does no work; the card alone re-renders.
 */
export type ComponentData = { nodeId: string };
export type RegionFlowNode = Node<RegionData, "region">;
export type ZoneFlowNode = Node<ZoneData, "zone">;
export type ComponentFlowNode = Node<ComponentData, "component">;
export type FlowNode = RegionFlowNode | ZoneFlowNode | ComponentFlowNode;

export type ElementRef =
  | { type: "region"; id: string }
  | { type: "zone"; region: string; zone: string }
  | { type: "node"; id: string };

/** Flow ids carry the element type: `region:use1`, `zone:use1/a`, `node:pg1`. */
export const flowId = {
  region: (id: string) => `region:${id}`,
  zone: (region: string, zone: string) => `zone:${zoneKey(region, zone)}`,
  node: (id: string) => `node:${id}`,
};

export function parseFlowId(id: string): ElementRef | undefined {
  const colon = id.indexOf(":");
  const type = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (type === "region") return { type, id: rest };
  if (type === "node") return { type, id: rest };
  if (type === "zone") {
    const slash = rest.indexOf("/");
    return { type, region: rest.slice(0, slash), zone: rest.slice(slash + 1) };
  }
  return undefined;
}

/**
 * Reuses the previous flow node when nothing it shows changed, so React Flow (and our memoized
 * node components) skip it: on a 500-node design an edit then re-renders only what it touched.
 * (Same type, parent, position and size; `same` compares the rest.)
 */
function reuse<T extends FlowNode>(prev: FlowNode | undefined, next: T, same: (p: T) => boolean): T {
  if (!prev || prev.type !== next.type || prev.parentId !== next.parentId) return next;
  const p = prev as T;
  if (p.position.x === next.position.x && p.position.y === next.position.y && p.width === next.width && p.height === next.height && same(p)) return p;
  return next;
}

export function buildFlowNodes(design: Design, previous: readonly FlowNode[] = []): FlowNode[] {
  const layout = resolveLayout(design);
  const prev = new Map(previous.map((n) => [n.id, n]));
  const keep = (id: string) => {
    const p = prev.get(id);
    return p ? { selected: p.selected, measured: p.measured, ...(p.className ? { className: p.className } : {}) } : {};
  };
  const out: FlowNode[] = [];
  for (const region of design.regions ?? []) {
    const frame = layout.regions[region.id];
    const id = flowId.region(region.id);
    out.push(
      reuse<RegionFlowNode>(prev.get(id), {
        id,
        type: "region",
        position: { x: frame.x, y: frame.y },
        width: frame.width,
        height: frame.height,
        data: { region },
        zIndex: 0,
        ...keep(id),
      }, (p) => p.data.region === region),
    );
    for (const zone of region.zones ?? []) {
      const zf = layout.zones[zoneKey(region.id, zone)];
      const zid = flowId.zone(region.id, zone);
      out.push(
        reuse<ZoneFlowNode>(prev.get(zid), {
          id: zid,
          type: "zone",
          parentId: id,
          extent: "parent",
          position: { x: zf.x, y: zf.y },
          width: zf.width,
          height: zf.height,
          data: { regionId: region.id, zone, regionName: region.name },
          zIndex: 1,
          ...keep(zid),
        }, (p) => p.data.regionName === region.name),
      );
    }
  }
  for (const node of design.nodes ?? []) {
    const parent = parentOf(design, node);
    const nid = flowId.node(node.id);
    out.push(
      reuse<ComponentFlowNode>(prev.get(nid), {
        id: nid,
        type: "component",
        parentId: parent.zone ? flowId.zone(parent.region, parent.zone) : flowId.region(parent.region),
        position: layout.nodes[node.id],
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        data: { nodeId: node.id },
        zIndex: 2,
        ...keep(nid),
      }, () => true),
    );
  }
  // Nothing on the canvas changed (a rename of the design, an operation edit): the same array, so
  // neither React Flow nor the canvas's subscribers do any work.
  if (out.length === previous.length && out.every((n, i) => n === previous[i])) return previous as FlowNode[];
  return out;
}
