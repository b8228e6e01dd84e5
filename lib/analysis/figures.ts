/** Per-store and per-operation figures (analysis-model.md, "Per store" and "Per operation"). */
import type { QuorumSpec } from "../design/schema";
import { describeNeed, explainAvailability, needAvailability } from "./availability";
import { atLeastAsStrong, defaultRead, leaderlessStale, providedConsistency, storeStrongReads } from "./consistency";
import { operationLatency } from "./latency";
import { fmt } from "./math";
import { effectiveNeed, needOf, type Model, type ResolvedOperation, type ResolvedStore } from "./model";
import { hasTVisibility, p999 } from "./pbs";
import { ackedOn, describeSpec, specLabel } from "./quorum";
import { nodeFailures, regionLoss, toleratedFailures, zoneLoss } from "./survival";
import type { Cap, Explanation, Need, OperationAnalysis, PacelcElse, PacelcPartition, StoreAnalysis, TVisibility } from "./types";

const explain = (formula: string, inputs: Explanation["inputs"], text: string, section: string): Explanation => ({ formula, inputs, text, section });
// Explanations that do not depend on the operation are built once (designs have thousands of operations).
const STALE_WRITE = explain("does not apply to writes", {}, "stale-read probability does not apply to writes", "Per operation: staleReadProbability");
const DURABLE_READ = explain("does not apply to reads", {}, "durable against failures does not apply to reads", "Per operation: durableAgainstFailures");
const FRESH_UNKNOWN = explain("1 − p^k for k = 1..5 (PBS k-staleness)", { p: null }, "fresh within k versions = unknown (the stale-read probability is unknown)", "Per operation: freshWithinVersions");
const FAILOVER_FORMULA = "consensus: the election timeout (default 1000 ms); primary/replica: the failover time (default 30000 ms); else 0";
const FAILOVER_NONE = explain(FAILOVER_FORMULA, {}, "leader failover = 0: the operation does not wait for a leader. Source: etcd tuning guide (election timeout); Kleppmann, DDIA ch. 5 (failover)", "Per operation: leaderFailoverMs");
const TV_FORMULA = "Monte Carlo of the WARS model on the drawn round-trip times (rtt/2 + an exponential delay with the network jitter as its mean, per message)";
const TV_NONE = explain(TV_FORMULA, {}, "t-visibility = none: it applies to leaderless reads that are not strong and to follower reads (strong reads are always fresh)", "PBS t-visibility (Monte Carlo)");
const TV_LATER = explain(TV_FORMULA, {}, "t-visibility = not computed yet: the Monte Carlo runs separately (in the studio's background worker; `analyze --trials 0` skips it)", "PBS t-visibility (Monte Carlo)");
const unknown = (figure: string, section: string) => explain("unknown local region", {}, `${figure} = unknown: the operation uses LOCAL_QUORUM and its local region is unknown (no round-trip time from the callers to any replica)`, section);

/** Figures that depend only on the need: shared by the operations that have the same one. */
/** Keyed by the need object: operations with the same need share it (see resolveOperation). */
export type NeedCache = Map<Need, { described: string; nodes: ReturnType<typeof nodeFailures>; zones: ReturnType<typeof zoneLoss>; regions: ReturnType<typeof regionLoss>; availability: number; availabilityExplain: Explanation }>;


export function needFigures(model: Model, storeId: string, need: Need, sloppy: boolean, cache: NeedCache) {
  let entry = cache.get(need);
  if (!entry) {
    const availability = needAvailability(model, need);
    const s = model.stores.get(storeId)!;
    const namesZones = [...s.replicas, ...s.learners].some((r) => model.nodes.get(r)!.zone !== undefined);
    entry = { described: describeNeed(model, need), nodes: nodeFailures(model, need, sloppy), zones: zoneLoss(model, need, namesZones), regions: regionLoss(model, need), availability, availabilityExplain: explainAvailability(model, need, availability) };
    cache.set(need, entry);
  }
  return entry;
}

/** CAP: AP when any single one of at least 2 replicas serves it; else CP when linearizable; else neither. */
function capOf(need: Need, provided: string): Cap {
  const anyOne = need.node === null && need.k <= 1 && need.perRegion.every((c) => c.k === 0) && need.members.length >= 2;
  return anyOne ? "AP" : provided === "linearizable" ? "CP" : "neither";
}

