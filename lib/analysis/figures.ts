/** Per-store and per-operation figures (analysis-model.md, "Per store" and "Per operation"). */
import { explainAvailability, needAvailability } from "./availability";
import { atLeastAsStrong, explainStale, providedConsistency, quorumsOf, staleProbability } from "./consistency";
import { operationLatency, type Rtt } from "./latency";

import { needOf, type Model, type ResolvedOperation, type ResolvedStore } from "./model";
import { describeNeed, nodeFailures, regionLoss, zoneLoss } from "./survival";
import type { Cap, Explanation, OperationAnalysis, StoreAnalysis } from "./types";

const explain = (formula: string, inputs: Explanation["inputs"], text: string, section: string): Explanation => ({ formula, inputs, text, section });

/** Figures that depend only on the store and the need: shared by the operations that have both. */
export type NeedCache = Map<string, { nodes: ReturnType<typeof nodeFailures>; zones: ReturnType<typeof zoneLoss>; regions: ReturnType<typeof regionLoss>; availability: number; availabilityExplain: Explanation }>;

function needKey(rop: ResolvedOperation): string {
  const n = rop.need;
  return `${rop.store.id}\u0000${n.kind}\u0000${n.kind === "any" ? n.q : n.kind === "leader" ? n.leader : `${n.leader}\u0000${n.w}`}`;
}

function needFigures(model: Model, rop: ResolvedOperation, cache: NeedCache) {
  const key = needKey(rop);
  let entry = cache.get(key);
  if (!entry) {
    const availability = needAvailability(model, rop.store.replicas, rop.need);
    entry = {
      nodes: nodeFailures(rop),
      zones: zoneLoss(model, rop),
      regions: regionLoss(model, rop),
      availability,
      availabilityExplain: explainAvailability(model, rop.store.replicas, rop.need, availability),
    };
    cache.set(key, entry);
  }
  return entry;
}

export function analyzeOperation(model: Model, rop: ResolvedOperation, rtt: Rtt, cache: NeedCache = new Map()): OperationAnalysis {
  const { op, store, need } = rop;
  const cap: Cap = need.kind === "any" && need.q === 1 ? "AP" : "CP";
  const provided = providedConsistency(rop);
  const satisfied = atLeastAsStrong(provided.value, rop.required);

  let staleReadProbability: number | null = null;
  let staleExplain: Explanation;
  const { r, w, n } = quorumsOf(rop);
  if (op.type === "read" && store.replication === "leaderless") {
    staleReadProbability = staleProbability(n, r, w);
    staleExplain = explainStale(n, r, w, staleReadProbability, "staleReadProbability");
  } else if (op.type === "read" && provided.value === "linearizable") {
    staleReadProbability = 0;
    staleExplain = explain("0 for a linearizable read", {}, "staleReadProbability = 0: the read is linearizable", "Per operation: staleReadProbability");
  } else {
    staleExplain = explain(
      "not modelled",
      {},
      op.type === "write"
        ? "staleReadProbability does not apply to writes"
        : `staleReadProbability = unknown: the closed form does not model ${store.replication === "multi-leader" || store.replication === "crdt" ? store.replication : "follower"} reads (they can lag by the replication delay)`,
      "Per operation: staleReadProbability",
    );
  }

  let durableAgainstFailures: number | null = null;
  let durableExplain: Explanation;
  if (op.type === "write") {
    const acked = store.replication === "primary-async" || store.replication === "multi-leader" || store.replication === "crdt" ? 1 : rop.q;
    durableAgainstFailures = acked - 1;
    durableExplain = explain(
      "W − 1 (W replicas hold an acknowledged write)",
      { W: acked },
      acked === 1 && rop.q === 1 && store.replication !== "leaderless" && store.replication !== "primary-sync"
        ? `durableAgainstFailures = 0: ${store.replication} acknowledges on one node`
        : `durableAgainstFailures = W − 1 = ${acked} − 1 = ${durableAgainstFailures}`,
      "Per operation: durableAgainstFailures",
    );
  } else {
    durableExplain = explain("does not apply to reads", {}, "durableAgainstFailures does not apply to reads", "Per operation: durableAgainstFailures");
  }

  const { nodes, zones, regions, availability, availabilityExplain } = needFigures(model, rop, cache);
  const latency = operationLatency(rop, rtt);
  const availabilitySlo = op.availabilitySlo ?? model.design.context?.availabilityTarget ?? null;

  return {
    id: op.id,
    name: op.name,
    store: store.id,
    type: op.type,
    requiredConsistency: rop.required,
    clientRegion: rop.clientRegion,
    need,
    cap,
    providedConsistency: provided.value,
    satisfied,
    staleReadProbability,
    durableAgainstFailures,
    survivesNodeFailures: nodes.value,
    survivesZoneLoss: zones.value,
    survivesRegionLoss: regions.value,
    latencyMs: latency.value,
    latencySloMs: op.latencySloMs ?? null,
    availability,
    availabilitySlo,
    explain: {
      cap: explain(
        '"AP" when any single up replica can serve it (Q = 1, no specific node), else "CP"',
        { Q: rop.q, need: describeNeed(need, store.n) },
        `cap = ${cap}: it needs ${describeNeed(need, store.n)}`,
        "Per operation: cap",
      ),
      providedConsistency: provided.explain,
      satisfied: provided.explain,
      staleReadProbability: staleExplain,
      durableAgainstFailures: durableExplain,
      survivesNodeFailures: nodes.explain,
      survivesZoneLoss: zones.explain,
      survivesRegionLoss: regions.explain,
      latencyMs: latency.explain,
      availability: availabilityExplain,
    },
  };
}

