/**
 * Replication edges drawn by the studio (never by hand) from store membership: from the leader to
 * each follower (solid when synchronous, dashed when asynchronous), or a ring through the
 * replicas of leaderless (solid) and multi-leader / CRDT stores (dashed).
 */
import type { Edge } from "@xyflow/react";
import { LEADER_MODES, type Design } from "../design/schema";
import { storeColor } from "../client/store-colors";
import { flowId } from "./flow";

export function replicationEdges(design: Design): Edge[] {
  const edges: Edge[] = [];
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
      replicas.filter((r) => r !== leader).forEach((r, i) => push(leader, r, i === 0 ? `${store.name} · ${kind}` : undefined));
    } else if (replicas.length > 1) {
      const label = store.replication === "leaderless" ? `${store.name} · R${store.readQuorum ?? "m"}/W${store.writeQuorum ?? "m"}` : `${store.name} · ${store.replication}`;
      for (let i = 0; i < replicas.length; i++) {
        if (replicas.length === 2 && i === 1) break;
        push(replicas[i], replicas[(i + 1) % replicas.length], i === 0 ? label : undefined);
      }
    }
  });
  return edges;
}
