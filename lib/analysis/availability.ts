/**
 * Exact availability of an operation's need (analysis-model.md, "Per operation" → availability).
 * A replica is up when its region is up and the node is up; all independent. Regions correlate
 * the replicas inside them, so the count of up members is built region by region (dynamic
 * programming over regions): within an up region the count is Poisson-binomial over its members;
 * a per-region condition (local-/each-quorum) keeps only the counts that meet it; a down region
 * contributes 0 (and fails its per-region condition); a required node is forced up. The regions'
 * distributions are then convolved and the global condition read off. This is the same number as
 * enumerating every state of the regions involved, in polynomial time.
 */
import { atLeast, convolve, countDistribution, fmt } from "./math";
import { nodeAvailability, regionAvailability, type Model } from "./model";
import type { Explanation, Need } from "./types";

/** Members of a need grouped by region, regions in order of first member. */
function byRegion(model: Model, members: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of members) {
    const region = model.nodes.get(m)!.region;
    const list = out.get(region);
    if (list) list.push(m);
    else out.set(region, [m]);
  }
  return out;
}

/** P(the need is met). */
export function needAvailability(model: Model, need: Need): number {
  const groups = byRegion(model, need.members);
  const perRegion = new Map(need.perRegion.map((c) => [c.region, c.k]));
  // A per-region condition on a region without members can never be met.
  for (const [region, k] of perRegion) if (k > 0 && !groups.has(region)) return 0;
  if (need.node !== null && !need.members.includes(need.node)) groups.set(model.nodes.get(need.node)!.region, [...(groups.get(model.nodes.get(need.node)!.region) ?? []), need.node]);
  let dist = [1];
  for (const [region, members] of groups) {
    const kRegion = perRegion.get(region) ?? 0;
    const hasNode = need.node !== null && members.includes(need.node);
    const others = hasNode ? members.filter((m) => m !== need.node) : members;
    let inside = countDistribution(others.map((m) => nodeAvailability(model, m)));
    if (hasNode) {
      const a = nodeAvailability(model, need.node!);
      inside = [0, ...inside.map((p) => p * a)];
    }
    const a = regionAvailability(model, region);
    const mixed = inside.map((p, c) => (c >= kRegion ? a * p : 0));
    if (kRegion === 0 && !hasNode) mixed[0] += 1 - a;
    dist = convolve(dist, mixed);
  }
  return need.k > 0 ? atLeast(dist, need.k) : Math.min(1, Math.max(0, dist.reduce((x, y) => x + y, 0)));
}

/** "2 of 5 replicas", "2 of 3 in use1 and 2 of 3 in euw1", "the leader pg1 + 1 of the other 2". */
export function describeNeed(model: Model, need: Need): string {
  const parts: string[] = [];
  if (need.node !== null) {
    const name = model.nodes.get(need.node)?.name ?? need.node;
    parts.push(need.k > 1 ? `the leader ${name} + ${need.k - 1} of the other ${need.members.length - 1} replicas` : `the leader ${name}`);
  } else if (need.k > 0) parts.push(`any ${need.k} of ${need.members.length} replicas`);
  for (const c of need.perRegion) {
    const inRegion = need.members.filter((m) => model.nodes.get(m)!.region === c.region).length;
    parts.push(`${c.k} of ${inRegion} in ${model.regions.get(c.region)?.name ?? c.region}`);
  }
  return parts.join(" and ");
}

export function explainAvailability(model: Model, need: Need, value: number): Explanation {
  const nodeA = [...new Set(need.members.map((r) => nodeAvailability(model, r)))];
  const regions = [...new Set(need.members.map((r) => model.nodes.get(r)!.region))];
  const regionA = regions.map((g) => `${model.regions.get(g)?.name ?? g}=${fmt(regionAvailability(model, g))}`).join(", ");
  const what = `P(${describeNeed(model, need)} up)`;
  return {
    formula: `${what}; a replica is up when its region and the node are up (independent); exact, by dynamic programming over regions`,
    inputs: { nodeAvailability: nodeA.map(fmt).join(", "), regionAvailability: regionA, members: need.members.length },
    text: `availability = ${what} = ${fmt(value)} (node availability ${nodeA.map(fmt).join("/")}; regions ${regionA})`,
    section: "Per operation: availability",
  };
}