export function analyzeStore(model: Model, s: ResolvedStore, ops: readonly OperationAnalysis[]): StoreAnalysis {
  const writeNeed = needOf(s, "write", undefined, null);
  const readNeed = needOf(s, "read", undefined, s.readMode);
  const tolerated = (need: typeof writeNeed) => (need.kind === "any" ? s.n - need.q : 0);
  const strongReads =
    s.replication === "consensus" || s.replication === "primary-sync" || s.replication === "primary-async"
      ? s.readMode !== "follower"
      : s.readQuorum + s.writeQuorum > s.n;
  const stale = s.replication === "leaderless" ? staleProbability(s.n, s.readQuorum, s.writeQuorum) : 0;
  const mine = ops.filter((o) => o.store === s.id);
  const cp = mine.filter((o) => o.cap === "CP").map((o) => o.id);
  const ap = mine.filter((o) => o.cap === "AP").map((o) => o.id);
  const pacelc = mine.length === 0 ? null : ap.length === 0 ? "PC/EC" : cp.length === 0 ? "PA/EL" : "mixed";
  const regions = [...new Set(s.replicas.map((r) => model.nodes.get(r)!.region))];
  const section = "Per store";
  const quorumText = (which: "R" | "W", value: number) => {
    if (s.replication === "consensus") return which === "W" || s.readMode !== "follower" ? `${which} = majority(n) = ${value}` : `R = 1 (follower reads)`;
    if (s.replication === "leaderless") {
      const set = which === "R" ? s.store.readQuorum : s.store.writeQuorum;
      return set === undefined ? `${which} = majority(n) = ${value} (default)` : `${which} = ${value} (set on the store)`;
    }
    if (s.replication === "primary-sync" && which === "W") return s.store.writeQuorum === undefined ? `W = n = ${value} (default: every replica)` : `W = ${value} (set on the store)`;
    return `${which} = 1 (${which === "W" ? "acknowledged by one node" : "served by one node"})`;
  };
  return {
    id: s.id,
    name: s.store.name,
    replication: s.replication,
    n: s.n,
    majority: s.majority,
    readQuorum: s.readQuorum,
    writeQuorum: s.writeQuorum,
    toleratedWriteFailures: tolerated(writeNeed),
    toleratedReadFailures: tolerated(readNeed),
    strongReads,
    staleReadProbability: stale,
    pacelc,
    pacelcSplit: pacelc === "mixed" ? { cp, ap } : null,
    leader: s.leader,
    readMode: s.readMode,
    regions,
    explain: {
      n: explain("number of replicas", { replicas: s.replicas.join(", ") }, `n = ${s.n} (${s.replicas.join(", ")})`, section),
      majority: explain("floor(n/2) + 1", { n: s.n }, `majority = floor(${s.n}/2) + 1 = ${s.majority}`, section),
      readQuorum: explain("effective R", { replication: s.replication }, quorumText("R", s.readQuorum), section),
      writeQuorum: explain("effective W", { replication: s.replication }, quorumText("W", s.writeQuorum), section),
      toleratedWriteFailures: explain(
        "n − Q for “any Q”; 0 when the leader is needed",
        { n: s.n, need: describeNeed(writeNeed, s.n) },
        writeNeed.kind === "any" ? `toleratedWriteFailures = n − Q = ${s.n} − ${writeNeed.q} = ${s.n - writeNeed.q}` : `toleratedWriteFailures = 0: writes need ${describeNeed(writeNeed, s.n)}`,
        section,
      ),
      toleratedReadFailures: explain(
        "n − Q for “any Q”; 0 when the leader is needed",
        { n: s.n, need: describeNeed(readNeed, s.n) },
        readNeed.kind === "any" ? `toleratedReadFailures = n − Q = ${s.n} − ${readNeed.q} = ${s.n - readNeed.q}` : `toleratedReadFailures = 0: reads need ${describeNeed(readNeed, s.n)}`,
        section,
      ),
      strongReads: explain(
        "R + W > n (consensus: unless follower reads; primary-*: leader reads)",
        { R: s.readQuorum, W: s.writeQuorum, n: s.n, readMode: s.readMode },
        s.replication === "leaderless" || s.replication === "multi-leader" || s.replication === "crdt"
          ? `strongReads = R + W > n = ${s.readQuorum} + ${s.writeQuorum} > ${s.n} = ${strongReads}`
          : `strongReads = ${strongReads} (${s.replication}, ${s.readMode} reads)`,
        section,
      ),
      staleReadProbability:
        s.replication === "leaderless"
          ? explainStale(s.n, s.readQuorum, s.writeQuorum, stale, "staleReadProbability")
          : explain("0 unless leaderless", {}, `staleReadProbability = 0 (${s.replication}: the closed form applies to leaderless stores only)`, section),
      pacelc: explain(
        "PC/EC when every operation is CP, PA/EL when every one is AP, mixed otherwise",
        { cp: cp.join(", "), ap: ap.join(", ") },
        pacelc === null ? "pacelc = none: no operation uses the store" : `pacelc = ${pacelc} (CP: ${cp.join(", ") || "none"}; AP: ${ap.join(", ") || "none"})`,
        section,
      ),
    },
  };
}

