/**
 * The resolved model the figures are computed from: defaults applied, every store's n, quorum
 * specs, leader, learners and read mode, every operation's local region, coordinator and need
 * (analysis-model.md, "Terms" and "What each operation needs").
 */
import type { ConsistencyLevel, Design, DesignNode, Operation, QuorumSpec, ReadMode, ReadRepair, Region, ReplicationMode, Store } from "../design/schema";
import { LEADER_MODES } from "../design/schema";
import { majority } from "./math";
import type { Need } from "./types";

export interface ResolvedStore {
  store: Store;
  id: string;
  replication: ReplicationMode;
  /** Voting replicas, in list order. */
  replicas: string[];
  /** Non-voting replicas (consensus learners). */
  learners: string[];
  n: number;
  majority: number;
  leader: string | null;
  readMode: ReadMode | null;
  /** The store's read quorum spec (effective; leaderless default majority). */
  readQuorum: QuorumSpec;
  /** The store's write quorum spec (effective). */
  writeQuorum: QuorumSpec;
  readRepair: ReadRepair | null;
  sloppy: boolean;
  /** Voting replicas per region, regions in order of their first replica. */
  byRegion: Map<string, string[]>;
  /** Region of the first replica: the local region of the store's default read and write. */
  firstRegion: string;
  /** Needs by (type, spec, read mode, local region): operations with the same need share one object. */
  needs: Map<string, Need | null>;
  /** The need of every operation on a sloppy store: any 1 of all replicas. */
  sloppyNeed: Need;
}

export interface ResolvedOperation {
  op: Operation;
  store: ResolvedStore;
  /** The operation's read mode (reads only): op.readMode ?? store.readMode. */
  readMode: ReadMode | null;
  /** Its quorum spec (leaderless reads and writes, primary-sync writes), else null. */
  spec: QuorumSpec | null;
  clientRegion: string | null;
  /** Leaderless: the replica nearest the callers (ties: list order), null when no rtt is known. */
  coordinator: string | null;
  /** The region local-quorum counts in: C when it holds replicas, else the coordinator's. */
  localRegion: string | null;
  /** False when the operation uses local-quorum and its local region is unknown. */
  known: boolean;
  /** The need as written (latency, durability); sloppy stores replace it for availability. */
  need: Need | null;
  required: ConsistencyLevel;
}

