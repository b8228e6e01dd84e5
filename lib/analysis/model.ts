/**
 * The resolved model the figures are computed from: defaults applied, every store's n, quorums,
 * leader and read mode, every operation's need (analysis-model.md, "Terms" and "Quorums each
 * operation needs").
 */
import type { ConsistencyLevel, Design, DesignNode, Operation, ReadMode, Region, ReplicationMode, Store } from "../design/schema";
import { LEADER_MODES } from "../design/schema";
import { majority } from "./math";
import type { Need } from "./types";

export interface ResolvedStore {
  store: Store;
  id: string;
  replication: ReplicationMode;
  replicas: string[];
  n: number;
  majority: number;
  leader: string | null;
  readMode: ReadMode | null;
  /** The store's read quorum R (effective; see storeQuorums). */
  readQuorum: number;
  /** The store's write quorum W (effective). */
  writeQuorum: number;
}

export interface ResolvedOperation {
  op: Operation;
  store: ResolvedStore;
  /** The operation's read mode (reads only): op.readMode ?? store.readMode. */
  readMode: ReadMode | null;
  /** Q: how many replicas it needs (the leader counts as one). */
  q: number;
  need: Need;
  clientRegion: string | null;
  required: ConsistencyLevel;
}

export interface Model {
  design: Design;
  regions: Map<string, Region>;
  nodes: Map<string, DesignNode>;
  stores: Map<string, ResolvedStore>;
  operations: ResolvedOperation[];
  intraRegionRttMs: number;
  nodeAvailability: number;
}

function resolveStore(store: Store): ResolvedStore {
  const n = store.replicas.length;
  const maj = majority(n);
  const replication = store.replication;
  const leader = LEADER_MODES.includes(replication) ? (store.leader ?? store.replicas[0]) : null;
  const readMode: ReadMode | null =
    replication === "consensus" ? (store.readMode ?? "quorum") : leader ? (store.readMode ?? "leader") : null;
  let readQuorum: number;
  let writeQuorum: number;
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
  return { store, id: store.id, replication, replicas: store.replicas, n, majority: maj, leader, readMode, readQuorum, writeQuorum };
}

/** The need of an operation (the table in "Quorums each operation needs"), with its overrides. */
export function needOf(s: ResolvedStore, type: "read" | "write", quorum: number | undefined, readMode: ReadMode | null): Need {
  switch (s.replication) {
    case "consensus":
      if (type === "write") return { kind: "any", q: s.majority };
      return readMode === "follower" ? { kind: "any", q: 1 } : { kind: "any", q: s.majority };
    case "leaderless":
      return { kind: "any", q: quorum ?? (type === "write" ? s.writeQuorum : s.readQuorum) };
    case "primary-sync":
    case "primary-async":
      if (type === "read") return readMode === "follower" ? { kind: "any", q: 1 } : { kind: "leader", leader: s.leader! };
      if (s.replication === "primary-async") return { kind: "leader", leader: s.leader! };
      {
        const w = quorum ?? s.writeQuorum;
        return w <= 1 ? { kind: "leader", leader: s.leader! } : { kind: "leader-plus", leader: s.leader!, w };
      }
    default:
      return { kind: "any", q: 1 };
  }
}

/** Q of a need: the number of replicas it takes. */
export function needSize(need: Need): number {
  return need.kind === "any" ? need.q : need.kind === "leader" ? 1 : need.w;
}

export function buildModel(design: Design): Model {
  const regions = new Map((design.regions ?? []).map((r) => [r.id, r]));
  const nodes = new Map((design.nodes ?? []).map((n) => [n.id, n]));
  const stores = new Map((design.stores ?? []).map((s) => [s.id, resolveStore(s)]));
  const operations: ResolvedOperation[] = [];
  for (const op of design.operations ?? []) {
    const store = stores.get(op.store);
    if (!store) continue; // unreachable on a valid design
    const readMode = op.type === "read" ? (op.readMode ?? store.readMode) : null;
    const need = needOf(store, op.type, op.quorum, readMode);
    const defaultRegion = nodes.get(store.leader ?? store.replicas[0])?.region ?? null;
    operations.push({
      op,
      store,
      readMode,
      q: needSize(need),
      need,
      clientRegion: op.clientRegion ?? defaultRegion,
      required: op.consistency,
    });
  }
  return {
    design,
    regions,
    nodes,
    stores,
    operations,
    intraRegionRttMs: design.defaults?.intraRegionRttMs ?? 1,
    nodeAvailability: design.defaults?.nodeAvailability ?? 0.999,
  };
}

/** Availability of a node on its own (its region's availability is separate). */
export function nodeAvailability(model: Model, nodeId: string): number {
  return model.nodes.get(nodeId)?.availability ?? model.nodeAvailability;
}

export function regionAvailability(model: Model, regionId: string): number {
  return model.regions.get(regionId)?.availability ?? 1;
}
