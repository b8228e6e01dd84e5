/** Failure survival (analysis-model.md, "Per operation": survivesNodeFailures / ZoneLoss / RegionLoss). */
import type { Model, ResolvedOperation } from "./model";
import type { Explanation, Need } from "./types";

/** True when the replicas in `up` can meet the need. */
export function needMet(need: Need, up: ReadonlySet<string>): boolean {
  if (need.kind === "any") return up.size >= need.q;
  if (need.kind === "leader") return up.has(need.leader);
  return up.has(need.leader) && up.size >= need.w;
}

export function describeNeed(need: Need, n: number): string {
  if (need.kind === "any") return `any ${need.q} of ${n} replicas`;
  if (need.kind === "leader") return `the leader ${need.leader}`;
  return `the leader ${need.leader} + ${need.w - 1} of the other ${n - 1} replicas`;
}

export function nodeFailures(rop: ResolvedOperation): { value: number; explain: Explanation } {
  const { need } = rop;
  const n = rop.store.n;
  const value = need.kind === "any" ? n - need.q : 0;
  return {
    value,
    explain: {
      formula: need.kind === "any" ? "n − Q" : "0: a specific node (the leader) is needed",
      inputs: { n, Q: rop.q },
      text: need.kind === "any" ? `survivesNodeFailures = n − Q = ${n} − ${need.q} = ${value}` : `survivesNodeFailures = 0: it needs ${describeNeed(need, n)}, and losing that one node stops it`,
      section: "Per operation: survivesNodeFailures",
    },
  };
}

/** Losing each failure domain in turn (zones or regions holding replicas). */
function survivesEach(model: Model, rop: ResolvedOperation, domainOf: (replica: string) => string | undefined, what: string) {
  const replicas = rop.store.replicas;
  const domains = [...new Set(replicas.map(domainOf).filter((d): d is string => d !== undefined))];
  const fatal = domains.filter((d) => !needMet(rop.need, new Set(replicas.filter((r) => domainOf(r) !== d))));
  return { domains, fatal, text: `${what}: ${domains.length ? domains.map((d) => `${d} ${fatal.includes(d) ? "✖" : "✔"}`).join(", ") : "none"}` };
}

export function zoneLoss(model: Model, rop: ResolvedOperation): { value: boolean | null; explain: Explanation } {
  const zoneOf = (r: string) => {
    const node = model.nodes.get(r)!;
    return node.zone === undefined ? undefined : `${node.region}/${node.zone}`;
  };
  const { domains, fatal, text } = survivesEach(model, rop, zoneOf, "losing each zone");
  const value = domains.length === 0 ? null : fatal.length === 0;
  return {
    value,
    explain: {
      formula: "for every zone holding a replica: the remaining replicas still meet the need",
      inputs: { need: describeNeed(rop.need, rop.store.n) },
      text:
        value === null
          ? "survivesZoneLoss = unknown: the store's nodes name no zones"
          : `survivesZoneLoss = ${value} (needs ${describeNeed(rop.need, rop.store.n)}; ${text})`,
      section: "Per operation: survivesZoneLoss",
    },
  };
}

export function regionLoss(model: Model, rop: ResolvedOperation): { value: boolean; explain: Explanation } {
  const { fatal, text } = survivesEach(model, rop, (r) => model.nodes.get(r)!.region, "losing each region");
  const value = fatal.length === 0;
  return {
    value,
    explain: {
      formula: "for every region holding a replica: the remaining replicas still meet the need",
      inputs: { need: describeNeed(rop.need, rop.store.n) },
      text: `survivesRegionLoss = ${value} (needs ${describeNeed(rop.need, rop.store.n)}; ${text})`,
      section: "Per operation: survivesRegionLoss",
    },
  };
}