function explainCap(cap: Cap | null, what: string | null, provided: string | null): Explanation {
  const section = "Per operation: cap";
  const formula = "AP when any 1 of at least 2 replicas serves it (no specific node); else CP when provided linearizable; else neither";
  if (cap === null || what === null) return unknown("CAP", section);
  const text =
    cap === "AP"
      ? `CAP = AP: it needs ${what}, so every side of a partition that holds a replica can serve it (Gilbert & Lynch: availability at the price of consistency)`
      : cap === "CP"
        ? `CAP = CP: it needs ${what} and is provided linearizable — a partition can stop it, and it stays consistent in exchange`
        : `CAP = neither: it needs ${what}, so a partition can make it unavailable, yet it does not get linearizability in exchange (provided ${provided}; Jepsen: “neither CP nor AP”)`;
  return explain(formula, { need: what, provided }, text, section);
}

export interface OperationInputs {
  cache?: NeedCache;
  /** t-visibility by operation id (PBS, run separately: the studio runs it in a Web Worker). */
  pbs?: ReadonlyMap<string, TVisibility>;
}

export function analyzeOperation(model: Model, rop: ResolvedOperation, inputs: OperationInputs = {}): OperationAnalysis {
  const { op, store } = rop;
  const cache = inputs.cache ?? new Map();
  const missing = new Set<string>();
  const need = effectiveNeed(rop);
  const provided = providedConsistency(model, rop);
  const satisfied = provided.value === null ? null : atLeastAsStrong(provided.value, rop.required);
  const cap = need === null || provided.value === null ? null : capOf(need, provided.value);

  // Staleness (reads): the PBS closed form on leaderless stores; 0 for strong reads elsewhere.
  let staleReadProbability: number | null = null;
  let staleExplain: Explanation;
  const staleSection = "Per operation: staleReadProbability";
  if (op.type === "write") staleExplain = STALE_WRITE;
  else if (!rop.known && rop.spec === "local-quorum") staleExplain = unknown("stale-read probability", staleSection);
  else if (store.replication === "leaderless") {
    const stale = leaderlessStale(model, store, { spec: rop.spec!, local: rop.localRegion }, "stale-read probability");
    staleReadProbability = stale.value;
    staleExplain = stale.explain;
  } else if (rop.readMode !== "follower" && (store.replication === "consensus" || store.replication.startsWith("primary-"))) {
    staleReadProbability = 0;
    staleExplain = explain("0 for a read through the leader or a quorum", {}, `stale-read probability = 0: a ${rop.readMode} read on a ${store.replication} store returns the latest committed write`, staleSection);
  } else {
    staleExplain = explain("not modelled", {}, `stale-read probability = unknown: the closed form does not model ${store.replication === "multi-leader" || store.replication === "crdt" ? store.replication : "follower"} reads (they lag by the replication delay; see t-visibility)`, staleSection);
  }
  const freshWithinVersions = staleReadProbability === null ? null : [1, 2, 3, 4, 5].map((k) => 1 - staleReadProbability! ** k);

  // Durability (writes): replicas the write is acknowledged on, minus 1.
  let durableAgainstFailures: number | null = null;
  let durableExplain: Explanation;
  const durableSection = "Per operation: durableAgainstFailures";
  if (op.type === "read") durableExplain = DURABLE_READ;
  else {
    let acked: number | null;
    let how: string;
    if (store.replication === "leaderless") {
      acked = ackedOn(store, { spec: rop.spec!, local: rop.localRegion });
      how = `W = ${describeSpec({ spec: rop.spec!, local: rop.localRegion })} acknowledges on ${fmt(acked)} replicas`;
    } else if (store.replication === "consensus") {
      acked = store.majority;
      how = `a majority (${store.majority}) holds every committed write`;
    } else if (store.replication === "primary-sync") {
      acked = rop.spec as number;
      how = `W = ${acked}: the primary and ${acked - 1} synchronous replicas`;
    } else {
      acked = 1;
      how = `${store.replication} acknowledges on one node`;
    }
    durableAgainstFailures = acked === null ? null : acked - 1;
    durableExplain = explain("replicas the write is acknowledged on − 1", { acknowledgedOn: acked }, acked === null ? "durable against failures = unknown: its local region is unknown" : `durable against failures = ${acked} − 1 = ${durableAgainstFailures} (${how})`, durableSection);
  }

  const figures = need === null ? null : needFigures(model, store.id, need, store.sloppy, cache);
  const used = new Set<string>();
  const latency = withEstimates(model, operationLatency({ model, missing, used }, rop), used);
  const availabilitySlo = op.availabilitySlo ?? model.design.context?.availabilityTarget ?? null;

  // Leader failover: how long the operation is unavailable when the leader dies.
  let leaderFailoverMs = 0;
  let failoverText = "leader failover = 0: the operation does not wait for a leader";
  const followerRead = op.type === "read" && rop.readMode === "follower";
  if (store.replication === "consensus" && !followerRead) {
    leaderFailoverMs = store.store.electionTimeoutMs ?? 1000;
    failoverText = `leader failover = election timeout = ${fmt(leaderFailoverMs)} ms${store.store.electionTimeoutMs === undefined ? " (default; etcd's default election timeout)" : ""}: a new leader must be elected before it is served`;
  } else if ((store.replication === "primary-sync" || store.replication === "primary-async") && !followerRead) {
    leaderFailoverMs = store.store.failoverMs ?? 30000;
    failoverText =
      store.n === 1
        ? `leader failover = failover time = ${fmt(leaderFailoverMs)} ms${store.store.failoverMs === undefined ? " (default)" : ""}, as the spec defines it — but with one replica there is nothing to promote: it is unavailable until the primary returns`
        : `leader failover = failover time = ${fmt(leaderFailoverMs)} ms${store.store.failoverMs === undefined ? " (default)" : ""}: a replica must be promoted before it is served`;
  }

  const tVisibility = inputs.pbs?.get(op.id) ?? null;
  const tVisibilityP999Ms = tVisibility ? p999(tVisibility) : null;
  const missingLinks = latency.value === null ? [...missing].sort() : [];

  return {
    id: op.id,
    name: op.name,
    store: store.id,
    type: op.type,
    requiredConsistency: rop.required,
    clientRegion: rop.clientRegion,
    quorum: rop.spec,
    localRegion: rop.localRegion,
    need,
    cap,
    providedConsistency: provided.value,
    satisfied,
    staleReadProbability,
    freshWithinVersions,
    durableAgainstFailures,
    survivesNodeFailures: figures?.nodes.value ?? null,
    survivesZoneLoss: figures?.zones.value ?? null,
    survivesRegionLoss: figures?.regions.value ?? null,
    leaderFailoverMs,
    latencyMs: latency.value,
    latencySloMs: op.latencySloMs ?? null,
    availability: figures?.availability ?? null,
    availabilitySlo,
    tVisibility,
    tVisibilityP999Ms,
    missingLinks,
    explain: {
      cap: explainCap(cap, figures?.described ?? null, provided.value),
      providedConsistency: provided.explain,
      satisfied: provided.explain,
      staleReadProbability: staleExplain,
      freshWithinVersions:
        freshWithinVersions === null
          ? FRESH_UNKNOWN
          : explain(
              "1 − p^k for k = 1..5 (PBS k-staleness)",
              { p: staleReadProbability },
              `fresh within k versions = [${freshWithinVersions.map(fmt).join(", ")}]: the probability it returns one of the last k = 1..5 versions, 1 − ${fmt(staleReadProbability)}^k. Source: Bailis et al., VLDB 2012 (k-staleness)`,
              "Per operation: freshWithinVersions",
            ),
      durableAgainstFailures: durableExplain,
      survivesNodeFailures: figures?.nodes.explain ?? unknown("survives node failures", "Per operation: survivesNodeFailures"),
      survivesZoneLoss: figures?.zones.explain ?? unknown("survives a zone loss", "Per operation: survivesZoneLoss"),
      survivesRegionLoss: figures?.regions.explain ?? unknown("survives a region loss", "Per operation: survivesRegionLoss"),
      leaderFailoverMs: leaderFailoverMs === 0 ? FAILOVER_NONE : explain(FAILOVER_FORMULA, { replication: store.replication }, `${failoverText}. Source: etcd tuning guide (election timeout); Kleppmann, DDIA ch. 5 (failover)`, "Per operation: leaderFailoverMs"),
      latencyMs: latency.explain,
      availability: figures?.availabilityExplain ?? unknown("availability", "Per operation: availability"),
      tVisibility: tVisibility
        ? explain(
            TV_FORMULA,
            { trials: tVisibility.trials, jitterMs: model.jitterMs },
            `P(fresh) t ms after the write's acknowledgement: ${tVisibility.points.map((p) => `t=${p.tMs}: ${fmt(p.pFresh)}`).join(", ")}; 99.9 % fresh from ${tVisibilityP999Ms === null ? "beyond 1000 ms" : `${tVisibilityP999Ms} ms`} (${tVisibility.trials} trials)${
              store.replication === "consensus"
                ? ". The model counts a follower as holding the write when the log entry arrives; a Raft follower applies it only after it learns the commit index (about one more leader round trip), and CockroachDB serves follower reads only below its closed timestamp (about 3 s behind by default), so real follower reads are staler"
                : ""
            }. Source: Bailis et al., VLDB 2012 (t-visibility)`,
            "PBS t-visibility (Monte Carlo)",
          )
        : hasTVisibility(model, rop)
          ? TV_LATER
          : TV_NONE,
    },
  };
}

