/**
 * What each canvas node and region shows besides its name: a status from the findings (error,
 * warning or ok, through its stores too) and a chip per store it belongs to (leader and learners
 * marked).
 */
import type { Analysis } from "../analysis/index";
import type { Design } from "../design/schema";
import { LEADER_MODES } from "../design/schema";

export type Status = "error" | "warning" | "ok" | "none";
export interface NodeBadge {
  status: Status;
  /** `learner`: a non-voting replica of a consensus store. */
  stores: { id: string; name: string; index: number; leader: boolean; learner: boolean }[];
}

const rank: Record<Status, number> = { none: 0, ok: 1, warning: 2, error: 3 };
const worse = (a: Status, b: Status): Status => (rank[a] >= rank[b] ? a : b);

export interface Badges {
  nodes: Map<string, NodeBadge>;
  stores: Map<string, Status>;
}

let cacheKey: { design: Design; analysis: Analysis | null } | null = null;
let cacheValue: Badges = { nodes: new Map(), stores: new Map() };

function sameBadge(a: NodeBadge, b: NodeBadge): boolean {
  return (
    a.status === b.status &&
    a.stores.length === b.stores.length &&
    a.stores.every((s, i) => {
      const t = b.stores[i];
      return s.id === t.id && s.name === t.name && s.index === t.index && s.leader === t.leader && s.learner === t.learner;
    })
  );
}

/**
 * Badges for every node and store (memoized on the design and analysis objects). A node's badge,
 * and the stores' statuses as a whole, keep their identity from one call to the next while equal,
 * so they can be compared with `===`.
 */
export function badgesOf(design: Design, analysis: Analysis | null): Badges {
  if (cacheKey && cacheKey.design === design && cacheKey.analysis === analysis) return cacheValue;
  const badges = new Map<string, NodeBadge>();
  for (const node of design.nodes ?? []) badges.set(node.id, { status: "none", stores: [] });
  const storeStatus = new Map<string, Status>();
  const opsByStore = new Map<string, string[]>();
  for (const op of design.operations ?? []) opsByStore.set(op.store, [...(opsByStore.get(op.store) ?? []), op.id]);
  const findingStatus = new Map<string, Status>();
  for (const f of analysis?.findings ?? []) {
    const s: Status = f.severity === "error" ? "error" : f.severity === "warning" ? "warning" : "none";
    findingStatus.set(f.target, worse(findingStatus.get(f.target) ?? "none", s));
  }
  (design.stores ?? []).forEach((store, index) => {
    let status: Status = analysis ? "ok" : "none";
    status = worse(status, findingStatus.get(store.id) ?? "none");
    for (const op of opsByStore.get(store.id) ?? []) status = worse(status, findingStatus.get(op) ?? "none");
    storeStatus.set(store.id, status);
    const leader = LEADER_MODES.includes(store.replication) ? (store.leader ?? store.replicas[0]) : null;
    for (const r of store.replicas) {
      const b = badges.get(r);
      if (!b) continue;
      b.stores.push({ id: store.id, name: store.name, index, leader: r === leader, learner: false });
      b.status = worse(b.status, status);
    }
    if (store.replication === "consensus") {
      for (const l of store.learners ?? []) {
        const b = badges.get(l);
        if (!b) continue;
        b.stores.push({ id: store.id, name: store.name, index, leader: false, learner: true });
        b.status = worse(b.status, status);
      }
    }
  });
  for (const [id, b] of badges) {
    b.status = worse(b.status, findingStatus.get(id) ?? "none");
    // A badge equal to the last one is the last one: each card re-renders only when its own changed.
    const before = cacheValue.nodes.get(id);
    if (before && sameBadge(before, b)) badges.set(id, before);
  }
  const sameStores = storeStatus.size === cacheValue.stores.size && [...storeStatus].every(([id, status]) => cacheValue.stores.get(id) === status);
  cacheKey = { design, analysis };
  cacheValue = { nodes: badges, stores: sameStores ? cacheValue.stores : storeStatus };
  return cacheValue;
}

