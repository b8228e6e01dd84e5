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

export function replicationEdges(design: Design): Edge[] {
  const routes = routeStores(design, resolveLayout(design));
  if (!routes) return straightEdges(design);
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

/** Straight lines (large designs): leader → followers, or a ring, one label per store. */
function straightEdges(design: Design): Edge[] {
  const edges: Edge[] = [];
  const place = new Map((design.nodes ?? []).map((n) => [n.id, n]));
  // The label goes on the store's longest-looking edge (across regions, else zones), so it sits in
  // open space rather than over two neighbouring cards.
  const spread = ([a, b]: [string, string]) => {
    const x = place.get(a);
    const y = place.get(b);
    return !x || !y ? 0 : x.region !== y.region ? 2 : x.zone !== y.zone ? 1 : 0;
  };
  const widest = (pairs: [string, string][]) => pairs.reduce((best, pair, i) => (spread(pair) > spread(pairs[best]) ? i : best), 0);
  (design.stores ?? []).forEach((store, index) => {
    const color = storeColor(index);
    const replicas = store.replicas;
    const dashed = store.replication === "primary-async" || store.replication === "multi-leader" || store.replication === "crdt";
    const style = { stroke: color, strokeWidth: 2, ...(dashed ? { strokeDasharray: "6 4" } : {}) };
    const push = (a: string, b: string, label?: string) =>
      edges.push({
        id: `e:${store.id}:${a}:${b}`,
        source: flowId.node(a),
        target: flowId.node(b),
        type: "straight",
        style,
        selectable: false,
        focusable: false,
        interactionWidth: 0,
        zIndex: 2,
        data: { store: store.id },
        ...(label ? { label, labelStyle: { fill: color, fontWeight: 600, fontSize: 11 }, labelBgStyle: { fill: "var(--surface)" } } : {}),
      });
    if (LEADER_MODES.includes(store.replication)) {
      const leader = store.leader ?? replicas[0];
      const pairs = replicas.filter((r) => r !== leader).map((r): [string, string] => [leader, r]);
      const labelled = widest(pairs);
      pairs.forEach(([a, b], i) => push(a, b, i === labelled ? storeLabel(store) : undefined));
      if (store.replication === "consensus") {
        for (const learner of store.learners ?? []) {
          if (!place.has(learner)) continue;
          edges.push({
            id: `e:${store.id}:${leader}:${learner}:learner`,
            source: flowId.node(leader),
            target: flowId.node(learner),
            type: "straight",
            className: "learner-edge",
            style: { stroke: color, strokeWidth: 1.5, strokeDasharray: "1 5", strokeLinecap: "round" },
            selectable: false,
            focusable: false,
            interactionWidth: 0,
            zIndex: 2,
            data: { store: store.id, learner: true },
          });
        }
      }
    } else if (replicas.length > 1) {
      const label = storeLabel(store);
      const pairs = replicas.slice(0, replicas.length === 2 ? 1 : replicas.length).map((r, i): [string, string] => [r, replicas[(i + 1) % replicas.length]]);
      const labelled = widest(pairs);
      pairs.forEach(([a, b], i) => push(a, b, i === labelled ? label : undefined));
    }
  });
  return edges;
}
