/**
 * Replication lines routed around the cards. Each store is drawn as one tree of orthogonal lines
 * from its leader (or first replica) to every member, through the free space between cards: a
 * line never crosses a node card, a region's or zone's name, or another store's label, and two
 * stores share a channel only when there is no other way (then side by side). Each store's label
 * sits on its own line in free space. Pure geometry in canvas coordinates (no React, no DOM): the
 * canvas draws what this returns, and the tests check it.
 *
 * The router is a shortest path (Dijkstra, with a cost per bend) on the grid of channel centre
 * lines between obstacles — the usual way diagram tools (libavoid, draw.io) route orthogonal
 * connectors. Members join the tree nearest first, so a store's lines share a trunk.
 */
import { NODE_HEIGHT, NODE_WIDTH, REGION_HEADER, parentOf, resolveLayout, type ResolvedLayout } from "./layout";
import { quorumLabel } from "./quorum";
import { LEADER_MODES, zoneKey, type Design, type Frame, type Point, type QuorumSpec, type Store } from "./schema";

export interface LabelBox extends Frame {
  text: string;
}

export interface StoreRoute {
  store: string;
  /** Polylines in canvas coordinates, each ending on the side of `members[i]`'s card. */
  paths: Point[][];
  members: string[];
  /** Dotted lines to non-voting learners, each ending on `learners[i]`'s card. */
  learnerPaths: Point[][];
  learners: string[];
  label?: LabelBox;
}

/** Past this many cards the canvas draws straight lines (routing would cost more than it shows). */
export const MAX_ROUTED_NODES = 100;
export const LABEL_HEIGHT = 18;
/** Width of a store label at 11 px semibold in the system font, with its padding (generous). */
export const labelWidth = (text: string) => Math.ceil(text.length * 6.8) + 14;

/** Clearance kept around a card. */
const MARGIN = 8;
/** A bend costs as much as this many units of length: few corners beat a slightly shorter line. */
const BEND = 36;
/** Running along another store's line costs this many times its length. */
const SHARED = 6;

/** "Ledger · raft", "Sessions · R1/W2", "Events · async". */
export function storeLabel(store: Store): string {
  if (LEADER_MODES.includes(store.replication)) {
    const kind = store.replication === "primary-async" ? "async" : store.replication === "primary-sync" ? "sync" : (store.protocol ?? "consensus");
    return `${store.name} · ${kind}`;
  }
  if (store.replication === "leaderless") {
    const majority = Math.floor(store.replicas.length / 2) + 1;
    return `${store.name} · ${quorumPair(store.readQuorum ?? majority, store.writeQuorum ?? majority)}`;
  }
  return `${store.name} · ${store.replication}`;
}

/** "R2/W2"; with a per-region spec "R LOCAL_QUORUM / W EACH_QUORUM". */
function quorumPair(r: QuorumSpec, w: QuorumSpec): string {
  if (typeof r === "number" && typeof w === "number") return `R${r}/W${w}`;
  return `R ${quorumLabel(r)} / W ${quorumLabel(w)}`;
}

