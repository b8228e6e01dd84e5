/**
 * Canvas geometry. A design may carry a partial `layout` (or none, e.g. a hand-written file):
 * `resolveLayout` fills every missing frame and position deterministically, without changing the
 * design, so the canvas always has something sensible to draw. `tidyLayout` is the same
 * arrangement for everything ("Tidy layout"): regions in document order, left to right and
 * wrapping into rows that share a top edge; zones in order inside them (a before b); nodes in a
 * grid; sized so that a three-region design opens readable at "fit" on a laptop screen.
 */
import { zoneKey, type Design, type DesignNode, type Frame, type Layout, type Point, type Region } from "./schema";

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 48;
/** Inside a region: from its border to its zones and loose nodes. */
export const PAD = 12;
/** Between zones, and between loose nodes. */
export const GAP = 16;
export const REGION_HEADER = 34;
export const ZONE_HEADER = 26;
/** Inside a zone: from its border to its nodes. */
const ZONE_PAD = 10;
/** Between cards in a zone: room for a replication line to pass. */
const NODE_GAP_X = 24;
const NODE_GAP_Y = 16;
/** Between regions: the channel replication lines run in. */
export const REGION_SPACING = 48;
/** The canvas a fit is aimed at (1440×900 with the panels open), in canvas units at zoom 1. */
const TARGET = { width: 900, height: 560 };

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

/** How many columns a grid of `n` cards gets: one up to three cards, then two, then a square. */
function gridColumns(n: number): number {
  return n <= 3 ? 1 : n <= 8 ? 2 : Math.ceil(Math.sqrt(n));
}

function gridSize(n: number, columns: number): { width: number; height: number } {
  const rows = Math.max(1, Math.ceil(n / columns));
  return { width: columns * NODE_WIDTH + (columns - 1) * NODE_GAP_X, height: rows * NODE_HEIGHT + (rows - 1) * NODE_GAP_Y };
}

function gridSlot(i: number, columns: number, left: number, top: number): Point {
  return { x: left + (i % columns) * (NODE_WIDTH + NODE_GAP_X), y: top + Math.floor(i / columns) * (NODE_HEIGHT + NODE_GAP_Y) };
}

type Orientation = "row" | "column";

interface RegionPlan {
  width: number;
  height: number;
  zones: Record<string, Frame>;
  nodes: Record<string, Point>;
}

/** A region's zones side by side ("row") or stacked ("column"), in order, each a grid of its nodes. */
function planRegion(design: Design, region: Region, orientation: Orientation): RegionPlan {
  const plan: RegionPlan = { width: 0, height: 0, zones: {}, nodes: {} };
  const zones = region.zones ?? [];
  const members = (design.nodes ?? []).filter((n) => n.region === region.id);
  const inZone = zones.map((z) => members.filter((n) => n.zone === z));
  const loose = members.filter((n) => n.zone === undefined || !zones.includes(n.zone));
  const sizes = inZone.map((m) => {
    const columns = gridColumns(m.length);
    const grid = gridSize(m.length, columns);
    return { columns, width: grid.width + 2 * ZONE_PAD, height: ZONE_HEADER + grid.height + ZONE_PAD };
  });
  // Zones in a column share a width, zones in a row a height: their edges line up.
  const zoneWidth = Math.max(0, ...sizes.map((s) => s.width));
  const zoneHeight = Math.max(0, ...sizes.map((s) => s.height));
  let x = PAD;
  let y = REGION_HEADER;
  zones.forEach((zone, i) => {
    const frame = orientation === "column" ? { x: PAD, y, width: zoneWidth, height: sizes[i].height } : { x, y: REGION_HEADER, width: sizes[i].width, height: zoneHeight };
    plan.zones[zoneKey(region.id, zone)] = frame;
    inZone[i].forEach((node, j) => (plan.nodes[node.id] = gridSlot(j, sizes[i].columns, ZONE_PAD, ZONE_HEADER)));
    if (orientation === "column") y += frame.height + GAP;
    else x += frame.width + GAP;
  });
  const zonesWidth = zones.length === 0 ? 0 : orientation === "column" ? zoneWidth : x - GAP - PAD;
  const zonesBottom = zones.length === 0 ? REGION_HEADER : orientation === "column" ? y - GAP : REGION_HEADER + zoneHeight;
  const looseColumns = zones.length === 0 ? gridColumns(loose.length) : Math.max(1, Math.floor((zonesWidth + NODE_GAP_X) / (NODE_WIDTH + NODE_GAP_X)));
  const looseTop = zones.length ? zonesBottom + GAP : REGION_HEADER;
  loose.forEach((node, i) => (plan.nodes[node.id] = gridSlot(i, looseColumns, PAD, looseTop)));
  const looseGrid = gridSize(loose.length, looseColumns);
  plan.width = Math.max(zonesWidth, loose.length ? looseGrid.width : 0, NODE_WIDTH) + 2 * PAD;
  plan.height = Math.max(loose.length ? looseTop + looseGrid.height : zonesBottom, REGION_HEADER + NODE_HEIGHT) + PAD;
  return plan;
}

