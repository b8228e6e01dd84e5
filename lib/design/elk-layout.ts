/**
 * "Tidy layout" with ELK (the Eclipse Layout Kernel, elkjs): regions stay frames with their zones
 * nested inside, nodes sit in their zone (or region), and the layered algorithm places replicas
 * of a store near each other, leader before followers, so replication edges run short and
 * mostly one way. Pure apart from ELK itself (no DOM, no React): the studio loads it on demand,
 * and it runs the same in Node for the tests.
 */
import ELK, { type ElkExtendedEdge, type ElkNode } from "elkjs/lib/elk.bundled.js";
import { NODE_HEIGHT, NODE_WIDTH, parentOf } from "./layout";
import { LEADER_MODES, zoneKey, type Design, type Frame, type Layout, type Point } from "./schema";

const REGION_PADDING = "[top=52,left=20,bottom=20,right=20]";
const ZONE_PADDING = "[top=36,left=16,bottom=16,right=16]";

/** Edges ELK lays out by: leader → follower, or a chain through a leaderless / multi-leader set. */
function storeEdges(design: Design): ElkExtendedEdge[] {
  const edges: ElkExtendedEdge[] = [];
  for (const store of design.stores ?? []) {
    const known = store.replicas.filter((r) => design.nodes?.some((n) => n.id === r));
    if (LEADER_MODES.includes(store.replication)) {
      const leader = store.leader && known.includes(store.leader) ? store.leader : known[0];
      for (const r of known) if (r !== leader) edges.push({ id: `e${edges.length}`, sources: [`n:${leader}`], targets: [`n:${r}`] });
    } else {
      for (let i = 1; i < known.length; i++) edges.push({ id: `e${edges.length}`, sources: [`n:${known[i - 1]}`], targets: [`n:${known[i]}`] });
    }
  }
  return edges;
}

/** The ELK graph: regions ⊃ zones ⊃ nodes, with the store edges at the root. */
export function elkGraph(design: Design): ElkNode {
  const nodeBox = (id: string): ElkNode => ({ id: `n:${id}`, width: NODE_WIDTH, height: NODE_HEIGHT });
  const regions: ElkNode[] = (design.regions ?? []).map((region) => {
    const members = (design.nodes ?? []).filter((n) => n.region === region.id);
    const zones: ElkNode[] = (region.zones ?? []).map((zone) => ({
      id: `z:${zoneKey(region.id, zone)}`,
      layoutOptions: { "elk.padding": ZONE_PADDING, "elk.nodeSize.constraints": "[MINIMUM_SIZE]", "elk.nodeSize.minimum": "(160, 96)" },
      children: members.filter((n) => parentOf(design, n).zone === zone).map((n) => nodeBox(n.id)),
    }));
    const loose = members.filter((n) => parentOf(design, n).zone === undefined).map((n) => nodeBox(n.id));
    return {
      id: `r:${region.id}`,
      layoutOptions: { "elk.padding": REGION_PADDING, "elk.nodeSize.constraints": "[MINIMUM_SIZE]", "elk.nodeSize.minimum": "(260, 140)", "elk.spacing.nodeNode": "20" },
      children: [...zones, ...loose],
    };
  });
  return {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.hierarchyHandling": "INCLUDE_CHILDREN",
      "elk.spacing.nodeNode": "24",
      "elk.layered.spacing.nodeNodeBetweenLayers": "48",
      "elk.spacing.componentComponent": "80",
      "elk.randomSeed": "1",
    },
    children: regions,
    edges: storeEdges(design),
  };
}

const round = (v: number | undefined) => Math.round(v ?? 0);
const frame = (n: ElkNode): Frame => ({ x: round(n.x), y: round(n.y), width: Math.max(40, round(n.width)), height: Math.max(40, round(n.height)) });
const point = (n: ElkNode): Point => ({ x: round(n.x), y: round(n.y) });

/**
 * A layout for every region, zone and node, computed by ELK (deterministic: same design, same
 * layout). Zone frames are relative to their region, node positions to their zone or region, as
 * in `design.layout`. The design's semantics are untouched.
 */
export async function elkLayout(design: Design, elk: { layout: (graph: ElkNode) => Promise<ElkNode> } = new ELK()): Promise<Required<Pick<Layout, "regions" | "zones" | "nodes">>> {
  const laid = await elk.layout(elkGraph(design));
  const layout = { regions: {} as Record<string, Frame>, zones: {} as Record<string, Frame>, nodes: {} as Record<string, Point> };
  for (const region of laid.children ?? []) {
    layout.regions[region.id.slice(2)] = frame(region);
    for (const child of region.children ?? []) {
      if (child.id.startsWith("z:")) {
        layout.zones[child.id.slice(2)] = frame(child);
        for (const node of child.children ?? []) layout.nodes[node.id.slice(2)] = point(node);
      } else layout.nodes[child.id.slice(2)] = point(child);
    }
  }
  return layout;
}

/** The design with an ELK layout (what "Tidy layout" applies; undo restores the old one). */
export async function tidyWithElk(design: Design): Promise<Design> {
  return { ...design, layout: await elkLayout(design) };
}
