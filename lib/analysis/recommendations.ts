/**
 * Recommendations: the seed's decision tables as data, each choice with its reasons, derived from
 * the design and its figures. Nothing here changes a figure; it tells the architect what to pick.
 */
import { elementName, regionLabel } from "../design/names";
import { LEADER_MODES, type ConsistencyLevel } from "../design/schema";
import type { Model, ResolvedOperation, ResolvedStore } from "./model";
import { fencingStatus } from "./rules/lock-without-fencing";
import { simulateModel, type Scenario } from "./simulate";
import type { OperationAnalysis, StoreAnalysis } from "./types";

export interface Choice {
  choice: string;
  reasons: string[];
}

export interface ConsensusRecommendation extends Choice {
  store: string;
  /** The protocol the design names, if any. */
  current: string | null;
}

export interface LockOption {
  option: "Redlock" | "ZooKeeper" | "etcd";
  correctness: string;
  latency: string;
  autoRelease: string;
  fencing: string;
}

export interface LockRecommendation extends Choice {
  store: string;
  options: readonly LockOption[];
}

export interface PartitioningRecommendation extends Choice {
  store: string;
  current: string;
}

export interface ConflictRecommendation extends Choice {
  store: string;
  crdtType: "G-Counter" | "PN-Counter" | "G-Set" | "OR-Set" | "LWW-Register" | null;
}

export interface LeaderElectionRecommendation extends Choice {
  store: string;
  fencing: boolean;
}

export interface PartitionPlan {
  store: string;
  detection: Choice;
  during: Choice;
  healing: Choice;
}

export interface ChaosExperiment {
  id: string;
  domain: "region" | "zone" | "node" | "partition" | "clock";
  target: string;
  action: string;
  scenario: Scenario | null;
  expectation: string;
}

export interface Recommendations {
  consensus: ConsensusRecommendation[];
  locks: LockRecommendation[];
  partitioning: PartitioningRecommendation[];
  conflictResolution: ConflictRecommendation[];
  leaderElection: LeaderElectionRecommendation[];
  partitionPlans: PartitionPlan[];
  chaosPlan: ChaosExperiment[];
}

const STRONG: readonly ConsistencyLevel[] = ["linearizable", "bounded-staleness"];

/** The lock-service table (Kleppmann, "How to do distributed locking"; etcd and ZooKeeper docs). */
export const LOCK_OPTIONS: readonly LockOption[] = [
  {
    option: "Redlock",
    correctness: "Depends on bounded clock drift, network delay and process pauses; unsafe for locks that protect correctness.",
    latency: "Low: one round to a majority of independent Redis nodes.",
    autoRelease: "Yes, by key TTL (a paused holder can outlive it).",
    fencing: "No: there is no monotonic token to hand to the protected resource.",
  },
  {
    option: "ZooKeeper",
    correctness: "Linearizable writes through ZAB; safe with fencing.",
    latency: "A quorum write per acquire; sessions need heartbeats.",
    autoRelease: "Yes: ephemeral znodes vanish when the session expires.",
    fencing: "Yes: the znode's zxid / sequence number is a fencing token.",
  },
  {
    option: "etcd",
    correctness: "Linearizable through Raft; safe with fencing.",
    latency: "A quorum write per acquire; leases need keep-alives.",
    autoRelease: "Yes: keys attached to a lease are deleted when it expires.",
    fencing: "Yes: the key's revision (mod_revision) is a fencing token.",
  },
];

const byStoreCache = new WeakMap<readonly OperationAnalysis[], Map<string, OperationAnalysis[]>>();
/** The operations on a store (indexed once per analysis). */
function storeOps(ops: readonly OperationAnalysis[], store: string): OperationAnalysis[] {
  let index = byStoreCache.get(ops);
  if (!index) {
    index = new Map();
    for (const o of ops) index.set(o.store, [...(index.get(o.store) ?? []), o]);
    byStoreCache.set(ops, index);
  }
  return index.get(store) ?? [];
}

function needsStrong(model: Model, s: ResolvedStore, ops: readonly OperationAnalysis[]): boolean {
  // A single node the design says is enough (escalation level 0) needs no consensus protocol.
  if (s.n === 1 && model.design.context?.singleNodeSufficient === true) return false;
  return s.store.purpose === "lock" || s.store.purpose === "coordination" || storeOps(ops, s.id).some((o) => STRONG.includes(o.requiredConsistency));
}

