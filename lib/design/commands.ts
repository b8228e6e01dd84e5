/**
 * Design edits as pure functions: each takes a design and returns a new one (never mutates), and
 * each keeps a valid design valid (see commands.test.ts, which checks that property on random
 * edit sequences). The studio's store calls these; so can tests, the CLI and scripts.
 *
 * @example
 * let d = emptyDesign("Checkout");
 * const r = addRegion(d, { name: "us-east-1", zones: 3 }); d = r.design;
 * d = addNode(d, { kind: "database", region: r.id, zone: "a" }).design;
 */
import { defaultName, elementIds, idFromName } from "./ids";
import { clampQuorum } from "./quorum";
import {
  drawnKind,
  FORMAT,
  LEADER_MODES,
  zoneKey,
  type Design,
  type DesignNode,
  type Frame,
  type NodeKind,
  type NamedScenario,
  type Point,
  type Region,
  type Store,
} from "./schema";
import {
  GAP,
  NODE_HEIGHT,
  NODE_WIDTH,
  PAD,
  REGION_HEADER,
  ZONE_HEADER,
  freeSlot,
  grow,
  placeNewRegion,
  parentOf,
  placeInFrame,
  resolveLayout,
} from "./layout";

export class DesignCommandError extends Error {}

export interface Created {
  design: Design;
  id: string;
}

const KIND_PREFIX: Record<NodeKind, string> = {
  database: "db",
  cache: "cache",
  lock: "lock",
  broker: "broker",
  service: "svc",
  "load-balancer": "lb",
};

export const KIND_LABEL: Record<NodeKind, string> = {
  database: "Database",
  cache: "Cache",
  lock: "Lock",
  broker: "Broker",
  service: "Service",
  "load-balancer": "Load balancer",
};

/** How a node's kind reads in the UI: the known kinds' labels, any other kind as written. */
export function kindLabel(kind: string): string {
  return (KIND_LABEL as Record<string, string | undefined>)[kind] ?? kind;
}

function nextZoneId(taken: readonly string[]): string {
  for (let k = 0; ; k++) {
    let id = "";
    for (let n = k; ; n = Math.floor(n / 26) - 1) {
      id = String.fromCharCode(97 + (n % 26)) + id;
      if (n < 26) break;
    }
    if (!taken.includes(id)) return id;
  }
}