/**
 * The tidy arrangement of the whole design ("Tidy layout", and the default for anything a design
 * does not place itself): regions in document order, left to right, wrapping into rows that share
 * their top edge and height; zones in order inside each region (a left of or above b); nodes in
 * a grid in document order. Of the ways to wrap the regions and to orient their zones, the one
 * that fits a laptop-sized canvas at the largest zoom wins (ties: fewer rows, zones side by side).
 *
 * @example tidyLayout(design).regions.use1 // { x: 0, y: 0, width: 224, height: 400 }
 */
export function tidyLayout(design: Design): ResolvedLayout {
  const regions = design.regions ?? [];
  let best: { score: number; layout: ResolvedLayout } | undefined;
  for (const orientation of ["row", "column"] as const) {
    const plans = regions.map((r) => planRegion(design, r, orientation));
    for (let perRow = Math.max(1, regions.length); perRow >= 1; perRow--) {
      const layout: ResolvedLayout = { regions: {}, zones: {}, nodes: {} };
      let top = 0;
      let width = 0;
      for (let start = 0; start < regions.length; start += perRow) {
        const row = plans.slice(start, start + perRow);
        const height = Math.max(...row.map((p) => p.height));
        let left = 0;
        row.forEach((plan, i) => {
          layout.regions[regions[start + i].id] = { x: left, y: top, width: plan.width, height };
          Object.assign(layout.zones, plan.zones);
          Object.assign(layout.nodes, plan.nodes);
          left += plan.width + REGION_SPACING;
        });
        width = Math.max(width, left - REGION_SPACING);
        top += height + REGION_SPACING;
      }
      const height = Math.max(0, top - REGION_SPACING);
      // Past zoom 1.25 a larger fit reads no better: prefer the earlier (wider, zones-in-a-row) option.
      const score = Math.min(1.25, TARGET.width / Math.max(width, 1), TARGET.height / Math.max(height, 1));
      if (!best || score > best.score + 1e-9) best = { score, layout };
    }
  }
  return best?.layout ?? { regions: {}, zones: {}, nodes: {} };
}

/**
 * Every region frame, zone frame and node position: `design.layout`'s where present, else the
 * tidy arrangement's. A frame or node the layout lacks beside ones it has goes where it cannot
 * overlap them: a region right of the last row, a zone right of its siblings, a node below its
 * siblings.
 */
export function resolveLayout(design: Design): ResolvedLayout {
  // Called on every edit and pointer move: the last answer is reused while what it reads is the
  // same (the layout object, the regions' ids and zones, the nodes' ids and places), so renames
  // and edits of stores or operations cost a comparison instead of a tidy layout of every card.
  if (lastResolved && lastResolved.layout === design.layout && sameFrames(lastResolved.regions, design.regions) && samePlaces(lastResolved.nodes, design.nodes)) {
    lastResolved = { ...lastResolved, regions: design.regions, nodes: design.nodes };
    return lastResolved.result;
  }
  const result = computeLayout(design);
  lastResolved = { layout: design.layout, regions: design.regions, nodes: design.nodes, result };
  return result;
}

/** The inputs and answer of the last `resolveLayout` (answers are never mutated by callers). */
let lastResolved: { layout: Design["layout"]; regions: Design["regions"]; nodes: Design["nodes"]; result: ResolvedLayout } | null = null;

function sameFrames(a: Design["regions"], b: Design["regions"]): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((r, i) => {
    const q = b[i];
    if (r.id !== q.id) return false;
    const za = r.zones ?? [];
    const zb = q.zones ?? [];
    return za === zb || (za.length === zb.length && za.every((z, j) => z === zb[j]));
  });
}

function samePlaces(a: Design["nodes"], b: Design["nodes"]): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((n, i) => n === b[i] || (n.id === b[i].id && n.region === b[i].region && n.zone === b[i].zone));
}

