/**
 * Exact availability of an operation's need (analysis-model.md, "Per operation" → availability).
 * A replica is up when its region is up and the node is up; all independent. Regions correlate
 * the replicas inside them, so the count of up replicas is built region by region: within an up
 * region the count is Poisson-binomial over its replicas, a down region contributes 0; regions
 * are then convolved. This is the same number as enumerating every region state, in polynomial
 * time.
 */
import { atLeast, convolve, countDistribution, fmt } from "./math";
import { nodeAvailability, regionAvailability, type Model } from "./model";
import type { Explanation, Need } from "./types";

function upCountDistribution(model: Model, replicas: readonly string[], exceptRegionFactor?: string): number[] {
  const byRegion = new Map<string, string[]>();
  for (const r of replicas) {
    const region = model.nodes.get(r)!.region;
    byRegion.set(region, [...(byRegion.get(region) ?? []), r]);
  }
  let dist = [1];
  for (const [region, members] of byRegion) {
    const inside = countDistribution(members.map((m) => nodeAvailability(model, m)));
    const a = region === exceptRegionFactor ? 1 : regionAvailability(model, region);
    const mixed = inside.map((p, c) => a * p + (c === 0 ? 1 - a : 0));
    dist = convolve(dist, mixed);
  }
  return dist;
}

/** P(the need is met) for a store's replicas. */
export function needAvailability(model: Model, replicas: readonly string[], need: Need): number {
  if (need.kind === "any") return atLeast(upCountDistribution(model, replicas), need.q);
  const leaderRegion = model.nodes.get(need.leader)!.region;
  const leaderUp = regionAvailability(model, leaderRegion) * nodeAvailability(model, need.leader);
  if (need.kind === "leader") return leaderUp;
  // The leader's region is up whenever the leader is: condition the others in it on that.
  const others = replicas.filter((r) => r !== need.leader);
  return Math.min(1, leaderUp * atLeast(upCountDistribution(model, others, leaderRegion), need.w - 1));
}

export function explainAvailability(model: Model, replicas: readonly string[], need: Need, value: number): Explanation {
  const nodeA = [...new Set(replicas.map((r) => nodeAvailability(model, r)))];
  const regions = [...new Set(replicas.map((r) => model.nodes.get(r)!.region))];
  const regionA = regions.map((g) => `${g}=${fmt(regionAvailability(model, g))}`).join(", ");
  const what =
    need.kind === "any"
      ? `P(at least ${need.q} of ${replicas.length} replicas up)`
      : need.kind === "leader"
        ? `P(leader ${need.leader} up) = a(region) × a(node)`
        : `P(leader ${need.leader} up and at least ${need.w - 1} of the other ${replicas.length - 1} up)`;
  return {
    formula: `${what}; a replica is up when its region and the node are up (independent)`,
    inputs: { nodeAvailability: nodeA.map(fmt).join(", "), regionAvailability: regionA, replicas: replicas.length },
    text: `availability = ${what} = ${fmt(value)} (node availability ${nodeA.map(fmt).join("/")}; regions ${regionA})`,
    section: "Per operation: availability",
  };
}