/** The store's default read or write: the store's own spec, with the local region of its first replica. */
function defaultNeed(s: ResolvedStore, type: "read" | "write"): Need | null {
  const spec: QuorumSpec | null = s.replication === "leaderless" ? (type === "read" ? s.readQuorum : s.writeQuorum) : s.replication === "primary-sync" && type === "write" ? s.writeQuorum : null;
  const need = needOf(s, type, spec, type === "read" ? s.readMode : null, s.firstRegion);
  return need && s.sloppy ? { members: s.replicas, k: 1, perRegion: [], node: null } : need;
}

/** The store's operations (the caller indexes them once: designs have thousands). */
export function analyzeStore(model: Model, s: ResolvedStore, storeOps: readonly OperationAnalysis[]): StoreAnalysis {
  const section = "Per store";
  const writeNeed = defaultNeed(s, "write")!;
  const readNeed = defaultNeed(s, "read")!;
  const strongReads = storeStrongReads(model, s);
  const stale = s.replication === "leaderless" ? leaderlessStale(model, s, defaultRead(s), "stale-read probability") : null;
  const mine = storeOps.filter((o) => o.cap !== null);
  const capSplit = {
    cp: mine.filter((o) => o.cap === "CP").map((o) => o.id),
    ap: mine.filter((o) => o.cap === "AP").map((o) => o.id),
    neither: mine.filter((o) => o.cap === "neither").map((o) => o.id),
  };
  const writes = mine.filter((o) => o.type === "write");
  const rated = writes.length ? writes : mine;
  const cpRated = rated.filter((o) => o.cap === "CP").length;
  const pacelcPartition: PacelcPartition | null = mine.length === 0 ? null : cpRated === rated.length ? "PC" : cpRated === 0 ? "PA" : "mixed";
  const pacelcElse: PacelcElse | null = mine.length === 0 ? null : mine.every((o) => o.providedConsistency === "linearizable") ? "EC" : "EL";
  const pacelc = pacelcPartition === null ? null : `${pacelcPartition}/${pacelcElse}`;
  const regions = [...s.byRegion.keys()];
  const nameOf = new Map(storeOps.map((o) => [o.id, o.name]));
  const names = (ids: string[]) => ids.map((id) => nameOf.get(id) ?? id).join(", ") || "none";
  const quorumText = (which: "R" | "W", value: QuorumSpec) => {
    if (s.replication === "consensus") return which === "W" || s.readMode !== "follower" ? `${which} = majority(n) = ${value}` : `R = 1 (follower reads)`;
    if (s.replication === "leaderless") {
      const set = which === "R" ? s.store.readQuorum : s.store.writeQuorum;
      const label = typeof value === "number" ? String(value) : `${specLabel(value)} (${value === "local-quorum" ? "a majority of the local region's replicas" : "a majority in every region"})`;
      return set === undefined ? `${which} = majority(n) = ${value} (default)` : `${which} = ${label} (set on the store)`;
    }
    if (s.replication === "primary-sync" && which === "W") return s.store.writeQuorum === undefined ? `W = n = ${value} (default: every replica)` : `W = ${value} (set on the store)`;
    return `${which} = 1 (${which === "W" ? "acknowledged by one node" : "served by one node"})`;
  };
  const tolerated = (need: Need, which: string) => {
    const f = toleratedFailures(model, need);
    return { f, text: need.node !== null ? `${which} = 0: it needs ${describeNeed(model, need)}` : s.sloppy ? `${which} = n − 1 = ${f} (sloppy quorums)` : `${which} = ${f}: it needs ${describeNeed(model, need)} (min over conditions of |S| − k)` };
  };
  const tw = tolerated(writeNeed, "tolerated write failures");
  const tr = tolerated(readNeed, "tolerated read failures");
  return {
    id: s.id,
    name: s.store.name,
    replication: s.replication,
    n: s.n,
    majority: s.majority,
    readQuorum: s.readQuorum,
    writeQuorum: s.writeQuorum,
    toleratedWriteFailures: tw.f,
    toleratedReadFailures: tr.f,
    strongReads,
    staleReadProbability: stale ? stale.value : 0,
    pacelc,
    pacelcPartition,
    pacelcElse,
    capSplit,
    leader: s.leader,
    readMode: s.readMode,
    learners: s.learners,
    regions,
    explain: {
      n: explain("number of voting replicas (learners are not counted)", { replicas: s.replicas.length, learners: s.learners.length }, `n = ${s.n} (${s.replicas.map((r) => model.nodes.get(r)?.name ?? r).join(", ")})${s.learners.length ? `; ${s.learners.length} learner${s.learners.length === 1 ? "" : "s"} not counted` : ""}`, section),
      majority: explain("floor(n/2) + 1", { n: s.n }, `majority = floor(${s.n}/2) + 1 = ${s.majority}`, section),
      readQuorum: explain("effective R", { replication: s.replication }, quorumText("R", s.readQuorum), section),
      writeQuorum: explain("effective W", { replication: s.replication }, quorumText("W", s.writeQuorum), section),
      toleratedWriteFailures: explain("the largest f such that any f replica failures leave the default write satisfiable", { n: s.n }, tw.text, section),
      toleratedReadFailures: explain("the largest f such that any f replica failures leave the default read satisfiable", { n: s.n }, tr.text, section),
      strongReads: explain(
        "leaderless: not sloppy and R meets every write's W; consensus: not follower reads; primary-*: leader reads",
        { R: specLabel(s.readQuorum), W: specLabel(s.writeQuorum), n: s.n, readMode: s.readMode, sloppyQuorum: s.sloppy },
        s.replication === "leaderless"
          ? `strong reads = ${strongReads}${s.sloppy ? " (sloppy quorums: a read can miss writes accepted by stand-ins)" : ` (R = ${specLabel(s.readQuorum)} ${strongReads ? "meets" : "does not meet"} every write quorum; quorum intersection only — read repair decides the provided level)`}`
          : `strong reads = ${strongReads} (${s.replication}, ${s.readMode ?? "any-replica"} reads)`,
        section,
      ),
      staleReadProbability: stale ? stale.explain : explain("0 unless leaderless", {}, `stale-read probability = 0 (${s.replication}: the closed form applies to leaderless stores only)`, section),
      pacelc: explain(
        "partition half: PC when every write is CP, PA when none is, mixed otherwise (reads when no writes); else half: EC when every operation is linearizable, EL otherwise",
        { cp: names(capSplit.cp), ap: names(capSplit.ap), neither: names(capSplit.neither) },
        pacelc === null
          ? "PACELC = none: no operation uses the store"
          : `PACELC = ${pacelc}: ${pacelcPartition} because ${writes.length ? "its writes" : "its reads (it has no writes)"} are ${rated.map((o) => `${o.name} ${o.cap}`).join(", ")}; ${pacelcElse} because ${pacelcElse === "EC" ? "every operation is linearizable" : `${mine.filter((o) => o.providedConsistency !== "linearizable").map((o) => `${o.name} (${o.providedConsistency})`).join(", ")} ${mine.filter((o) => o.providedConsistency !== "linearizable").length === 1 ? "is" : "are"} not linearizable`}. Source: Abadi, “Consistency Tradeoffs in Modern Distributed Database System Design”, IEEE Computer 2012`,
        section,
      ),
    },
  };
}

/**
 * A latency that used estimated round-trip times says so in its "why?", pair by pair, so an
 * estimate is never silently mixed with measured values.
 */
function withEstimates<F extends { value: number | null; explain: Explanation }>(model: Model, figure: F, used: ReadonlySet<string>): F {
  const pairs = [...used].filter((k) => model.estimated.has(k)).sort();
  if (pairs.length === 0) return figure;
  const name = (id: string) => model.regions.get(id)?.name ?? id;
  const order = [...model.regions.keys()];
  const listed = pairs.map((k) => {
    const [a, b] = k.split("|").sort((x, y) => order.indexOf(x) - order.indexOf(y));
    return `${name(a)} ↔ ${name(b)} ${model.links.get(a)?.get(b)} ms`;
  });
  return {
    ...figure,
    explain: {
      ...figure.explain,
      inputs: { ...figure.explain.inputs, estimated: listed.join("; ") },
      text: `${figure.explain.text}. Estimated from the regions' distance, not measured: ${listed.join(", ")} (type measured values in Links)`,
    },
  };
}