export interface Model {
  design: Design;
  regions: Map<string, Region>;
  nodes: Map<string, DesignNode>;
  stores: Map<string, ResolvedStore>;
  operations: ResolvedOperation[];
  /** Write operations per store id, in document order. */
  writesOf: Map<string, ResolvedOperation[]>;
  intraRegionRttMs: number;
  nodeAvailability: number;
  jitterMs: number;
  /** Round-trip times between regions, both ways: links.get(a)?.get(b). */
  links: Map<string, Map<string, number>>;
  /** Pairs ("a|b") whose round-trip time is an estimate from the regions' locations, not measured. */
  estimated: Set<string>;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** rtt between two regions: the intra-region value within one, else the link (null when missing). */
export function regionRtt(model: Pick<Model, "links" | "intraRegionRttMs">, a: string, b: string): number | null {
  if (a === b) return model.intraRegionRttMs;
  return model.links.get(a)?.get(b) ?? null;
}

function resolveStore(store: Store, nodes: Map<string, DesignNode>): ResolvedStore {
  const n = store.replicas.length;
  const maj = majority(n);
  const replication = store.replication;
  const leader = LEADER_MODES.includes(replication) ? (store.leader ?? store.replicas[0]) : null;
  const readMode: ReadMode | null =
    replication === "consensus" ? (store.readMode ?? "quorum") : leader ? (store.readMode ?? "leader") : null;
  let readQuorum: QuorumSpec;
  let writeQuorum: QuorumSpec;
  switch (replication) {
    case "consensus":
      writeQuorum = maj;
      readQuorum = readMode === "follower" ? 1 : maj;
      break;
    case "leaderless":
      readQuorum = store.readQuorum ?? maj;
      writeQuorum = store.writeQuorum ?? maj;
      break;
    case "primary-sync":
      writeQuorum = store.writeQuorum ?? n;
      readQuorum = 1;
      break;
    default: // primary-async, multi-leader, crdt acknowledge on one node
      writeQuorum = 1;
      readQuorum = 1;
  }
  const byRegion = new Map<string, string[]>();
  for (const r of store.replicas) {
    const region = nodes.get(r)!.region;
    const list = byRegion.get(region);
    if (list) list.push(r);
    else byRegion.set(region, [r]);
  }
  return {
    store,
    id: store.id,
    replication,
    replicas: store.replicas,
    learners: replication === "consensus" ? (store.learners ?? []) : [],
    n,
    majority: maj,
    leader,
    readMode,
    readQuorum,
    writeQuorum,
    readRepair: replication === "leaderless" ? (store.readRepair ?? "blocking") : null,
    sloppy: replication === "leaderless" && store.sloppyQuorum === true,
    byRegion,
    firstRegion: nodes.get(store.replicas[0])!.region,
    needs: new Map(),
    sloppyNeed: { members: store.replicas, k: 1, perRegion: [], node: null },
  };
}

/** Leaderless coordinator K: the replica with the smallest rtt(C, r) among the known ones, ties in list order. */
export function coordinatorOf(model: Pick<Model, "links" | "intraRegionRttMs" | "nodes">, C: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestRtt = Infinity;
  for (const r of candidates) {
    const v = regionRtt(model, C, model.nodes.get(r)!.region);
    if (v !== null && v < bestRtt) {
      best = r;
      bestRtt = v;
    }
  }
  return best;
}

/** The conditions a quorum spec adds, evaluated with local region L (null when L is needed and unknown). */
function addSpec(need: Need, s: ResolvedStore, spec: QuorumSpec, L: string | null): boolean {
  const atLeast = (region: string, k: number) => {
    const existing = need.perRegion.find((c) => c.region === region);
    if (existing) existing.k = Math.max(existing.k, k);
    else need.perRegion.push({ region, k });
  };
  if (typeof spec === "number") need.k = Math.max(need.k, spec);
  else if (spec === "local-quorum") {
    if (L === null) return false;
    atLeast(L, majority(s.byRegion.get(L)?.length ?? 0));
  } else for (const [g, members] of s.byRegion) atLeast(g, majority(members.length));
  return true;
}

/** True when a need's specs include local-quorum (so its local region matters). */
export function usesLocal(...specs: (QuorumSpec | null)[]): boolean {
  return specs.includes("local-quorum");
}

/**
 * The need of an operation (the table in "What each operation needs"), as written: sloppy
 * quorums are applied separately (`effectiveNeed`). Null when a local-quorum's region is unknown.
 */
export function needOf(s: ResolvedStore, type: "read" | "write", spec: QuorumSpec | null, readMode: ReadMode | null, L: string | null): Need | null {
  const need: Need = { members: s.replicas, k: 0, perRegion: [], node: null };
  switch (s.replication) {
    case "consensus":
      if (type === "read" && readMode === "follower") return { ...need, members: [...s.replicas, ...s.learners], k: 1 };
      return { ...need, k: s.majority };
    case "leaderless": {
      if (!addSpec(need, s, spec!, L)) return null;
      if (type === "read" && s.readRepair === "blocking" && !addSpec(need, s, s.writeQuorum, L)) return null;
      return need;
    }
    case "primary-sync":
    case "primary-async":
      if (type === "read") return readMode === "follower" ? { ...need, k: 1 } : { ...need, node: s.leader! };
      if (s.replication === "primary-async") return { ...need, node: s.leader! };
      return { ...need, node: s.leader!, k: spec as number };
    default:
      return { ...need, k: 1 };
  }
}

/** Sloppy quorums: for availability, survival, the simulator and CAP every condition is "any 1 of all replicas". */
export function effectiveNeed(rop: ResolvedOperation): Need | null {
  if (rop.need === null) return null;
  return rop.store.sloppy ? rop.store.sloppyNeed : rop.need;
}

/** The local region for callers in C: C when it holds voting replicas, else the coordinator's region. */
export function localRegionOf(model: Pick<Model, "nodes">, s: ResolvedStore, C: string | null, K: string | null): string | null {
  if (C !== null && s.byRegion.has(C)) return C;
  return K === null ? null : model.nodes.get(K)!.region;
}

export function resolveOperation(model: Pick<Model, "links" | "intraRegionRttMs" | "nodes">, store: ResolvedStore, op: Pick<Operation, "type" | "quorum" | "readMode" | "clientRegion"> & Partial<Operation>, clientRegion: string | null): Omit<ResolvedOperation, "op" | "required"> {
  const readMode = op.type === "read" ? (op.readMode ?? store.readMode) : null;
  let spec: QuorumSpec | null = null;
  if (store.replication === "leaderless") spec = op.quorum ?? (op.type === "write" ? store.writeQuorum : store.readQuorum);
  else if (store.replication === "primary-sync" && op.type === "write") spec = op.quorum ?? store.writeQuorum;
  const coordinator = store.replication === "leaderless" && clientRegion !== null ? coordinatorOf(model, clientRegion, store.replicas) : null;
  const needsLocal = usesLocal(spec, op.type === "read" && store.readRepair === "blocking" ? store.writeQuorum : null);
  const localRegion = needsLocal ? localRegionOf(model, store, clientRegion, coordinator) : null;
  const key = `${op.type}|${spec}|${readMode}|${localRegion}`;
  let need = store.needs.get(key);
  if (need === undefined) store.needs.set(key, (need = needOf(store, op.type, spec, readMode, localRegion)));
  return { store, readMode, spec, clientRegion, coordinator, localRegion, known: need !== null, need };
}

export function buildModel(design: Design): Model {
  const regions = new Map((design.regions ?? []).map((r) => [r.id, r]));
  const nodes = new Map((design.nodes ?? []).map((n) => [n.id, n]));
  const stores = new Map((design.stores ?? []).map((s) => [s.id, resolveStore(s, nodes)]));
  const links = new Map<string, Map<string, number>>();
  const link = (a: string, b: string, rtt: number) => {
    const row = links.get(a);
    if (row) row.set(b, rtt);
    else links.set(a, new Map([[b, rtt]]));
  };
  const estimated = new Set<string>();
  for (const l of design.links ?? []) {
    link(l.a, l.b, l.rttMs);
    link(l.b, l.a, l.rttMs);
    if (l.estimated) estimated.add(pairKey(l.a, l.b));
  }
  const base = { links, intraRegionRttMs: design.defaults?.intraRegionRttMs ?? 1, nodes };
  const operations: ResolvedOperation[] = [];
  const writesOf = new Map<string, ResolvedOperation[]>();
  for (const op of design.operations ?? []) {
    const store = stores.get(op.store);
    if (!store) continue; // unreachable on a valid design
    const defaultRegion = nodes.get(store.leader ?? store.replicas[0])?.region ?? null;
    const rop: ResolvedOperation = { op, required: op.consistency, ...resolveOperation(base, store, op, op.clientRegion ?? defaultRegion) };
    operations.push(rop);
    if (op.type === "write") {
      const list = writesOf.get(store.id);
      if (list) list.push(rop);
      else writesOf.set(store.id, [rop]);
    }
  }
  return {
    design,
    regions,
    nodes,
    stores,
    operations,
    writesOf,
    intraRegionRttMs: base.intraRegionRttMs,
    nodeAvailability: design.defaults?.nodeAvailability ?? 0.999,
    jitterMs: design.defaults?.jitterMs ?? 2,
    links,
    estimated,
  };
}

/** Availability of a node on its own (its region's availability is separate). */
export function nodeAvailability(model: Model, nodeId: string): number {
  return model.nodes.get(nodeId)?.availability ?? model.nodeAvailability;
}

export function regionAvailability(model: Model, regionId: string): number {
  return model.regions.get(regionId)?.availability ?? 1;
}