function consensusFor(model: Model, s: ResolvedStore, ops: readonly OperationAnalysis[]): ConsensusRecommendation {
  const writers = new Set(storeOps(ops, s.id).filter((o) => o.type === "write").map((o) => o.clientRegion));
  const current = s.store.protocol ?? null;
  if (s.store.purpose === "coordination" || s.store.purpose === "lock") {
    return {
      store: s.id,
      current,
      choice: current === "zab" ? "ZAB (ZooKeeper)" : "Raft (etcd)",
      reasons: [
        "Coordination data (locks, leases, configuration, membership) is small and read often: a single replicated log is enough.",
        current === "zab"
          ? "ZAB gives primary-order broadcast; ZooKeeper adds ephemeral nodes, watches and sequence numbers usable as fencing tokens."
          : "etcd's Raft is the most widely operated consensus implementation; leases auto-release and revisions serve as fencing tokens.",
      ],
    };
  }
  if (writers.size > 1) {
    return {
      store: s.id,
      current,
      choice: "Multi-Paxos (or EPaxos for leaderless commit)",
      reasons: [
        `Writes come from ${writers.size} regions (${[...writers].join(", ")}): with a single Raft leader every remote writer pays a round trip to it.`,
        "Multi-Paxos lets the leader move to where the writes are (or several proposers with EPaxos) without changing the safety argument.",
        "If one region dominates writes, Raft with the leader pinned there is simpler to operate.",
      ],
    };
  }
  return {
    store: s.id,
    current,
    choice: "Raft",
    reasons: [
      "Understandable, with a strong leader and a complete specification (election, log replication, membership changes).",
      "Mature implementations (etcd/raft, hashicorp/raft, CockroachDB, TiKV) and operational tooling.",
      `Majority of ${s.n}: tolerates ${s.n - s.majority} failure${s.n - s.majority === 1 ? "" : "s"}; put the leader in the region with most writes (${[...writers][0] ?? "the callers' region"}).`,
    ],
  };
}

function partitioningFor(model: Model, s: ResolvedStore, ops: readonly OperationAnalysis[]): PartitioningRecommendation {
  const sharding = s.store.sharding ?? { strategy: "none" as const };
  const dataModel = model.design.context?.dataModel;
  const clientRegions = new Set(storeOps(ops, s.id).map((o) => o.clientRegion));
  const key = sharding.partitionKey ? `“${sharding.partitionKey}”` : "the partition key";
  const current = sharding.strategy;
  if (s.store.purpose === "lock" || s.store.purpose === "coordination") {
    return { store: s.id, current, choice: "none", reasons: ["Coordination data is small; one replica set is simpler and keeps operations linearizable across keys."] };
  }
  if (clientRegions.size > 1 && s.replication !== "consensus") {
    return {
      store: s.id,
      current,
      choice: "geo",
      reasons: [`Callers are in ${clientRegions.size} regions: home each record in its users' region so most operations stay local.`, "Keep a directory or deterministic mapping from key to home region."],
    };
  }
  if (dataModel === "time-series" || (dataModel === "relational" && sharding.strategy === "range")) {
    return {
      store: s.id,
      current,
      choice: "range",
      reasons: [`Range partitions by ${key} keep scans and ordered queries on few shards.`, "Watch for hot ranges (e.g. the newest time bucket): split them automatically or prefix keys."],
    };
  }
  if (s.replication === "leaderless" || dataModel === "key-value" || dataModel === "document") {
    const vnodes = sharding.vnodes ?? 256;
    return {
      store: s.id,
      current,
      choice: `consistent hashing with ${vnodes} vnodes per node`,
      reasons: [
        "Point lookups by key spread evenly, and adding a node moves only about 1/(N+1) of the keys.",
        `Virtual nodes (${vnodes} per node) smooth the load and let bigger machines own more ranges.`,
      ],
    };
  }
  return {
    store: s.id,
    current,
    choice: sharding.strategy === "none" ? "hash (when one replica set outgrows a node)" : "hash",
    reasons: [`Hashing ${key} spreads load evenly for point lookups.`, "Cross-shard range queries become scatter-gather; pick a key that keeps a request on one shard."],
  };
}

const CRDT_HINTS: { pattern: RegExp; type: ConflictRecommendation["crdtType"]; why: string }[] = [
  { pattern: /decrement|inventory|stock|balance|quota|seat/i, type: "PN-Counter", why: "a counter that goes up and down" },
  { pattern: /\bcount|\blike|\bview|\bvote|increment|\bclick|\bhit/i, type: "G-Counter", why: "an increment-only counter" },
  { pattern: /remove|delete|unfollow|untag|cart/i, type: "OR-Set", why: "a set with adds and removes (add wins over concurrent remove)" },
  { pattern: /add|tag|follow|append|seen|member/i, type: "G-Set", why: "a grow-only set" },
];