function computeLayout(design: Design): ResolvedLayout {
  const layout = design.layout ?? {};
  const regions = design.regions ?? [];
  const nodes = design.nodes ?? [];
  const complete =
    regions.every((r) => layout.regions?.[r.id] && (r.zones ?? []).every((z) => layout.zones?.[zoneKey(r.id, z)])) && nodes.every((n) => layout.nodes?.[n.id]);
  if (complete) {
    const out: ResolvedLayout = { regions: {}, zones: {}, nodes: {} };
    for (const r of regions) {
      out.regions[r.id] = layout.regions![r.id];
      for (const z of r.zones ?? []) out.zones[zoneKey(r.id, z)] = layout.zones![zoneKey(r.id, z)];
    }
    for (const n of nodes) out.nodes[n.id] = layout.nodes![n.id];
    return out;
  }
  const tidy = tidyLayout(design);
  const out: ResolvedLayout = { regions: {}, zones: {}, nodes: {} };
  const someRegionPlaced = regions.some((r) => layout.regions?.[r.id]);
  for (const region of regions) {
    const zones = region.zones ?? [];
    const someZonePlaced = zones.some((z) => layout.zones?.[zoneKey(region.id, z)]);
    let zoneRight = PAD;
    for (const zone of zones) {
      const key = zoneKey(region.id, zone);
      const placed = layout.zones?.[key];
      if (placed) zoneRight = Math.max(zoneRight, placed.x + placed.width + GAP);
    }
    let right = 0;
    let bottom = 0;
    for (const zone of zones) {
      const key = zoneKey(region.id, zone);
      const frame = layout.zones?.[key] ?? (someZonePlaced ? { ...tidy.zones[key], x: zoneRight, y: REGION_HEADER } : tidy.zones[key]);
      if (!layout.zones?.[key] && someZonePlaced) zoneRight += frame.width + GAP;
      out.zones[key] = frame;
      const members = nodes.filter((n) => n.region === region.id && n.zone === zone);
      placeMembers(members, !!layout.zones?.[key], ZONE_HEADER, layout, tidy, out);
      right = Math.max(right, frame.x + frame.width);
      bottom = Math.max(bottom, frame.y + frame.height);
    }
    const loose = nodes.filter((n) => n.region === region.id && !(n.zone !== undefined && zones.includes(n.zone)));
    const explicit = layout.regions?.[region.id];
    placeMembers(loose, !!explicit, zones.length ? bottom + GAP : REGION_HEADER, layout, tidy, out);
    for (const n of loose) {
      right = Math.max(right, out.nodes[n.id].x + NODE_WIDTH);
      bottom = Math.max(bottom, out.nodes[n.id].y + NODE_HEIGHT);
    }
    if (explicit) out.regions[region.id] = explicit;
    else {
      const base = tidy.regions[region.id];
      const size = { width: Math.max(base.width, right + PAD), height: Math.max(base.height, bottom + PAD) };
      out.regions[region.id] = someRegionPlaced ? { ...nextRegionSlot(regions.flatMap((r) => out.regions[r.id] ?? layout.regions?.[r.id] ?? [])), ...size } : { ...base, ...size };
    }
  }
  return out;
}

