/**
 * Replication edges drawn by the studio (never by hand) from store membership: from the leader to
 * each follower (solid when synchronous, dashed when asynchronous) and to each learner (dotted,
 * thinner: non-voting), or a ring through the replicas of leaderless (solid) and multi-leader /
 * CRDT stores (dashed).
 */
import type { Edge } from "@xyflow/react";
import { quorumLabel } from "../design/quorum";
import { LEADER_MODES, type Design, type QuorumSpec } from "../design/schema";
import { storeColor } from "../client/store-colors";
import { flowId } from "./flow";

export function replicationEdges(design: Design): Edge[] {
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
        zIndex: 2,
        data: { store: store.id },
        ...(label ? { label, labelStyle: { fill: color, fontWeight: 600, fontSize: 11 }, labelBgStyle: { fill: "var(--surface)" } } : {}),
      });
    if (LEADER_MODES.includes(store.replication)) {
      const leader = store.leader ?? replicas[0];
      const kind = store.replication === "primary-async" ? "async" : store.replication === "primary-sync" ? "sync" : (store.protocol ?? "consensus");
      const pairs = replicas.filter((r) => r !== leader).map((r): [string, string] => [leader, r]);
      const labelled = widest(pairs);
      pairs.forEach(([a, b], i) => push(a, b, i === labelled ? `${store.name} · ${kind}` : undefined));
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
            zIndex: 2,
            data: { store: store.id, learner: true },
          });
        }
      }
    } else if (replicas.length > 1) {
      const majority = Math.floor(replicas.length / 2) + 1;
      const label = store.replication === "leaderless" ? `${store.name} · ${quorumPair(store.readQuorum ?? majority, store.writeQuorum ?? majority)}` : `${store.name} · ${store.replication}`;
      const pairs = replicas.slice(0, replicas.length === 2 ? 1 : replicas.length).map((r, i): [string, string] => [r, replicas[(i + 1) % replicas.length]]);
      const labelled = widest(pairs);
      pairs.forEach(([a, b], i) => push(a, b, i === labelled ? label : undefined));
    }
  });
  return edges;
}

/** "R2/W2"; with a per-region spec "R LOCAL_QUORUM / W EACH_QUORUM". */
function quorumPair(r: QuorumSpec, w: QuorumSpec): string {
  if (typeof r === "number" && typeof w === "number") return `R${r}/W${w}`;
  return `R ${quorumLabel(r)} / W ${quorumLabel(w)}`;
}
