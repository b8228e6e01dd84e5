/**
 * Canvas geometry. A design may carry a partial `layout` (or none, e.g. a hand-written file):
 * `resolveLayout` fills every missing frame and position deterministically, without changing the
 * design, so the canvas always has something sensible to draw.
 */
import { zoneKey, type Design, type DesignNode, type Frame, type Point, type Region } from "./schema";

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 56;
export const PAD = 20;
export const GAP = 16;
export const REGION_HEADER = 40;
export const ZONE_HEADER = 32;
const REGION_SPACING = 80;

export interface ResolvedLayout {
  regions: Record<string, Frame>;
  /** Relative to the region. */
  zones: Record<string, Frame>;
  /** Relative to `parentOf(node)`. */
  nodes: Record<string, Point>;
}

/** The frame a node sits in: its zone (when the region lists that zone) or its region. */
export function parentOf(design: Design, node: DesignNode): { region: string; zone?: string } {
  const region = design.regions?.find((r) => r.id === node.region);
  if (node.zone !== undefined && region?.zones?.includes(node.zone)) return { region: node.region, zone: node.zone };
  return { region: node.region };
}

function defaultZoneSize(count: number): { width: number; height: number } {
  return { width: NODE_WIDTH + 2 * PAD, height: ZONE_HEADER + Math.max(count, 1) * (NODE_HEIGHT + GAP) + PAD - GAP };
}

function slot(index: number, top: number): Point {
  return { x: PAD, y: top + index * (NODE_HEIGHT + GAP) };
}

/** Every region frame, zone frame and node position, taken from `design.layout` where present. */
export function resolveLayout(design: Design): ResolvedLayout {
  const layout = design.layout ?? {};
  const out: ResolvedLayout = { regions: {}, zones: {}, nodes: {} };
  const nodes = design.nodes ?? [];
  for (const region of design.regions ?? []) {
    const zones = region.zones ?? [];
    const inZone = (z: string) => nodes.filter((n) => n.region === region.id && n.zone === z);
    const loose = nodes.filter((n) => n.region === region.id && !(n.zone !== undefined && zones.includes(n.zone)));

    let zoneRight = PAD;
    let zoneBottom = REGION_HEADER;
    for (const zone of zones) {
      const key = zoneKey(region.id, zone);
      const members = inZone(zone);
      const frame = layout.zones?.[key] ?? { x: zoneRight, y: REGION_HEADER, ...defaultZoneSize(members.length) };
      out.zones[key] = frame;
      zoneRight = Math.max(zoneRight, frame.x + frame.width + GAP);
      zoneBottom = Math.max(zoneBottom, frame.y + frame.height);
      members.forEach((node, i) => {
        out.nodes[node.id] = layout.nodes?.[node.id] ?? slot(i, ZONE_HEADER);
      });
    }
    const looseTop = zones.length ? zoneBottom + GAP : REGION_HEADER;
    loose.forEach((node, i) => {
      out.nodes[node.id] = layout.nodes?.[node.id] ?? slot(i, looseTop);
    });

    const contentWidth = Math.max(zoneRight - GAP + PAD, NODE_WIDTH + 2 * PAD, 260);
    const contentHeight = Math.max(looseTop + loose.length * (NODE_HEIGHT + GAP) - GAP + PAD, REGION_HEADER + NODE_HEIGHT + 2 * PAD, zoneBottom + PAD);
    out.regions[region.id] = layout.regions?.[region.id] ?? { ...nextRegionSlot(Object.values(out.regions)), width: contentWidth, height: contentHeight };
  }
  return out;
}

/** Where a new node goes in a frame: below everything already there. */
export function freeSlot(design: Design, resolved: ResolvedLayout, region: Region, zone: string | undefined): Point {
  const siblings = (design.nodes ?? []).filter((n) => {
    const parent = parentOf(design, n);
    return parent.region === region.id && parent.zone === zone;
  });
  let top = zone ? ZONE_HEADER : REGION_HEADER;
  if (!zone) {
    for (const z of region.zones ?? []) {
      const f = resolved.zones[zoneKey(region.id, z)];
      if (f) top = Math.max(top, f.y + f.height + GAP);
    }
  }
  for (const s of siblings) {
    const p = resolved.nodes[s.id];
    if (p) top = Math.max(top, p.y + NODE_HEIGHT + GAP);
  }
  return { x: PAD, y: top };
}

/** Where a new region goes: right of the others. */
export function nextRegionOrigin(resolved: ResolvedLayout): Point {
  return nextRegionSlot(Object.values(resolved.regions));
}

/**
 * Where the next region goes: to the right of the last row while that row has fewer than
 * max(2, ⌈√(n+1)⌉) regions, else at the start of a new row below. Regions wrap into a roughly
 * square grid, so three regions open at a readable zoom instead of one long strip.
 */
function nextRegionSlot(frames: readonly Frame[]): Point {
  if (frames.length === 0) return { x: 0, y: 0 };
  const lastTop = Math.max(...frames.map((f) => f.y));
  const lastRow = frames.filter((f) => f.y > lastTop - 40);
  const columns = Math.max(2, Math.ceil(Math.sqrt(frames.length + 1)));
  if (lastRow.length < columns) return { x: Math.max(...lastRow.map((f) => f.x + f.width)) + REGION_SPACING, y: Math.min(...lastRow.map((f) => f.y)) };
  return { x: Math.min(...frames.map((f) => f.x)), y: Math.max(...frames.map((f) => f.y + f.height)) + REGION_SPACING };
}

export function grow(frame: Frame, right: number, bottom: number): Frame {
  return { ...frame, width: Math.max(frame.width, right + PAD), height: Math.max(frame.height, bottom + PAD) };
}

/** True when the point lies inside the frame. */
export function contains(frame: Frame, p: Point): boolean {
  return p.x >= frame.x && p.x <= frame.x + frame.width && p.y >= frame.y && p.y <= frame.y + frame.height;
}

export interface DropTarget {
  region: string;
  zone?: string;
  /** Canvas position of the target frame's top-left corner. */
  origin: Point;
}

/** The innermost frame (zone, else region) under a canvas point; the last drawn wins ties. */
export function frameAt(design: Design, resolved: ResolvedLayout, point: Point): DropTarget | undefined {
  const regions = [...(design.regions ?? [])].reverse();
  for (const region of regions) {
    const rf = resolved.regions[region.id];
    if (!rf || !contains(rf, point)) continue;
    for (const zone of [...(region.zones ?? [])].reverse()) {
      const zf = resolved.zones[zoneKey(region.id, zone)];
      if (zf && contains({ ...zf, x: rf.x + zf.x, y: rf.y + zf.y }, point)) {
        return { region: region.id, zone, origin: { x: rf.x + zf.x, y: rf.y + zf.y } };
      }
    }
    return { region: region.id, origin: { x: rf.x, y: rf.y } };
  }
  return undefined;
}

/** Canvas position of a node's parent frame's top-left corner. */
export function parentOrigin(design: Design, resolved: ResolvedLayout, node: DesignNode): Point {
  const parent = parentOf(design, node);
  const rf = resolved.regions[parent.region] ?? { x: 0, y: 0 };
  const zf = parent.zone ? resolved.zones[zoneKey(parent.region, parent.zone)] : undefined;
  return zf ? { x: rf.x + zf.x, y: rf.y + zf.y } : { x: rf.x, y: rf.y };
}