/** Every node card's rectangle in canvas coordinates. */
export function cardRects(design: Design, resolved: ResolvedLayout = resolveLayout(design)): Map<string, Frame> {
  const out = new Map<string, Frame>();
  for (const node of design.nodes ?? []) {
    const parent = parentOf(design, node);
    const rf = resolved.regions[parent.region];
    const p = resolved.nodes[node.id];
    if (!rf || !p) continue;
    const zf = parent.zone !== undefined ? resolved.zones[zoneKey(parent.region, parent.zone)] : undefined;
    out.set(node.id, { x: rf.x + (zf?.x ?? 0) + p.x, y: rf.y + (zf?.y ?? 0) + p.y, width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  return out;
}

/** Where region and zone names are written (top-left of each frame), generously measured. */
export function frameLabelRects(design: Design, resolved: ResolvedLayout = resolveLayout(design)): Frame[] {
  const out: Frame[] = [];
  for (const region of design.regions ?? []) {
    const rf = resolved.regions[region.id];
    if (!rf) continue;
    out.push({ x: rf.x + 10, y: rf.y + 6, width: Math.min(rf.width - 12, region.name.length * 8.5 + region.id.length * 7 + 24), height: REGION_HEADER - 12 });
    for (const zone of region.zones ?? []) {
      const zf = resolved.zones[zoneKey(region.id, zone)];
      if (zf) out.push({ x: rf.x + zf.x + 8, y: rf.y + zf.y + 4, width: Math.min(zf.width - 10, 44 + zone.length * 7.5), height: 18 });
    }
  }
  return out;
}

export const overlaps = (a: Frame, b: Frame) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inflate = (f: Frame, m: number): Frame => ({ x: f.x - m, y: f.y - m, width: f.width + 2 * m, height: f.height + 2 * m });

/** True when the segment passes through the inside of the rectangle (touching its edge is not). */
export function segmentCrossesRect(a: Point, b: Point, r: Frame): boolean {
  // Liang–Barsky clipping against the open rectangle (shrunk by a hair).
  const eps = 1e-6;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const ps = [-dx, dx, -dy, dy];
  const qs = [a.x - (r.x + eps), r.x + r.width - eps - a.x, a.y - (r.y + eps), r.y + r.height - eps - a.y];
  let t0 = 0;
  let t1 = 1;
  for (let k = 0; k < 4; k++) {
    const p = ps[k];
    const q = qs[k];
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return t1 > t0 + 1e-9 || (dx === 0 && dy === 0);
}

type Dir = 0 | 1 | 2 | 3; // right, down, left, up
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

interface Port {
  /** On the card's side. */
  at: Point;
  /** The grid vertex the stub reaches, and the direction pointing away from the card. */
  vertex: number;
  out: Dir;
  stub: number;
}

class Heap {
  private items: [number, number][] = [];
  get size() {
    return this.items.length;
  }
  push(cost: number, state: number) {
    const a = this.items;
    a.push([cost, state]);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p][0] <= a[i][0]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): [number, number] {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l][0] < a[m][0]) m = l;
        if (r < a.length && a[r][0] < a[m][0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Centre lines of the gaps between obstacle edges (and side tracks in wide gaps). */
function channelLines(edges: number[], extra: number[], low: number, high: number): number[] {
  const sorted = [...new Set([low, ...edges, high])].sort((a, b) => a - b);
  const lines = new Set<number>(extra.map((v) => Math.round(v * 2) / 2));
  for (let i = 0; i + 1 < sorted.length; i++) {
    const gap = sorted[i + 1] - sorted[i];
    if (gap <= 0) continue;
    const mid = Math.round(((sorted[i] + sorted[i + 1]) / 2) * 2) / 2;
    lines.add(mid);
    if (gap >= 30) {
      lines.add(mid - 7);
      lines.add(mid + 7);
    }
  }
  return [...lines].sort((a, b) => a - b);
}

/**
 * The routed lines and labels of every store with two or more members on the canvas; `null` for
 * designs past `MAX_ROUTED_NODES` cards (drawn with straight lines instead).
 */
export function routeStores(design: Design, resolved: ResolvedLayout = resolveLayout(design)): StoreRoute[] | null {
  const cards = cardRects(design, resolved);
  if (cards.size > MAX_ROUTED_NODES) return null;
  const stores = (design.stores ?? []).map((store) => {
    const members = store.replicas.filter((r) => cards.has(r));
    const root = LEADER_MODES.includes(store.replication) && store.leader && members.includes(store.leader) ? store.leader : members[0];
    const learners = store.replication === "consensus" ? (store.learners ?? []).filter((l) => cards.has(l) && !members.includes(l)) : [];
    return { store, members, root, learners };
  });
  const drawn = stores.filter((s) => s.members.length + s.learners.length > 1);
  if (drawn.length === 0) return stores.filter((s) => s.members.length > 0).map((s) => ({ store: s.store.id, paths: [], members: [], learnerPaths: [], learners: [] }));

  // Port offsets: a card in several stores gives each its own place along every side.
  const storesOf = new Map<string, number[]>();
  drawn.forEach((s, i) => [...s.members, ...s.learners].forEach((m) => storesOf.set(m, [...(storesOf.get(m) ?? []), i])));
  const offset = (card: string, storeIndex: number) => {
    const list = storesOf.get(card) ?? [storeIndex];
    return (list.indexOf(storeIndex) - (list.length - 1) / 2) * 10;
  };

  const frameLabels = frameLabelRects(design, resolved);
  const obstacles: Frame[] = [...[...cards.values()].map((c) => inflate(c, MARGIN)), ...frameLabels.map((f) => inflate(f, 3))];
  const all = [...cards.values(), ...Object.values(resolved.regions)];
  const left = Math.min(...all.map((f) => f.x)) - 40;
  const top = Math.min(...all.map((f) => f.y)) - 40;
  const right = Math.max(...all.map((f) => f.x + f.width)) + 40;
  const bottom = Math.max(...all.map((f) => f.y + f.height)) + 40;
  const portXs: number[] = [];
  const portYs: number[] = [];
  drawn.forEach((s, i) =>
    [...s.members, ...s.learners].forEach((m) => {
      const c = cards.get(m)!;
      portXs.push(c.x + c.width / 2 + offset(m, i));
      portYs.push(c.y + c.height / 2 + offset(m, i));
    }),
  );
  const xs = channelLines(obstacles.flatMap((o) => [o.x, o.x + o.width]), portXs, left, right);
  const ys = channelLines(obstacles.flatMap((o) => [o.y, o.y + o.height]), portYs, top, bottom);
  const nx = xs.length;
  const ny = ys.length;
  const vertexCount = nx * ny;
  if (vertexCount > 400_000) return null;

  // Which grid steps an obstacle blocks: the step's open span meets the obstacle's open inside.
  const blockedH = new Uint8Array(vertexCount); // from (i, j) to (i + 1, j)
  const blockedV = new Uint8Array(vertexCount); // from (i, j) to (i, j + 1)
  const blockedP = new Uint8Array(vertexCount);
  const firstAbove = (values: number[], v: number) => {
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const o of obstacles) {
    const x0 = o.x;
    const x1 = o.x + o.width;
    const y0 = o.y;
    const y1 = o.y + o.height;
    const iFrom = Math.max(0, firstAbove(xs, x0) - 1);
    const iTo = Math.min(nx - 1, firstAbove(xs, x1));
    const jFrom = Math.max(0, firstAbove(ys, y0) - 1);
    const jTo = Math.min(ny - 1, firstAbove(ys, y1));
    for (let j = jFrom; j <= jTo; j++) {
      const y = ys[j];
      for (let i = iFrom; i <= iTo; i++) {
        const x = xs[i];
        const v = j * nx + i;
        const inY = y > y0 && y < y1;
        const inX = x > x0 && x < x1;
        if (inX && inY) blockedP[v] = 1;
        if (inY && i + 1 < nx && xs[i + 1] > x0 && x < x1) blockedH[v] = 1;
        if (inX && j + 1 < ny && ys[j + 1] > y0 && y < y1) blockedV[v] = 1;
      }
    }
  }

  const indexOf = (values: number[], v: number) => {
    const i = firstAbove(values, v) - 1;
    return i >= 0 && Math.abs(values[i] - v) < 0.01 ? i : -1;
  };
  /** The four ports of a card for a store: a stub from each side's middle out to the first free line. */
  const portCache = new Map<string, Port[]>();
  const portsOf = (card: string, storeIndex: number): Port[] => {
    const key = `${storeIndex}\u0000${card}`;
    const cached = portCache.get(key);
    if (cached) return cached;
    const c = cards.get(card)!;
    const off = offset(card, storeIndex);
    const cx = c.x + c.width / 2 + off;
    const cy = c.y + c.height / 2 + off;
    const ports: Port[] = [];
    const add = (at: Point, out: Dir) => {
      const horizontal = out === 0 || out === 2;
      const line = horizontal ? indexOf(ys, at.y) : indexOf(xs, at.x);
      if (line < 0) return;
      const values = horizontal ? xs : ys;
      const edge = horizontal ? at.x : at.y;
      const beyond = out === 0 || out === 1 ? edge + MARGIN : edge - MARGIN;
      // The first line at or beyond the clearance, reached without entering another obstacle.
      let k = out === 0 || out === 1 ? firstAbove(values, beyond - 0.01) : firstAbove(values, beyond + 0.01) - 1;
      const step = out === 0 || out === 1 ? 1 : -1;
      for (; k >= 0 && k < values.length; k += step) {
        const vertex = horizontal ? line * nx + k : k * nx + line;
        if (!blockedP[vertex]) {
          const end = horizontal ? { x: values[k], y: at.y } : { x: at.x, y: values[k] };
          const clear = !obstacles.some((o) => !overlaps(o, inflate(c, MARGIN)) && segmentCrossesRect(at, end, o));
          if (clear) ports.push({ at, vertex, out, stub: Math.abs(values[k] - edge) });
          return;
        }
      }
    };
    add({ x: cx, y: c.y }, 3);
    add({ x: cx, y: c.y + c.height }, 1);
    add({ x: c.x, y: cy }, 2);
    add({ x: c.x + c.width, y: cy }, 0);
    portCache.set(key, ports);
    return ports;
  };

  const used = new Int32Array(vertexCount * 2); // step key → 1 + index of the store whose line uses it (0: free)
  const stepKey = (v: number, horizontal: boolean) => v * 2 + (horizontal ? 0 : 1);
  const point = (v: number): Point => ({ x: xs[v % nx], y: ys[Math.floor(v / nx)] });

  /** Cheapest line from the tree (its vertices, and ports of the cards on it) to a card. */
  // Search state shared by every search: a slot counts only when stamped with the current search.
  const STATES = vertexCount * 5;
  const bestCost = new Float64Array(STATES + 1);
  const prevState = new Int32Array(STATES + 1);
  const stamp = new Int32Array(STATES + 1);
  const isTarget = new Int32Array(vertexCount);
  let search = 0;
  const connect = (storeIndex: number, tree: Set<number>, from: Port[], to: Port[]): Point[] | null => {
    search++;
    const best = {
      get: (s: number) => (stamp[s] === search ? bestCost[s] : Infinity),
      set: (s: number, cost: number, previous: number) => {
        stamp[s] = search;
        bestCost[s] = cost;
        prevState[s] = previous;
      },
    };
    const prev = (s: number) => (stamp[s] === search ? prevState[s] : -1);
    const startPort = new Map<number, Port>();
    const heap = new Heap();
    const SINK = STATES;
    for (const v of tree) {
      const s = v * 5 + 4;
      best.set(s, 0, -1);
      heap.push(0, s);
    }
    for (const p of from) {
      const s = p.vertex * 5 + p.out;
      if (p.stub < best.get(s)) {
        best.set(s, p.stub, -1);
        startPort.set(s, p);
        heap.push(p.stub, s);
      }
    }
    const targets = new Map<number, Port[]>();
    for (const p of to) {
      targets.set(p.vertex, [...(targets.get(p.vertex) ?? []), p]);
      isTarget[p.vertex] = search;
    }
    const endPort = new Map<number, Port>();
    while (heap.size) {
      const [cost, s] = heap.pop();
      if (cost > best.get(s)) continue;
      if (s === SINK) break;
      const v = Math.floor(s / 5);
      const dir = s % 5;
      for (const p of isTarget[v] === search ? targets.get(v)! : []) {
        const inward = ((p.out + 2) % 4) as Dir;
        const turn = dir === 4 || dir === inward ? 0 : dir === p.out ? 2 * BEND : BEND;
        const total = cost + p.stub + turn;
        if (total < best.get(SINK)) {
          best.set(SINK, total, s);
          endPort.set(SINK, p);
          heap.push(total, SINK);
        }
      }
      const i = v % nx;
      const j = Math.floor(v / nx);
      for (let d = 0 as Dir; d < 4; d = (d + 1) as Dir) {
        if (dir !== 4 && d === (dir + 2) % 4) continue;
        const ni = i + DX[d];
        const nj = j + DY[d];
        if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
        const horizontal = d === 0 || d === 2;
        const from = horizontal ? (d === 0 ? v : v - 1) : d === 1 ? v : v - nx;
        if ((horizontal ? blockedH : blockedV)[from]) continue;
        const w = nj * nx + ni;
        if (blockedP[w]) continue;
        const length = horizontal ? Math.abs(xs[ni] - xs[i]) : Math.abs(ys[nj] - ys[j]);
        const owner = used[stepKey(from, horizontal)];
        const factor = owner === 0 || owner === storeIndex + 1 ? 1 : SHARED;
        const next = cost + length * factor + (dir === 4 || dir === d ? 0 : BEND);
        const ns = w * 5 + d;
        if (next < best.get(ns)) {
          best.set(ns, next, s);
          heap.push(next, ns);
        }
      }
    }
    if (prev(SINK) < 0) return null;
    const states: number[] = [];
    for (let s = prev(SINK); s >= 0; s = prev(s)) states.unshift(s);
    const vertices = states.map((s) => Math.floor(s / 5));
    for (let k = 0; k + 1 < vertices.length; k++) {
      const a = vertices[k];
      const b = vertices[k + 1];
      const horizontal = Math.floor(a / nx) === Math.floor(b / nx);
      used[stepKey(Math.min(a, b), horizontal)] = storeIndex + 1;
      tree.add(a);
      tree.add(b);
    }
    tree.add(vertices[0]);
    const first = startPort.get(states[0]);
    const points = [...(first ? [first.at] : []), ...vertices.map(point), endPort.get(SINK)!.at];
    return simplify(points);
  };

  const routes: StoreRoute[] = [];
  const center = (id: string) => {
    const c = cards.get(id)!;
    return { x: c.x + c.width / 2, y: c.y + c.height / 2 };
  };
  const distance = (a: string, b: string) => Math.abs(center(a).x - center(b).x) + Math.abs(center(a).y - center(b).y);
  drawn.forEach((s, storeIndex) => {
    const route: StoreRoute = { store: s.store.id, paths: [], members: [], learnerPaths: [], learners: [] };
    const tree = new Set<number>();
    const joined = [s.root];
    const waiting = s.members.filter((m) => m !== s.root);
    const join = (card: string, learner: boolean) => {
      const from = tree.size ? joined.flatMap((m) => portsOf(m, storeIndex)) : portsOf(s.root, storeIndex);
      const path = connect(storeIndex, learner ? new Set(tree) : tree, from, portsOf(card, storeIndex)) ?? [center(joined[0]), center(card)];
      if (learner) {
        route.learnerPaths.push(path);
        route.learners.push(card);
      } else {
        route.paths.push(path);
        route.members.push(card);
        joined.push(card);
      }
    };
    while (waiting.length) {
      // The member nearest to the tree joins next: lines grow from the leader outwards.
      waiting.sort((a, b) => Math.min(...joined.map((j) => distance(a, j))) - Math.min(...joined.map((j) => distance(b, j))) || a.localeCompare(b));
      join(waiting.shift()!, false);
    }
    for (const learner of s.learners) join(learner, true);
    routes.push(route);
  });

  placeLabels(drawn.map((s) => s.store), routes, [...cards.values()], frameLabels, Object.values(resolved.regions), { x: left + 40, y: bottom - 40 });
  return routes;
}

/** Drops points in the middle of straight runs. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const n = out.length;
    if (n && out[n - 1].x === p.x && out[n - 1].y === p.y) continue;
    if (n >= 2) {
      const a = out[n - 2];
      const b = out[n - 1];
      if ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y)) {
        out[n - 1] = p;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

/**
 * Each store's label on its own line, where it covers no card, no frame name, no other label, and
 * as few other lines as possible; on a long horizontal run when there is one. A label too long for
 * the room there is shortened to the store's name (then to its first 16 characters); failing all
 * that it goes to the free spot nearest its line. Labels stay within the regions' bounds, which
 * is what "fit" shows.
 */
function placeLabels(stores: Store[], routes: StoreRoute[], cards: Frame[], frameLabels: Frame[], regions: Frame[], below: Point) {
  const placed: Frame[] = [];
  const segmentsOf = (r: StoreRoute) => [...r.paths, ...r.learnerPaths].flatMap((p) => p.slice(1).map((b, i) => [p[i], b] as const));
  const bounds = {
    x: Math.min(...regions.map((f) => f.x)),
    y: Math.min(...regions.map((f) => f.y)),
    right: Math.max(...regions.map((f) => f.x + f.width)),
    bottom: Math.max(...regions.map((f) => f.y + f.height)),
  };
  const blocked = [...cards.map((c) => inflate(c, 3)), ...frameLabels];
  const free = (box: Frame) =>
    box.x >= bounds.x + 2 &&
    box.y >= bounds.y + 2 &&
    box.x + box.width <= bounds.right - 2 &&
    box.y + box.height <= bounds.bottom - 2 &&
    !blocked.some((c) => overlaps(c, box));
  let fallback = 0;
  routes.forEach((route, index) => {
    const store = stores[index];
    const short = store.name.length > 16 ? `${store.name.slice(0, 15)}…` : store.name;
    const texts = [...new Set([storeLabel(store), store.name, short])];
    const segments = segmentsOf(route);
    if (segments.length === 0) return;
    const others = routes.filter((r) => r !== route).flatMap(segmentsOf);
    const crossings = (box: Frame) => others.filter(([p, q]) => segmentCrossesRect(p, q, box)).length;
    let best: { score: number; box: Frame; text: string } | undefined;
    for (const text of texts) {
      const width = labelWidth(text);
      for (const [a, b] of segments) {
        const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
        if (length < 24) continue;
        const horizontal = a.y === b.y;
        for (const t of [0.5, 0.35, 0.65, 0.2, 0.8, 0.05, 0.95]) {
          const cx = a.x + (b.x - a.x) * t;
          const cy = a.y + (b.y - a.y) * t;
          // On the line (best), else just beside it: above or below a run across, left or right of a run down.
          const sides = horizontal
            ? [{ x: cx - width / 2, y: cy - LABEL_HEIGHT / 2, cost: 0 }, { x: cx - width / 2, y: cy - LABEL_HEIGHT - 3, cost: 30 }, { x: cx - width / 2, y: cy + 3, cost: 30 }]
            : [{ x: cx - width / 2, y: cy - LABEL_HEIGHT / 2, cost: 25 }, { x: cx + 4, y: cy - LABEL_HEIGHT / 2, cost: 45 }, { x: cx - width - 4, y: cy - LABEL_HEIGHT / 2, cost: 45 }];
          for (const side of sides) {
            const box = { x: side.x, y: side.y, width, height: LABEL_HEIGHT };
            if (!free(box)) continue;
            const score = crossings(box) * 100 + side.cost - Math.min(length, 240) / 8 + Math.abs(t - 0.5) * 10;
            if (!best || score < best.score) best = { score, box, text };
          }
        }
      }
      if (best) break;
    }
    if (!best) {
      // The free spot nearest the middle of the store's longest run.
      const [a, b] = segments.reduce((l, s) => (Math.abs(s[1].x - s[0].x) + Math.abs(s[1].y - s[0].y) > Math.abs(l[1].x - l[0].x) + Math.abs(l[1].y - l[0].y) ? s : l));
      const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const width = labelWidth(short);
      // Within 320 units of it first (cheap), then anywhere.
      for (const reach of [320, Infinity]) {
        if (best) break;
        for (let y = Math.max(bounds.y, mid.y - reach); y + LABEL_HEIGHT <= Math.min(bounds.bottom, mid.y + reach); y += 8) {
          for (let x = Math.max(bounds.x, mid.x - reach); x + width <= Math.min(bounds.right, mid.x + reach); x += 8) {
            const box = { x, y, width, height: LABEL_HEIGHT };
            const distance = Math.abs(x + width / 2 - mid.x) + Math.abs(y + LABEL_HEIGHT / 2 - mid.y);
            if ((best && distance >= best.score) || !free(box)) continue;
            const score = distance + crossings(box) * 100;
            if (!best || score < best.score) best = { score, box, text: short };
          }
        }
      }
    }
    // Nowhere inside: under the drawing, one label per row (still never over a card).
    const found = best ?? { box: { x: below.x, y: below.y + 8 + fallback++ * (LABEL_HEIGHT + 6), width: labelWidth(short), height: LABEL_HEIGHT }, text: short };
    placed.push(found.box);
    blocked.push(inflate(found.box, 4));
    route.label = { ...found.box, text: found.text };
  });
}
