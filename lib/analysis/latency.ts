/**
 * Latency estimates (analysis-model.md, "Per operation" → latencyMs), in the normal case and,
 * for the simulator, over the replicas a scenario leaves usable (with the new leader).
 */
import type { QuorumSpec } from "../design/schema";
import { fmt, kth, majority } from "./math";
import { coordinatorOf, pairKey, regionRtt, type Model, type ResolvedOperation } from "./model";
import { specLabel } from "./quorum";
import type { Explanation } from "./types";

export interface LatencyContext {
  model: Model;
  /** Region pairs ("a|b") whose missing link made the figure unknown. */
  missing: Set<string>;
  /** Only these nodes serve (the simulator: up and on the callers' side). Default: every node. */
  usable?: (node: string) => boolean;
  /** The leader that serves (the simulator: elected or promoted). Default: the store's leader. */
  leader?: string | null;
  /** Region pairs ("a|b") whose round-trip time the figure used. */
  used?: Set<string>;
}

const SECTION = "Per operation: latencyMs";
type Figure = { value: number | null; explain: Explanation };

function rtt(ctx: LatencyContext, a: string, b: string): number | null {
  const v = regionRtt(ctx.model, a, b);
  if (v === null) ctx.missing.add(pairKey(a, b));
  else if (a !== b) ctx.used?.add(pairKey(a, b));
  return v;
}
const regionOf = (ctx: LatencyContext, node: string) => ctx.model.nodes.get(node)!.region;
/** rtt(x, y) between two nodes: 0 for the same node. */
const nodeRtt = (ctx: LatencyContext, x: string, y: string) => (x === y ? 0 : rtt(ctx, regionOf(ctx, x), regionOf(ctx, y)));
const clientRtt = (ctx: LatencyContext, C: string, x: string) => rtt(ctx, C, regionOf(ctx, x));
const plus = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
const list = (values: (number | null)[]) => `{${values.map(fmt).join(", ")}}`;
const nameOf = (ctx: LatencyContext, node: string) => ctx.model.nodes.get(node)?.name ?? node;
/** The callers' region by name, like L and K (a "why?" is read by people; the id is the operation's clientRegion). */
const regionNameOf = (ctx: LatencyContext, region: string) => ctx.model.regions.get(region)?.name ?? region;

function usable(ctx: LatencyContext, nodes: readonly string[]): string[] {
  return ctx.usable ? nodes.filter(ctx.usable) : [...nodes];
}

/** min over r of rtt(C, r): follower reads (learners included), multi-leader and crdt. */
function nearest(ctx: LatencyContext, C: string, nodes: readonly string[]): Figure {
  const candidates = usable(ctx, nodes);
  const each = candidates.map((r) => clientRtt(ctx, C, r));
  const value = candidates.length === 0 || each.some((v) => v === null) ? null : Math.min(...(each as number[]));
  return { value, explain: { formula: "min over r of rtt(C, r)", inputs: { C: regionNameOf(ctx, C), replicas: candidates.length }, text: `latency = min over r of rtt(C, r) = min${list(each)} = ${fmt(value)} ms`, section: SECTION } };
}

/** rtt(C, L) + kth({rtt(L, r)}, k): through the leader to a quorum. */
function viaLeader(ctx: LatencyContext, C: string, L: string, replicas: readonly string[], k: number, label: string): Figure {
  const toLeader = clientRtt(ctx, C, L);
  const fromLeader = usable(ctx, replicas).map((r) => nodeRtt(ctx, L, r));
  const value = plus(toLeader, kth(fromLeader, k));
  return {
    value,
    explain: {
      formula: `rtt(C, L) + kth({rtt(L, r)}, ${label})`,
      inputs: { C: regionNameOf(ctx, C), L: nameOf(ctx, L), [label]: k },
      text: `latency = rtt(C, L) + kth({rtt(L, r)}, ${label}) = ${fmt(toLeader)} + kth(${list(fromLeader)}, ${k}) = ${fmt(value)} ms (leader ${nameOf(ctx, L)})`,
      section: SECTION,
    },
  };
}

function leaderOnly(ctx: LatencyContext, C: string, L: string): Figure {
  const value = clientRtt(ctx, C, L);
  return { value, explain: { formula: "rtt(C, L)", inputs: { C: regionNameOf(ctx, C), L: nameOf(ctx, L) }, text: `latency = rtt(C, L) = ${fmt(value)} ms (leader ${nameOf(ctx, L)})`, section: SECTION } };
}

/** The coordinator K among the usable replicas: the smallest known rtt(C, r), ties in list order. */
export function pickCoordinator(ctx: LatencyContext, C: string, replicas: readonly string[]): string | null {
  const candidates = usable(ctx, replicas);
  const best = coordinatorOf(ctx.model, C, candidates);
  if (best === null) for (const r of candidates) rtt(ctx, C, regionOf(ctx, r)); // records the missing pairs
  return best;
}