/** Nodes of one frame: placed ones stay; the rest take their tidy place, or (in a frame the layout placed) go below the placed ones. */
function placeMembers(members: DesignNode[], framePlaced: boolean, top: number, layout: Layout, tidy: ResolvedLayout, out: ResolvedLayout) {
  let below = top;
  for (const n of members) {
    const p = layout.nodes?.[n.id];
    if (p) below = Math.max(below, p.y + NODE_HEIGHT + GAP);
  }
  for (const n of members) {
    const p = layout.nodes?.[n.id];
    if (p) out.nodes[n.id] = p;
    else if (!framePlaced) out.nodes[n.id] = tidy.nodes[n.id];
    else {
      out.nodes[n.id] = { x: PAD, y: below };
      below += NODE_HEIGHT + GAP;
    }
  }
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

/**
 * Where a node dropped, pasted or duplicated at `position` (relative to its frame) goes: inside
 * the frame's padding and below its header, and, with `keepClear`, moved down past any sibling
 * card (or, loose in a region, zone) it would cover. A frame too small for it then grows
 * (commands' `fitParents`), pushing what lies below or beside it along: nothing ends up covered.
 */
export function placeInFrame(
  design: Design,
  resolved: ResolvedLayout,
  parent: { region: string; zone?: string },
  position: Point,
  options: { ignore?: string; keepClear?: boolean } = {},
): Point {
  const frame = parent.zone !== undefined ? resolved.zones[zoneKey(parent.region, parent.zone)] : resolved.regions[parent.region];
  // A nudge moves freely (the frame grows to follow).
  if (options.keepClear === false) return { x: Math.max(0, Math.round(position.x)), y: Math.max(0, Math.round(position.y)) };
  const pad = parent.zone !== undefined ? ZONE_PAD : PAD;
  let x = Math.round(position.x);
  let y = Math.max(parent.zone !== undefined ? ZONE_HEADER : REGION_HEADER, Math.round(position.y));
  if (frame) x = Math.min(x, frame.width - pad - NODE_WIDTH);
  x = Math.max(pad, x);
  const obstacles: Frame[] = (design.nodes ?? [])
    .filter((n) => n.id !== options.ignore && resolved.nodes[n.id])
    .filter((n) => {
      const p = parentOf(design, n);
      return p.region === parent.region && p.zone === parent.zone;
    })
    .map((n) => ({ ...resolved.nodes[n.id], width: NODE_WIDTH, height: NODE_HEIGHT }));
  if (parent.zone === undefined) {
    const region = design.regions?.find((r) => r.id === parent.region);
    for (const z of region?.zones ?? []) {
      const f = resolved.zones[zoneKey(parent.region, z)];
      if (f) obstacles.push(f);
    }
  }
  // Each step moves strictly down past one obstacle, so this ends.
  for (let moved = true; moved; ) {
    moved = false;
    for (const o of obstacles) {
      if (x < o.x + o.width + 4 && o.x < x + NODE_WIDTH + 4 && y < o.y + o.height + 4 && o.y < y + NODE_HEIGHT + 4) {
        y = o.y + o.height + NODE_GAP_Y;
        moved = true;
      }
    }
  }
  return { x, y };
}

/**
 * The zoom at which a drawing this size fits a laptop-sized canvas, up to 100 %: the canvas reads
 * as designed there, so a new region's place is not chosen for a magnification nobody needs.
 */
function fitZoom(width: number, height: number): number {
  return Math.min(1, TARGET.width / Math.max(width, 1), TARGET.height / Math.max(height, 1));
}

/** The least zoom at which the canvas's 12 px labels still read (about 10 px). */
export const READABLE_ZOOM = 0.8;

/**
 * Where a new region frame goes among the others, and which of the shapes it may take (e.g. its
 * zones side by side or stacked): right of the last row while the whole drawing then still fits
 * a laptop-sized canvas at a readable zoom — regions line up in a row, as tidy layout puts them —
 * else at the start of a new row below (unless that fits no better). Of the shapes, the one with
 * which the drawing fits at the larger zoom (ties: the first given). Existing frames never move.
 *
 * @example placeNewRegion([], [{ width: 248, height: 528 }]) // { origin: { x: 0, y: 0 }, shape: { width: 248, height: 528 } }
 */
export function placeNewRegion<S extends { width: number; height: number }>(frames: readonly Frame[], shapes: readonly S[], at?: Point): { origin: Point; shape: S } {
  const left = frames.length ? Math.min(...frames.map((f) => f.x)) : 0;
  const lastTop = frames.length ? Math.max(...frames.map((f) => f.y)) : 0;
  const lastRow = frames.filter((f) => f.y > lastTop - 40);
  const slots: Point[] = at
    ? [at]
    : frames.length === 0
      ? [{ x: 0, y: 0 }]
      : [
          { x: Math.max(...lastRow.map((f) => f.x + f.width)) + REGION_SPACING, y: Math.min(...lastRow.map((f) => f.y)) },
          { x: left, y: Math.max(...frames.map((f) => f.y + f.height)) + REGION_SPACING },
        ];
  /** The best shape at a slot, and the zoom the drawing then fits at. */
  const best = (origin: Point) => {
    let chosen: { origin: Point; shape: S; zoom: number } | undefined;
    for (const shape of shapes) {
      const all = [...frames, { ...origin, ...shape }];
      const x0 = Math.min(...all.map((f) => f.x));
      const y0 = Math.min(...all.map((f) => f.y));
      const zoom = fitZoom(Math.max(...all.map((f) => f.x + f.width)) - x0, Math.max(...all.map((f) => f.y + f.height)) - y0);
      if (!chosen || zoom > chosen.zoom + 1e-9) chosen = { origin, shape, zoom };
    }
    return chosen!;
  };
  const [right, below] = slots.map(best);
  const pick = !below || right.zoom >= Math.min(READABLE_ZOOM, below.zoom) - 1e-9 ? right : below;
  return { origin: pick.origin, shape: pick.shape };
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
