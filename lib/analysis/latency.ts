/** Latency estimates (analysis-model.md, "Per operation" → latencyMs). */
import { fmt, kth } from "./math";
import type { Model, ResolvedOperation } from "./model";
import type { Explanation } from "./types";

/** Region pairs that a figure needed but the design has no link for ("a|b", sorted). */
export type MissingPairs = Set<string>;

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function linkTable(model: Model): Map<string, number> {
  return new Map((model.design.links ?? []).map((l) => [pairKey(l.a, l.b), l.rttMs]));
}

export interface Rtt {
  /** rtt between two regions (intra-region value within one region). */
  regions(a: string, b: string): number | null;
  /** rtt(x, y) between two nodes: 0 for the same node. */
  nodes(x: string, y: string): number | null;
  /** rtt(C, x) from the callers' region to a node. */
  client(c: string, x: string): number | null;
}

export function rttFunctions(model: Model, missing: MissingPairs): Rtt {
  const links = linkTable(model);
  const regionOf = (id: string) => model.nodes.get(id)!.region;
  const regions = (a: string, b: string): number | null => {
    if (a === b) return model.intraRegionRttMs;
    const v = links.get(pairKey(a, b));
    if (v === undefined) {
      missing.add(pairKey(a, b));
      return null;
    }
    return v;
  };
  return {
    regions,
    nodes: (x, y) => (x === y ? 0 : regions(regionOf(x), regionOf(y))),
    client: (c, x) => regions(c, regionOf(x)),
  };
}

const SECTION = "Per operation: latencyMs";

function plus(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

function minOf(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : Math.min(...(values as number[]));
}

function list(values: (number | null)[]): string {
  return `{${values.map(fmt).join(", ")}}`;
}

type Figure = { value: number | null; explain: Explanation };

/** min over r of rtt(C, r): follower reads, multi-leader and crdt. */
function nearest(C: string, replicas: readonly string[], rtt: Rtt): Figure {
  const each = replicas.map((r) => rtt.client(C, r));
  const value = minOf(each);
  return {
    value,
    explain: {
      formula: "min over r of rtt(C, r)",
      inputs: { C, replicas: replicas.join(", ") },
      text: `latencyMs = min over r of rtt(C, r) = min${list(each)} = ${fmt(value)} ms`,
      section: SECTION,
    },
  };
}

/** rtt(C, L) + kth({rtt(L, r)}, k): through the leader to a quorum. */
function viaLeader(C: string, L: string, replicas: readonly string[], k: number, label: string, rtt: Rtt): Figure {
  const toLeader = rtt.client(C, L);
  const fromLeader = replicas.map((r) => rtt.nodes(L, r));
  const value = plus(toLeader, kth(fromLeader, k));
  return {
    value,
    explain: {
      formula: `rtt(C, L) + kth({rtt(L, r)}, ${label})`,
      inputs: { C, L, [label]: k },
      text: `latencyMs = rtt(C, L) + kth({rtt(L, r)}, ${label}) = ${fmt(toLeader)} + kth(${list(fromLeader)}, ${k}) = ${fmt(value)} ms`,
      section: SECTION,
    },
  };
}

function leaderOnly(C: string, L: string, rtt: Rtt): Figure {
  const value = rtt.client(C, L);
  return { value, explain: { formula: "rtt(C, L)", inputs: { C, L }, text: `latencyMs = rtt(C, L) = ${fmt(value)} ms`, section: SECTION } };
}

/** Coordinator K = the replica nearest C (ties: replica order), then K to a quorum. */
function viaCoordinator(C: string, replicas: readonly string[], q: number, rtt: Rtt): Figure {
  const toEach = replicas.map((r) => rtt.client(C, r));
  if (toEach.some((v) => v === null)) {
    return {
      value: null,
      explain: { formula: "rtt(C, K) + kth({rtt(K, r)}, Q)", inputs: { C, Q: q }, text: "latencyMs = unknown: rtt(C, r) is missing for some replica, so the coordinator K cannot be chosen", section: SECTION },
    };
  }
  let k = 0;
  for (let i = 1; i < replicas.length; i++) if ((toEach[i] as number) < (toEach[k] as number)) k = i;
  const K = replicas[k];
  const fromK = replicas.map((r) => rtt.nodes(K, r));
  const value = plus(toEach[k], kth(fromK, q));
  return {
    value,
    explain: {
      formula: "rtt(C, K) + kth({rtt(K, r)}, Q), K = the replica nearest C",
      inputs: { C, K, Q: q },
      text: `latencyMs = rtt(C, K) + kth({rtt(K, r)}, Q) = ${fmt(toEach[k])} + kth(${list(fromK)}, ${q}) = ${fmt(value)} ms (coordinator K = ${K})`,
      section: SECTION,
    },
  };
}

export function operationLatency(rop: ResolvedOperation, rtt: Rtt): Figure {
  const { store, op } = rop;
  const C = rop.clientRegion!;
  const replicas = store.replicas;
  const L = store.leader;
  switch (store.replication) {
    case "consensus":
      if (op.type === "read" && rop.readMode === "follower") return nearest(C, replicas, rtt);
      if (op.type === "read" && rop.readMode === "lease") return leaderOnly(C, L!, rtt);
      return viaLeader(C, L!, replicas, store.majority, "majority", rtt);
    case "leaderless":
      return viaCoordinator(C, replicas, rop.q, rtt);
    case "primary-sync":
    case "primary-async":
      if (op.type === "read") return rop.readMode === "follower" ? nearest(C, replicas, rtt) : leaderOnly(C, L!, rtt);
      if (store.replication === "primary-async") return leaderOnly(C, L!, rtt);
      return viaLeader(C, L!, replicas, rop.q, "W", rtt);
    default:
      return nearest(C, replicas, rtt);
  }
}