/** phase(X): from K to the quorum X (number: kth over all; local: kth over L's; each: max over regions). */
function phase(ctx: LatencyContext, rop: ResolvedOperation, K: string, spec: QuorumSpec): { value: number | null; text: string } {
  const s = rop.store;
  const over = (members: readonly string[], k: number) => {
    const each = usable(ctx, members).map((r) => nodeRtt(ctx, K, r));
    return { value: kth(each, k), text: `kth(${list(each)}, ${k})` };
  };
  if (typeof spec === "number") return over(s.replicas, spec);
  if (spec === "local-quorum") {
    const L = rop.localRegion!;
    const members = s.byRegion.get(L) ?? [];
    return over(members, majority(members.length));
  }
  const parts = [...s.byRegion.values()].map((members) => over(members, majority(members.length)));
  const value = parts.some((p) => p.value === null) ? null : Math.max(...parts.map((p) => p.value as number));
  return { value, text: `max(${parts.map((p) => p.text).join(", ")})` };
}

/** Does a blocking read repair's write-back need more than the read already has? */
export function writeBackAddsPhase(read: QuorumSpec, write: QuorumSpec): boolean {
  if (typeof read === "number" && typeof write === "number") return write > read;
  return read !== write;
}

function viaCoordinator(ctx: LatencyContext, rop: ResolvedOperation, C: string): Figure {
  const s = rop.store;
  const formula = rop.op.type === "write" ? "rtt(C, K) + phase(W)" : "rtt(C, K) + phase(R) [+ phase(W) for a blocking read repair's write-back]";
  const K = ctx.usable ? pickCoordinator(ctx, C, s.replicas) : rop.coordinator;
  if (K === null) {
    if (!ctx.usable) pickCoordinator(ctx, C, s.replicas);
    return { value: null, explain: { formula, inputs: { C: regionNameOf(ctx, C) }, text: "latency = unknown: no replica has a known round-trip time from the callers, so there is no coordinator K", section: SECTION } };
  }
  const toK = clientRtt(ctx, C, K);
  const first = phase(ctx, rop, K, rop.spec!);
  let value = plus(toK, first.value);
  let text = `${fmt(toK)} + ${first.text}`;
  const label = rop.op.type === "write" ? "W" : "R";
  if (rop.op.type === "read" && s.readRepair === "blocking" && writeBackAddsPhase(rop.spec!, s.writeQuorum)) {
    const back = phase(ctx, rop, K, s.writeQuorum);
    value = plus(value, back.value);
    text += ` + ${back.text} (write-back to W = ${specLabel(s.writeQuorum)})`;
  }
  return {
    value,
    explain: {
      formula,
      inputs: { C: regionNameOf(ctx, C), K: nameOf(ctx, K), [label]: specLabel(rop.spec!) },
      text: `latency = ${text} = ${fmt(value)} ms (coordinator K = ${nameOf(ctx, K)}, the replica nearest the callers)`,
      section: SECTION,
    },
  };
}

export function operationLatency(ctx: LatencyContext, rop: ResolvedOperation): Figure {
  const { store, op } = rop;
  const C = rop.clientRegion!;
  const L = ctx.leader !== undefined ? ctx.leader : store.leader;
  const noLeader: Figure = { value: null, explain: { formula: "rtt(C, L)", inputs: {}, text: "latency = unknown: no leader serves the callers", section: SECTION } };
  switch (store.replication) {
    case "consensus":
      if (op.type === "read" && rop.readMode === "follower") return nearest(ctx, C, [...store.replicas, ...store.learners]);
      if (L === null) return noLeader;
      if (op.type === "read" && rop.readMode === "lease") return leaderOnly(ctx, C, L);
      return viaLeader(ctx, C, L, store.replicas, store.majority, "majority");
    case "leaderless":
      if (!rop.known) {
        pickCoordinator(ctx, C, store.replicas); // records the missing pairs that leave it without a coordinator
        return { value: null, explain: { formula: "rtt(C, K) + phase(R or W)", inputs: {}, text: "latency = unknown: its local region is unknown (no round-trip time from the callers to any replica)", section: SECTION } };
      }
      return viaCoordinator(ctx, rop, C);
    case "primary-sync":
    case "primary-async":
      if (op.type === "read" && rop.readMode === "follower") return nearest(ctx, C, store.replicas);
      if (L === null) return noLeader;
      if (op.type === "read" || store.replication === "primary-async") return leaderOnly(ctx, C, L);
      return viaLeader(ctx, C, L, store.replicas, rop.spec as number, "W");
    default:
      return nearest(ctx, C, store.replicas);
  }
}