function conflictFor(s: ResolvedStore, ops: readonly OperationAnalysis[]): ConflictRecommendation | null {
  const writes = storeOps(ops, s.id).filter((o) => o.type === "write");
  const multiWriter = s.replication === "leaderless" || s.replication === "multi-leader" || s.replication === "crdt";
  if (!multiWriter || writes.length === 0) return null;
  const names = writes.map((w) => `${w.id} ${w.name}`).join(" ");
  const hint = CRDT_HINTS.find((h) => h.pattern.test(names));
  const crdtType = hint?.type ?? "LWW-Register";
  const current = s.store.conflictResolution ?? "none";
  return {
    store: s.id,
    crdtType,
    choice: current !== "none" ? `${current} (as designed); a ${crdtType} fits the writes` : `crdt: ${crdtType}`,
    reasons: [
      `${s.replication} replicas accept concurrent writes (${writes.map((w) => w.name).join(", ")}), so conflicts are certain under partition.`,
      hint ? `The writes look like ${hint.why}: a ${crdtType} merges them without losing any.` : "No merge structure is evident: an LWW-Register is simplest but silently drops the losing write; use app-merge if that is unacceptable.",
      "LWW needs synchronized clocks (hybrid logical clocks); vector clocks detect concurrency but leave the merge to the application.",
    ],
  };
}

function leaderElectionFor(s: ResolvedStore, ops: readonly OperationAnalysis[]): LeaderElectionRecommendation | null {
  if (!LEADER_MODES.includes(s.replication)) return null;
  const fencing = s.store.fencing === true;
  const builtIn = s.replication === "consensus";
  const status = fencingStatus(s, ops);
  return {
    store: s.id,
    fencing,
    choice: builtIn ? `${s.store.protocol ?? "Raft"} elections, term number as the fencing token` : "Lease in etcd/ZooKeeper, lease revision as the fencing token",
    reasons: [
      builtIn
        ? "The consensus protocol elects the leader itself; a new term invalidates the old leader's writes."
        : "A primary/replica store needs an external arbiter to avoid split brain: the primary holds a lease and steps down when it cannot renew it.",
      status === "tokens"
        ? "Fencing is on: storage rejects requests that carry an older token."
        : status === "protocol"
          ? "No separate fencing flag is needed for the data itself: the replicas reject appends from an old term. Turn fencing on if the leader also acts on systems outside the store."
          : status === "none-needed"
            ? s.store.purpose === "lock"
              ? "Fencing is off, which is fine for an efficiency lock (every operation accepts eventual consistency): an overlap only repeats work (Kleppmann 2016)."
              : "Fencing is off, which is fine while there is no replica to fail over to; turn it on when you add one."
            : "Fencing is off: turn it on — without it, a leader paused past its lease can still write.",
    ],
  };
}

function partitionPlanFor(model: Model, s: StoreAnalysis, rs: ResolvedStore): PartitionPlan {
  const crossRegion = s.regions.length > 1;
  const big = (model.design.nodes?.length ?? 0) > 50;
  const cp = s.pacelcPartition === "PC";
  return {
    store: s.id,
    detection: big
      ? { choice: "gossip (SWIM) with phi-accrual", reasons: ["Over 50 nodes all-to-all heartbeats do not scale; SWIM spreads membership and suspicion by gossip."] }
      : crossRegion
        ? { choice: "phi-accrual failure detector", reasons: ["Cross-region round trips vary: an adaptive suspicion level avoids false failovers that fixed heartbeat timeouts cause."] }
        : { choice: "heartbeats with a timeout of a few RTTs", reasons: ["Inside one region round trips are short and stable; a fixed timeout detects failures quickly."] },
    during: cp
      ? { choice: "CP: the minority side rejects writes", reasons: [`Writes need ${rs.replication === "consensus" ? `a majority (${s.majority} of ${s.n})` : rs.leader ? "the primary" : `${typeof s.writeQuorum === "number" ? s.writeQuorum : s.writeQuorum === "local-quorum" ? "a majority in the callers' region" : "a majority in every region"} of ${s.n} replicas`}; the side without it returns errors instead of diverging.`, "Clients retry against the majority side; reads on the minority side fail or are served stale only if explicitly allowed."] }
      : { choice: "AP: every side accepts writes and reconciles later", reasons: ["Each side keeps serving; replicas diverge until the partition heals.", `Conflicts are merged with ${rs.store.conflictResolution && rs.store.conflictResolution !== "none" ? rs.store.conflictResolution : "a strategy the design still has to choose"}.`] },
    healing:
      rs.replication === "consensus"
        ? { choice: "log catch-up and snapshots", reasons: ["Rejoining followers receive missing log entries (or a snapshot) from the leader; nothing to reconcile."] }
        : LEADER_MODES.includes(rs.replication)
          ? { choice: "replica resync from the primary", reasons: ["Replicas replay the primary's log from their last position; a deposed primary's unreplicated writes are discarded (or reconciled by hand)."] }
          : { choice: "anti-entropy (Merkle trees) plus read repair", reasons: ["Background Merkle-tree comparison repairs every key; read repair fixes hot keys on access.", "Hinted handoff replays writes a down replica missed."] },
  };
}

