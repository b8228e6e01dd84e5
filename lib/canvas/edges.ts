/**
 * Replication edges drawn by the studio (never by hand) from store membership. Each store is one
 * edge: its lines routed around the cards from the leader (or first replica) to every member
 * (lib/design/routing.ts), solid when replication is synchronous or quorum-based, dashed when
 * asynchronous / multi-leader / CRDT, dotted and thinner to non-voting learners, with the store's
 * label in free space on its own line. Past `MAX_ROUTED_NODES` cards, straight lines from the
 * leader to each follower (or a ring) stand in.
 */
import type { Edge } from "@xyflow/react";
import { resolveLayout } from "../design/layout";
import { routeStores, storeLabel, type LabelBox } from "../design/routing";
import { LEADER_MODES, type Design, type Point } from "../design/schema";
import { storeColor } from "./store-colors";
import { flowId } from "./flow";

/** What a routed store edge carries to the canvas. */
export interface RouteEdgeData extends Record<string, unknown> {
  store: string;
  color: string;
  dashed: boolean;
  paths: Point[][];
  /** The member each path reaches (a path fades in the simulator when its member is down). */
  members: string[];
  learnerPaths: Point[][];
  learners: string[];
  label?: LabelBox;
  /** "name · replication": the label, before any shortening to fit. */
  fullLabel: string;
  /** Members down in the simulator. */
  down?: string[];
}

/** What the routed lines read from a design: its regions, nodes, stores and layout. */
export type RouteInputs = Pick<Design, "regions" | "nodes" | "stores" | "layout">;

let lastInputs: RouteInputs | null = null;

/**
 * The parts of `design` the routes read, as the same object while they are the same: the layout
 * and stores objects, the regions' ids, zones and name lengths (their labels take room), and the
 * nodes' ids and places — so a rename of a node or region, or any edit of operations, neither
 * reroutes the lines nor re-renders the canvas.
 */
export function routeInputs(design: Design): RouteInputs {
  const last = lastInputs;
  const sameRegions = (a: Design["regions"], b: Design["regions"]) =>
    a === b || (!!a && !!b && a.length === b.length && a.every((r, i) => r.id === b[i].id && r.name.length === b[i].name.length && (r.zones ?? []).join("\u0000") === (b[i].zones ?? []).join("\u0000")));
  const sameNodes = (a: Design["nodes"], b: Design["nodes"]) =>
    a === b || (!!a && !!b && a.length === b.length && a.every((n, i) => n.id === b[i].id && n.region === b[i].region && n.zone === b[i].zone));
  if (last && last.layout === design.layout && last.stores === design.stores && sameRegions(last.regions, design.regions) && sameNodes(last.nodes, design.nodes)) return last;
  lastInputs = { regions: design.regions, nodes: design.nodes, stores: design.stores, layout: design.layout };
  return lastInputs;
}

/**
 * How the canvas draws replication: routed edges, or — past the routing limit — every store's
 * straight lines (`lines`, drawn in one layer by the canvas; `edges` is then empty).
 */
export function replication(design: Design): { edges: Edge[]; lines: StoreLines[] } {
  const routes = routeStores(design, resolveLayout(design));
  if (!routes) return { edges: [], lines: straightLines(design) };
  return { edges: routedEdges(design, routes), lines: [] };
}

function routedEdges(design: Design, routes: NonNullable<ReturnType<typeof routeStores>>): Edge[] {
  const edges: Edge[] = [];
  (design.stores ?? []).forEach((store, index) => {
    const route = routes.find((r) => r.store === store.id);
    if (!route || route.members.length + route.learners.length === 0) return;
    const root = LEADER_MODES.includes(store.replication) && store.leader && store.replicas.includes(store.leader) ? store.leader : store.replicas[0];
    const data: RouteEdgeData = {
      store: store.id,
      color: storeColor(index),
      dashed: store.replication === "primary-async" || store.replication === "multi-leader" || store.replication === "crdt",
      paths: route.paths,
      members: route.members,
      learnerPaths: route.learnerPaths,
      learners: route.learners,
      label: route.label,
      fullLabel: storeLabel(store),
    };
    edges.push({
      id: `e:${store.id}`,
      source: flowId.node(root),
      target: flowId.node(route.members[0] ?? route.learners[0]),
      type: "route",
      selectable: false,
      focusable: false,
      interactionWidth: 0,
      zIndex: 2,
      data,
    });
  });
  return edges;
}

/** One store's straight lines (large designs): pairs of node ids, drawn centre to centre. */
export interface StoreLines {
  store: string;
  color: string;
  dashed: boolean;
  pairs: [string, string][];
  /** Leader → learner (non-voting), drawn dotted and thinner. */
  learnerPairs: [string, string][];
  /** The pair whose middle carries the label (null: no line to carry it). */
  labelPair: number | null;
  label: string;
}

/**
 * Straight lines (large designs): leader → followers, or a ring, one label per store. The canvas
 * draws them all in one layer (one SVG, one subscription) rather than as React Flow edges: a
 * 1,000-node design has ~350 lines, and each edge of React Flow is an SVG of its own that its
 * store checks on every pointer move of a drag and that every painted frame layerizes.
 */
function straightLines(design: Design): StoreLines[] {
  const place = new Map((design.nodes ?? []).map((n) => [n.id, n]));
  // The label goes on the store's longest-looking line (across regions, else zones), so it sits in
  // open space rather than over two neighbouring cards.
  const spread = ([a, b]: [string, string]) => {
    const x = place.get(a);
    const y = place.get(b);
    return !x || !y ? 0 : x.region !== y.region ? 2 : x.zone !== y.zone ? 1 : 0;
  };
  const widest = (pairs: [string, string][]) => (pairs.length === 0 ? null : pairs.reduce((best, pair, i) => (spread(pair) > spread(pairs[best]) ? i : best), 0));
  const drawn = (pairs: [string, string][]) => pairs.filter(([a, b]) => place.has(a) && place.has(b));
  const stores: StoreLines[] = (design.stores ?? []).map((store, index) => {
    const replicas = store.replicas;
    let pairs: [string, string][] = [];
    let learnerPairs: [string, string][] = [];
    if (LEADER_MODES.includes(store.replication)) {
      const leader = store.leader ?? replicas[0];
      pairs = replicas.filter((r) => r !== leader).map((r): [string, string] => [leader, r]);
      if (store.replication === "consensus") learnerPairs = (store.learners ?? []).map((l): [string, string] => [leader, l]);
    } else if (replicas.length > 1) {
      pairs = replicas.slice(0, replicas.length === 2 ? 1 : replicas.length).map((r, i): [string, string] => [r, replicas[(i + 1) % replicas.length]]);
    }
    pairs = drawn(pairs);
    return {
      store: store.id,
      color: storeColor(index),
      dashed: store.replication === "primary-async" || store.replication === "multi-leader" || store.replication === "crdt",
      pairs,
      learnerPairs: drawn(learnerPairs),
      labelPair: widest(pairs),
      label: storeLabel(store),
    };
  });
  return stores.filter((s) => s.pairs.length + s.learnerPairs.length > 0);
}