/** A new, empty design: a valid document with every list present. */
/** `name`, or `name (2)`, `name (3)`… — the first not in `taken` (new designs next to their namesakes). */
export function unusedName(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(name)) return name;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const candidate = `${name.slice(0, 200 - suffix.length)}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

export function emptyDesign(name: string): Design {
  return {
    format: FORMAT,
    name: name.trim().slice(0, 200) || "Untitled design",
    regions: [],
    links: [],
    nodes: [],
    stores: [],
    operations: [],
    layout: { regions: {}, zones: {}, nodes: {} },
  };
}

/**
 * A design just made by "New design" and left as it came: its default name ("Untitled design",
 * "Untitled design (2)") and nothing drawn or listed. Leaving such a design discards it.
 */
export function isUntouchedNewDesign(design: Design): boolean {
  return (
    /^Untitled design( \(\d+\))?$/.test(design.name) &&
    !design.regions?.length &&
    !design.nodes?.length &&
    !design.stores?.length &&
    !design.operations?.length &&
    design.context === undefined
  );
}

/**
 * Pins every frame and position the canvas currently shows into `layout`, so that an edit never
 * makes untouched elements jump (defaults depend on what else is in a frame).
 */
export function materializeLayout(design: Design): Design {
  const resolved = resolveLayout(design);
  return { ...design, layout: { regions: resolved.regions, zones: resolved.zones, nodes: resolved.nodes } };
}

function getRegion(design: Design, id: string): Region {
  const region = design.regions?.find((r) => r.id === id);
  if (!region) throw new DesignCommandError(`unknown region "${id}"`);
  return region;
}

function getNode(design: Design, id: string): DesignNode {
  const node = design.nodes?.find((n) => n.id === id);
  if (!node) throw new DesignCommandError(`unknown node "${id}"`);
  return node;
}

/** A trimmed, non-empty name of at most 200 characters. */
export function cleanName(name: string): string {
  const trimmed = name.trim().slice(0, 200);
  if (!trimmed) throw new DesignCommandError("a name cannot be empty");
  return trimmed;
}

export function renameDesign(design: Design, name: string): Design {
  return { ...design, name: cleanName(name) };
}

/** Adds a region (optionally with `zones` zones named a, b, c…) right of the existing ones. */
export function addRegion(design: Design, options: { name?: string; zones?: number; origin?: Point } = {}): Created {
  const base = materializeLayout(design);
  const taken = elementIds(base);
  const name = options.name ? cleanName(options.name) : defaultName("Region", (base.regions ?? []).map((r) => r.name), taken);
  const id = idFromName(name, taken, "region");
  const zoneIds: string[] = [];
  for (let k = 0; k < (options.zones ?? 0); k++) zoneIds.push(nextZoneId(zoneIds));
  const region: Region = { id, name, ...(zoneIds.length ? { zones: zoneIds } : {}) };
  // Its zones side by side, or stacked in one column (a narrow frame that leaves room for the
  // next region in the row); placeNewRegion picks the shape and the place where the drawing fits
  // at the largest zoom, beside the others while it stays readable.
  const zoneWidth = NODE_WIDTH + 2 * PAD;
  const zoneHeight = ZONE_HEADER + 2 * (NODE_HEIGHT + GAP) + PAD - GAP;
  const shape = (stacked: boolean) => {
    const zones: Record<string, Frame> = {};
    zoneIds.forEach((z, k) => {
      zones[zoneKey(id, z)] = stacked ? { x: PAD, y: REGION_HEADER + k * (zoneHeight + GAP), width: zoneWidth, height: zoneHeight } : { x: PAD + k * (zoneWidth + GAP), y: REGION_HEADER, width: zoneWidth, height: zoneHeight };
    });
    if (zoneIds.length === 0) return { width: 360, height: 220, zones };
    const across = stacked ? 1 : zoneIds.length;
    const down = stacked ? zoneIds.length : 1;
    // Side by side, at least as wide as a region without zones; stacked, as narrow as a zone allows.
    const width = Math.max(stacked ? 0 : 360, PAD + across * (zoneWidth + GAP) - GAP + PAD);
    return { width, height: REGION_HEADER + down * (zoneHeight + GAP) - GAP + PAD, zones };
  };
  const shapes = zoneIds.length > 1 ? [shape(true), shape(false)] : [shape(false)];
  const at = options.origin ? { x: Math.round(options.origin.x), y: Math.round(options.origin.y) } : undefined;
  const { origin, shape: chosen } = placeNewRegion(Object.values(resolveLayout(base).regions), shapes, at);
  const { zones: zoneFrames, width, height } = chosen;
  const layout = base.layout ?? {};
  return {
    id,
    design: {
      ...base,
      regions: [...(base.regions ?? []), region],
      layout: {
        ...layout,
        regions: { ...layout.regions, [id]: { ...origin, width, height } },
        zones: { ...layout.zones, ...zoneFrames },
      },
    },
  };
}

/** Adds a zone to a region, right of its other zones; the region frame grows to hold it. */
export function addZone(design: Design, regionId: string): Created {
  const base = materializeLayout(design);
  const region = getRegion(base, regionId);
  const zones = region.zones ?? [];
  const zone = nextZoneId(zones);
  const layout = base.layout ?? {};
  const frames = zones.map((z) => layout.zones?.[zoneKey(regionId, z)]).filter((f): f is Frame => !!f);
  const x = frames.length ? Math.max(...frames.map((f) => f.x + f.width)) + GAP : PAD;
  const frame: Frame = { x, y: REGION_HEADER, width: NODE_WIDTH + 2 * PAD, height: ZONE_HEADER + 2 * (NODE_HEIGHT + GAP) + PAD - GAP };
  const regionFrame = layout.regions?.[regionId];
  return {
    id: zone,
    design: {
      ...base,
      regions: (base.regions ?? []).map((r) => (r.id === regionId ? { ...r, zones: [...zones, zone] } : r)),
      layout: {
        ...layout,
        zones: { ...layout.zones, [zoneKey(regionId, zone)]: frame },
        regions: regionFrame ? { ...layout.regions, [regionId]: grow(regionFrame, frame.x + frame.width, frame.y + frame.height) } : layout.regions,
      },
    },
  };
}

/**
 * Grows the node's zone frame and region frame so the node at `position` fits inside. Growth is
 * downward and to the right; whatever sat below a grown frame (a zone under it in a column, loose
 * nodes, a region in the next row) moves down by as much, so nothing ends up covered.
 */
function fitParents(design: Design, node: DesignNode, position: Point): Design {
  const layout = design.layout ?? {};
  const parent = parentOf(design, node);
  let right = position.x + NODE_WIDTH;
  let bottom = position.y + NODE_HEIGHT;
  const zones = { ...layout.zones };
  const regions = { ...layout.regions };
  const nodes = { ...layout.nodes };
  const region = design.regions?.find((r) => r.id === parent.region);
  const looseIds = (design.nodes ?? []).filter((n) => parentOf(design, n).region === parent.region && parentOf(design, n).zone === undefined).map((n) => n.id);
  /** Moves frames (and points) that lie wholly below or right of `f` by the growth of `f`. */
  const shift = <T extends Point>(f: Frame, grown: Frame, items: [string, T | undefined][], set: (id: string, v: T) => void, size: (v: T) => { width: number; height: number }) => {
    const dx = grown.width - f.width;
    const dy = grown.height - f.height;
    for (const [id, v] of items) {
      if (!v) continue;
      const { width, height } = size(v);
      const overlapsX = v.x < f.x + f.width && f.x < v.x + width;
      const overlapsY = v.y < f.y + f.height && f.y < v.y + height;
      if (dy > 0 && overlapsX && v.y >= f.y + f.height - 1) set(id, { ...v, y: v.y + dy });
      else if (dx > 0 && overlapsY && v.x >= f.x + f.width - 1) set(id, { ...v, x: v.x + dx });
    }
  };
  const frameSize = (f: Frame) => f;
  const nodeSize = () => ({ width: NODE_WIDTH, height: NODE_HEIGHT });
  if (parent.zone) {
    const key = zoneKey(parent.region, parent.zone);
    const zf = zones[key];
    if (zf) {
      const grown = grow(zf, right, bottom);
      zones[key] = grown;
      const others = (region?.zones ?? []).map((z) => zoneKey(parent.region, z)).filter((k) => k !== key);
      shift(zf, grown, others.map((k) => [k, zones[k]]), (k, v) => (zones[k] = v), frameSize);
      shift(zf, grown, looseIds.map((id) => [id, nodes[id]]), (id, v) => (nodes[id] = v), nodeSize);
      right = zf.x + grown.width;
      bottom = zf.y + grown.height;
    }
  }
  const rf = regions[parent.region];
  if (rf) {
    // The region holds every zone and loose node it has, after the moves above.
    for (const z of region?.zones ?? []) {
      const f = zones[zoneKey(parent.region, z)];
      if (!f) continue;
      right = Math.max(right, f.x + f.width);
      bottom = Math.max(bottom, f.y + f.height);
    }
    for (const id of looseIds) {
      const p = nodes[id];
      if (!p || id === node.id) continue;
      right = Math.max(right, p.x + NODE_WIDTH);
      bottom = Math.max(bottom, p.y + NODE_HEIGHT);
    }
    const grown = grow(rf, right, bottom);
    regions[parent.region] = grown;
    shift(rf, grown, Object.entries(regions).filter(([id]) => id !== parent.region), (id, v) => (regions[id] = v), frameSize);
  }
  return { ...design, layout: { ...layout, zones, regions, nodes } };
}

/** Adds a node of `kind` to a region (and zone), below what is already there. */
export function addNode(
  design: Design,
  options: { kind: string; region: string; zone?: string; name?: string; position?: Point },
): Created {
  const base = materializeLayout(design);
  const region = getRegion(base, options.region);
  const zone = options.zone !== undefined && region.zones?.includes(options.zone) ? options.zone : undefined;
  if (options.zone !== undefined && zone === undefined) throw new DesignCommandError(`region "${region.id}" has no zone "${options.zone}"`);
  const taken = elementIds(base);
  const name = options.name ? cleanName(options.name) : defaultName(kindLabel(options.kind), (base.nodes ?? []).map((n) => n.name), taken);
  const id = idFromName(name, taken, KIND_PREFIX[drawnKind(options.kind)]);
  const node: DesignNode = {
    id,
    name,
    kind: options.kind,
    region: region.id,
    ...(zone !== undefined ? { zone } : {}),
  };
  // A node dropped or pasted at a position lands inside its frame, clear of the cards there.
  const position = options.position
    ? placeInFrame(base, resolveLayout(base), { region: region.id, zone }, options.position)
    : freeSlot(base, resolveLayout(base), region, zone);
  const layout = base.layout ?? {};
  const withNode: Design = {
    ...base,
    nodes: [...(base.nodes ?? []), node],
    layout: { ...layout, nodes: { ...layout.nodes, [id]: position } },
  };
  return { id, design: fitParents(withNode, node, position) };
}

/**
 * Moves a node into a region (and zone) at `position` (relative to the new parent frame) — what
 * dropping a node into a frame on the canvas does.
 */
export function placeNode(design: Design, nodeId: string, target: { region: string; zone?: string; position: Point }, options: { keepClear?: boolean } = {}): Design {
  const base = materializeLayout(design);
  const node = getNode(base, nodeId);
  const region = getRegion(base, target.region);
  if (target.zone !== undefined && !region.zones?.includes(target.zone)) {
    throw new DesignCommandError(`region "${region.id}" has no zone "${target.zone}"`);
  }
  // Inside the frame it was dropped on, clear of the cards already there (a nudge only stays inside).
  const position = placeInFrame(base, resolveLayout(base), { region: region.id, zone: target.zone }, target.position, { ignore: nodeId, keepClear: options.keepClear });
  const layout = base.layout ?? {};
  // Moving within the same frame is a layout-only change: keep the node (and the list) as they are,
  // so the analysis can tell that nothing it reads has changed.
  const sameParent = node.region === region.id && node.zone === target.zone;
  const moved: DesignNode = sameParent ? node : { ...node, region: region.id };
  if (!sameParent) {
    if (target.zone !== undefined) moved.zone = target.zone;
    else delete moved.zone;
  }
  const next: Design = {
    ...base,
    nodes: sameParent ? base.nodes : (base.nodes ?? []).map((n) => (n.id === nodeId ? moved : n)),
    layout: { ...layout, nodes: { ...layout.nodes, [nodeId]: position } },
  };
  return fitParents(next, moved, position);
}

/** Moves a node to another region/zone, below what is already there (the inspector's move). */
export function moveNodeTo(design: Design, nodeId: string, regionId: string, zone?: string): Design {
  const base = materializeLayout(design);
  const region = getRegion(base, regionId);
  const without: Design = { ...base, nodes: (base.nodes ?? []).filter((n) => n.id !== nodeId) };
  getNode(base, nodeId);
  const position = freeSlot(without, resolveLayout(without), region, zone);
  return placeNode(base, nodeId, { region: regionId, zone, position });
}

export interface NodePatch {
  name?: string;
  kind?: string;
  /** `null` removes the override (the design default applies). */
  availability?: number | null;
}

export function updateNode(design: Design, id: string, patch: NodePatch): Design {
  getNode(design, id);
  return {
    ...design,
    nodes: (design.nodes ?? []).map((n) => {
      if (n.id !== id) return n;
      const next: DesignNode = { ...n };
      if (patch.name !== undefined) next.name = cleanName(patch.name);
      if (patch.kind !== undefined) next.kind = patch.kind;
      if (patch.availability === null) delete next.availability;
      else if (patch.availability !== undefined) next.availability = checkProbability(patch.availability);
      return next;
    }),
  };
}

export interface RegionPatch {
  name?: string;
  availability?: number | null;
}

export function updateRegion(design: Design, id: string, patch: RegionPatch): Design {
  getRegion(design, id);
  return {
    ...design,
    regions: (design.regions ?? []).map((r) => {
      if (r.id !== id) return r;
      const next: Region = { ...r };
      if (patch.name !== undefined) next.name = cleanName(patch.name);
      if (patch.availability === null) delete next.availability;
      else if (patch.availability !== undefined) next.availability = checkProbability(patch.availability);
      return next;
    }),
  };
}

function checkProbability(value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new DesignCommandError("availability must be between 0 and 1");
  return value;
}

const roundFrame = (f: Frame): Frame => ({
  x: Math.round(f.x),
  y: Math.round(f.y),
  width: Math.max(40, Math.round(f.width)),
  height: Math.max(40, Math.round(f.height)),
});

/** Layout-only edits (dragging, resizing): the analysis ignores them. */
export function setRegionFrame(design: Design, id: string, frame: Frame): Design {
  getRegion(design, id);
  const base = materializeLayout(design);
  return { ...base, layout: { ...base.layout, regions: { ...base.layout?.regions, [id]: roundFrame(frame) } } };
}

export function setZoneFrame(design: Design, regionId: string, zone: string, frame: Frame): Design {
  if (!getRegion(design, regionId).zones?.includes(zone)) throw new DesignCommandError(`region "${regionId}" has no zone "${zone}"`);
  const base = materializeLayout(design);
  const key = zoneKey(regionId, zone);
  return { ...base, layout: { ...base.layout, zones: { ...base.layout?.zones, [key]: roundFrame(frame) } } };
}

export function setNodePosition(design: Design, id: string, position: Point, options: { keepClear?: boolean } = {}): Design {
  const node = getNode(design, id);
  return placeNode(design, id, { region: node.region, zone: parentOf(design, node).zone, position }, options);
}

export interface Selection {
  nodes?: readonly string[];
  regions?: readonly string[];
  /** [regionId, zoneId] pairs. */
  zones?: readonly (readonly [string, string])[];
}

/**
 * Deletes regions, zones and nodes, and everything that can no longer stand without them:
 * a region takes its nodes, links and zones with it; a zone takes its nodes; a node leaves its
 * stores (the leader moves to the next replica, quorums shrink to fit); a store left with no
 * replicas is deleted with its operations; operations whose client region is gone fall back to
 * the default (the leader's region).
 */
export function deleteElements(design: Design, selection: Selection): Design {
  const regionIds = new Set(selection.regions ?? []);
  const zoneKeys = new Set((selection.zones ?? []).map(([r, z]) => zoneKey(r, z)));
  const nodeIds = new Set(selection.nodes ?? []);
  for (const node of design.nodes ?? []) {
    if (regionIds.has(node.region)) nodeIds.add(node.id);
    if (node.zone !== undefined && zoneKeys.has(zoneKey(node.region, node.zone))) nodeIds.add(node.id);
  }

  const regions = (design.regions ?? [])
    .filter((r) => !regionIds.has(r.id))
    .map((r) => {
      if (!r.zones?.some((z) => zoneKeys.has(zoneKey(r.id, z)))) return r;
      const zones = r.zones.filter((z) => !zoneKeys.has(zoneKey(r.id, z)));
      const next: Region = { ...r, zones };
      if (zones.length === 0) delete next.zones;
      return next;
    });

  const removedStores = new Set<string>();
  const stores: Store[] = [];
  for (const store of design.stores ?? []) {
    const replicas = store.replicas.filter((id) => !nodeIds.has(id));
    if (replicas.length === 0) {
      removedStores.add(store.id);
      continue;
    }
    const learners = store.learners?.filter((id) => !nodeIds.has(id));
    if (replicas.length === store.replicas.length && learners?.length === store.learners?.length) {
      stores.push(store);
      continue;
    }
    const next: Store = { ...store, replicas };
    if (learners !== undefined) {
      if (learners.length) next.learners = learners;
      else delete next.learners;
    }
    if (next.leader !== undefined && (!replicas.includes(next.leader) || !LEADER_MODES.includes(next.replication))) delete next.leader;
    if (next.readQuorum !== undefined) next.readQuorum = clampQuorum(next.readQuorum, replicas.length);
    if (next.writeQuorum !== undefined) next.writeQuorum = clampQuorum(next.writeQuorum, replicas.length);
    stores.push(next);
  }
  const sizeOf = new Map(stores.map((s) => [s.id, s.replicas.length]));

  const operations = (design.operations ?? [])
    .filter((op) => !removedStores.has(op.store))
    .map((op) => {
      const next = { ...op };
      if (next.clientRegion !== undefined && regionIds.has(next.clientRegion)) delete next.clientRegion;
      const n = sizeOf.get(op.store);
      if (next.quorum !== undefined && n !== undefined) next.quorum = clampQuorum(next.quorum, n);
      return next;
    });

  const layout = design.layout;
  const keep = <T>(record: Record<string, T> | undefined, drop: (key: string) => boolean) =>
    record && Object.fromEntries(Object.entries(record).filter(([k]) => !drop(k)));
  const nextLayout = layout && {
    ...layout,
    regions: keep(layout.regions, (k) => regionIds.has(k)),
    zones: keep(layout.zones, (k) => zoneKeys.has(k) || regionIds.has(k.slice(0, k.indexOf("/")))),
    nodes: keep(layout.nodes, (k) => nodeIds.has(k)),
  };

  const next: Design = {
    ...design,
    regions,
    nodes: (design.nodes ?? []).filter((n) => !nodeIds.has(n.id)),
    stores,
    operations,
  };
  if (design.links) next.links = design.links.filter((l) => !regionIds.has(l.a) && !regionIds.has(l.b));
  if (design.scenarios) {
    next.scenarios = design.scenarios.map((sc) => {
      const kept: NamedScenario = { name: sc.name };
      if (sc.failRegions) kept.failRegions = sc.failRegions.filter((r) => !regionIds.has(r));
      if (sc.failZones) kept.failZones = sc.failZones.filter((z) => !zoneKeys.has(z) && !regionIds.has(z.slice(0, z.indexOf("/"))));
      if (sc.failNodes) kept.failNodes = sc.failNodes.filter((n) => !nodeIds.has(n));
      if (sc.split) kept.split = sc.split.map((side) => side.filter((r) => !regionIds.has(r))).filter((side) => side.length > 0);
      return kept;
    });
  }
  if (nextLayout) next.layout = nextLayout;
  return next;
}

/**
 * Copies nodes into the same region and zone, offset a little, named "… copy"; returns the new
 * ids in order (Ctrl/Cmd+D, paste).
 */
export function duplicateNodes(design: Design, ids: readonly string[]): { design: Design; ids: string[] } {
  let next = materializeLayout(design);
  const created: string[] = [];
  for (const id of ids) {
    const node = next.nodes?.find((n) => n.id === id);
    if (!node) continue;
    const name = `${node.name} copy`.slice(0, 200);
    const newId = idFromName(name, elementIds(next), KIND_PREFIX[drawnKind(node.kind)]);
    const copy: DesignNode = { ...node, id: newId, name };
    const at = next.layout?.nodes?.[id] ?? { x: PAD, y: REGION_HEADER };
    // The copy goes just below the original, past earlier copies and other cards: a second
    // Ctrl+D never lands on the first copy, and the frame grows rather than spills.
    const position = placeInFrame(next, resolveLayout(next), parentOf(next, node), at);
    next = { ...next, nodes: [...(next.nodes ?? []), copy], layout: { ...next.layout, nodes: { ...next.layout?.nodes, [newId]: position } } };
    next = fitParents(next, copy, position);
    created.push(newId);
  }
  return { design: next, ids: created };
}

/** Moves nodes by (dx, dy) inside their frames (arrow-key nudges). */
export function nudgeNodes(design: Design, ids: readonly string[], dx: number, dy: number): Design {
  let next = materializeLayout(design);
  for (const id of ids) {
    const at = next.layout?.nodes?.[id];
    if (at) next = setNodePosition(next, id, { x: at.x + dx, y: at.y + dy }, { keepClear: false });
  }
  return next;
}

/** Saves a simulator scenario under a name (replacing one of the same name). */
export function saveScenario(design: Design, scenario: NamedScenario): Design {
  const named: NamedScenario = { ...scenario, name: cleanName(scenario.name), split: scenario.split?.filter((side) => side.length > 0) };
  for (const key of ["failRegions", "failZones", "failNodes", "split"] as const) if (named[key]?.length === 0) delete named[key];
  const others = (design.scenarios ?? []).filter((s) => s.name !== named.name);
  return { ...design, scenarios: [...others, named] };
}

export function deleteScenario(design: Design, name: string): Design {
  const scenarios = (design.scenarios ?? []).filter((s) => s.name !== name);
  const next: Design = { ...design, scenarios };
  if (scenarios.length === 0) delete next.scenarios;
  return next;
}

/** True when two designs differ only in their layout (what the analysis ignores). */
export function sameSemantics(a: Design, b: Design): boolean {
  return (
    a.name === b.name &&
    a.context === b.context &&
    a.defaults === b.defaults &&
    a.regions === b.regions &&
    a.links === b.links &&
    a.nodes === b.nodes &&
    a.stores === b.stores &&
    a.operations === b.operations
  );
}

/** Number of nodes, for the designs list. */
export function nodeCount(design: Design): number {
  return design.nodes?.length ?? 0;
}