/** A consensus protocol as people write it ("raft" → "Raft"); "consensus" when the design names none. */
export function protocolName(protocol: string | undefined): string {
  const known: Record<string, string> = { raft: "Raft", "multi-paxos": "Multi-Paxos", paxos: "Paxos", zab: "ZAB", epaxos: "EPaxos" };
  return protocol ? (known[protocol.toLowerCase()] ?? protocol) : "consensus";
}

/**
 * What a paused and resumed holder or leader does, as the lock-without-fencing rule reads the
 * store: a consensus data store is fenced by its terms; a lock service still needs tokens at the
 * resource; an efficiency lock needs none.
 */
function pauseExpectation(rs: ResolvedStore, ops: readonly OperationAnalysis[]): string {
  switch (fencingStatus(rs, ops)) {
    case "tokens":
      return "its stale writes are rejected by fencing token";
    case "protocol":
      return `its stale writes are rejected: a new leader was elected in a later term, and the replicas refuse appends from the old one (${rs.store.protocol ? `${protocolName(rs.store.protocol)}'s` : "the consensus protocol's"} terms fence it; no tokens needed for the store's own data)`;
    case "none-needed":
      return rs.store.purpose === "lock"
        ? "two holders may overlap briefly: duplicate work only, acceptable for an efficiency lock (no fencing needed)"
        : "nothing took over while it was paused, so it resumes as the only writer";
    case "missing":
      return rs.replication === "leaderless"
        ? "its stale writes are accepted — a Redlock-style lock cannot issue fencing tokens: move locks that protect correctness to etcd or ZooKeeper"
        : "its stale writes are accepted — enable fencing";
  }
}

function chaosPlanFor(model: Model, stores: readonly StoreAnalysis[], ops: readonly OperationAnalysis[]): ChaosExperiment[] {
  const out: ChaosExperiment[] = [];
  const opsOf = new Map<string, ResolvedOperation[]>();
  for (const rop of model.operations) {
    const list = opsOf.get(rop.store.id);
    if (list) list.push(rop);
    else opsOf.set(rop.store.id, [rop]);
  }
  // Operations of the stores with a replica in each failure domain (a region, a "region/zone"),
  // in store order: the operations of other stores are untouched by that failure.
  const touching = new Map<string, ResolvedOperation[]>();
  for (const st of model.stores.values()) {
    const keys = new Set<string>();
    for (const r of st.replicas) {
      const n = model.nodes.get(r)!;
      keys.add(`region:${n.region}`);
      if (n.zone !== undefined) keys.add(`zone:${n.region}/${n.zone}`);
    }
    for (const key of keys) {
      const list = touching.get(key) ?? [];
      list.push(...(opsOf.get(st.id) ?? []));
      touching.set(key, list);
    }
  }
  const expect = (scenario: Scenario, operations: readonly ResolvedOperation[]) => {
    const sim = simulateModel(model, scenario, { reasons: false, operations });
    const down = sim.operations.filter((o) => !o.available).map((o) => elementName(model.design, o.id));
    const diverging = sim.operations.filter((o) => o.diverging).map((o) => elementName(model.design, o.id));
    const parts = [down.length ? `unavailable: ${down.join(", ")}` : "every operation stays available"];
    if (diverging.length) parts.push(`diverging: ${diverging.join(", ")}`);
    return parts.join("; ");
  };
  const used = new Set(stores.flatMap((s) => s.regions));
  for (const region of model.design.regions ?? []) {
    if (!used.has(region.id)) continue;
    const scenario = { failRegions: [region.id] };
    const touched = touching.get(`region:${region.id}`) ?? [];
    out.push({ id: `region-loss-${region.id}`, domain: "region", target: region.id, action: `Take region ${regionLabel(model.design, region)} offline`, scenario, expectation: expect(scenario, touched) });
    for (const zone of region.zones ?? []) {
      const key = `${region.id}/${zone}`;
      const zoneOps = touching.get(`zone:${key}`);
      if (!zoneOps) continue;
      const zs = { failZones: [`${region.id}/${zone}`] };
      out.push({ id: `zone-loss-${region.id}-${zone}`, domain: "zone", target: `${region.id}/${zone}`, action: `Fail zone ${zone} of ${regionLabel(model.design, region)}`, scenario: zs, expectation: expect(zs, zoneOps) });
    }
  }
  for (const s of stores) {
    const rs = model.stores.get(s.id)!;
    const victim = rs.leader ?? rs.replicas[0];
    const ns = { failNodes: [victim] };
    out.push({
      id: `kill-${rs.leader ? "leader" : "replica"}-${s.id}`,
      domain: "node",
      target: victim,
      action: `Kill ${rs.leader ? "the leader" : "a replica"} of ${s.name} (${elementName(model.design, victim)})${rs.leader ? " and measure failover time" : ""}`,
      scenario: ns,
      expectation: expect(ns, opsOf.get(s.id) ?? []),
    });
    if (s.regions.length > 1) {
      const isolated = model.nodes.get(victim)!.region;
      const split = { split: [[isolated], (model.design.regions ?? []).map((r) => r.id).filter((r) => r !== isolated)] };
      out.push({ id: `partition-${s.id}`, domain: "partition", target: s.id, action: `Partition ${elementName(model.design, isolated)} from the other regions`, scenario: split, expectation: expect(split, opsOf.get(s.id) ?? []) });
    }
    if (rs.store.purpose === "lock" || LEADER_MODES.includes(rs.replication)) {
      out.push({
        id: `pause-holder-${s.id}`,
        domain: "clock",
        target: s.id,
        action: `Pause the ${rs.store.purpose === "lock" ? "lock holder" : "leader"} of ${s.name} past its lease (SIGSTOP / clock skew), then resume it`,
        scenario: null,
        expectation: pauseExpectation(rs, ops),
      });
    }
  }
  return out;
}

export function recommend(model: Model, stores: readonly StoreAnalysis[], ops: readonly OperationAnalysis[]): Recommendations {
  const resolved = stores.map((s) => model.stores.get(s.id)!);
  return {
    consensus: resolved.filter((s) => needsStrong(model, s, ops)).map((s) => consensusFor(model, s, ops)),
    locks: resolved
      .filter((s) => s.store.purpose === "lock")
      .map((s) => {
        // Kleppmann 2016: a lock whose operations all accept eventual consistency only saves duplicate
        // work (an efficiency lock); any other lock protects correctness.
        const correctness = storeOps(ops, s.id).some((o) => o.requiredConsistency !== "eventual") || storeOps(ops, s.id).length === 0;
        return {
          store: s.id,
          options: LOCK_OPTIONS,
          choice: correctness ? (s.store.protocol === "zab" ? "ZooKeeper with fencing tokens" : "etcd with fencing tokens") : "a single Redis node (efficiency only)",
          reasons: correctness
            ? ["The lock protects correctness: it needs linearizable grants and fencing tokens (etcd's revision, ZooKeeper's zxid), which consensus-backed services give (Kleppmann 2016).", "Auto-release by lease/session avoids stuck locks without trusting clocks for safety."]
            : ["The lock only avoids duplicate work (its operations accept eventual consistency): a single Redis node is simpler and as good — Redlock's extra nodes buy nothing here (Kleppmann 2016).", "No fencing needed; never rely on it for correctness."],
        };
      }),
    partitioning: resolved.map((s) => partitioningFor(model, s, ops)),
    conflictResolution: resolved.map((s) => conflictFor(s, ops)).filter((r): r is ConflictRecommendation => r !== null),
    leaderElection: resolved.map((s) => leaderElectionFor(s, ops)).filter((r): r is LeaderElectionRecommendation => r !== null),
    partitionPlans: stores.map((s) => partitionPlanFor(model, s, model.stores.get(s.id)!)),
    chaosPlan: chaosPlanFor(model, stores, ops),
  };
}
