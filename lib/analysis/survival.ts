/** Failure survival (analysis-model.md, "Per operation": survivesNodeFailures / ZoneLoss / RegionLoss). */
import { describeNeed } from "./availability";
import type { Model } from "./model";
import type { Explanation, Need } from "./types";

/** True when the members in `up` meet every condition of the need. */
export function needMet(model: Model, need: Need, up: (member: string) => boolean): boolean {
  if (need.node !== null && !up(need.node)) return false;
  let count = 0;
  const perRegion = new Map<string, number>();
  for (const m of need.members) {
    if (!up(m)) continue;
    count++;
    if (need.perRegion.length) {
      const g = model.nodes.get(m)!.region;
      perRegion.set(g, (perRegion.get(g) ?? 0) + 1);
    }
  }
  if (count < need.k) return false;
  return need.perRegion.every((c) => (perRegion.get(c.region) ?? 0) >= c.k);
}

/** The largest f such that ANY f member failures leave the need met: min over conditions of |S| − k; 0 with a specific node. */
export function toleratedFailures(model: Model, need: Need): number {
  if (need.node !== null) return 0;
  let f = need.k > 0 ? need.members.length - need.k : Infinity;
  for (const c of need.perRegion) {
    const inRegion = need.members.filter((m) => model.nodes.get(m)!.region === c.region).length;
    f = Math.min(f, inRegion - c.k);
  }
  return f === Infinity ? need.members.length : Math.max(0, f);
}

export function nodeFailures(model: Model, need: Need, sloppy: boolean): { value: number; explain: Explanation } {
  const value = toleratedFailures(model, need);
  const what = describeNeed(model, need);
  const text = need.node !== null
    ? `survives node failures = 0: it needs ${what}, and losing that one node stops it`
    : sloppy
      ? `survives node failures = n − 1 = ${value}: with sloppy quorums any reachable replica accepts on behalf of a down one (hinted handoff)`
      : `survives node failures = ${value}: it needs ${what}; the minimum over its conditions of |S| − k`;
  return {
    value,
    explain: { formula: "min over its conditions of |S| − k; 0 when a specific node is needed; sloppy: n − 1", inputs: { need: what }, text, section: "Per operation: survivesNodeFailures" },
  };
}

/** Losing each failure domain in turn (the zones or regions holding a member): counts, no re-scan per member. */
function survivesEach(model: Model, need: Need, domainOf: (member: string) => string | undefined, nameOf: (domain: string) => string) {
  const memberDomain = need.members.map(domainOf);
  const memberRegion = need.perRegion.length ? need.members.map((m) => model.nodes.get(m)!.region) : [];
  const domains = [...new Set(memberDomain.filter((d): d is string => d !== undefined))];
  const nodeDomain = need.node === null ? undefined : domainOf(need.node);
  const fatal = domains.filter((d) => {
    if (need.node !== null && nodeDomain === d) return true;
    let up = 0;
    const byRegion = new Map<string, number>();
    for (let i = 0; i < memberDomain.length; i++) {
      if (memberDomain[i] === d) continue;
      up++;
      if (memberRegion.length) byRegion.set(memberRegion[i], (byRegion.get(memberRegion[i]) ?? 0) + 1);
    }
    return up < need.k || need.perRegion.some((c) => (byRegion.get(c.region) ?? 0) < c.k);
  });
  const text = domains.length ? domains.map((d) => `${nameOf(d)} ${fatal.includes(d) ? "✖" : "✔"}`).join(", ") : "none";
  return { domains, fatal, text };
}

/** `storeNamesZones`: some replica or learner of the store names a zone (else the figure is null). */
export function zoneLoss(model: Model, need: Need, storeNamesZones: boolean): { value: boolean | null; fatal: string[]; explain: Explanation } {
  const zoneOf = (r: string) => {
    const node = model.nodes.get(r)!;
    return node.zone === undefined ? undefined : `${node.region}/${node.zone}`;
  };
  const nameOf = (z: string) => {
    const [region, zone] = z.split("/");
    return `${model.regions.get(region)?.name ?? region}/${zone}`;
  };
  const { fatal, text } = survivesEach(model, need, zoneOf, nameOf);
  const value = !storeNamesZones ? null : fatal.length === 0;
  return {
    value,
    fatal,
    explain: {
      formula: "for every zone holding a replica: the remaining replicas still meet the need",
      inputs: { need: describeNeed(model, need) },
      text: value === null ? "survives a zone loss = unknown: the store's nodes name no zones" : `survives a zone loss = ${value} (needs ${describeNeed(model, need)}; losing each zone: ${text})`,
      section: "Per operation: survivesZoneLoss",
    },
  };
}

export function regionLoss(model: Model, need: Need): { value: boolean; fatal: string[]; explain: Explanation } {
  const { fatal, text } = survivesEach(model, need, (r) => model.nodes.get(r)!.region, (g) => model.regions.get(g)?.name ?? g);
  const value = fatal.length === 0;
  return {
    value,
    fatal,
    explain: {
      formula: "for every region holding a replica: the remaining replicas still meet the need",
      inputs: { need: describeNeed(model, need) },
      text: `survives a region loss = ${value} (needs ${describeNeed(model, need)}; losing each region: ${text})`,
      section: "Per operation: survivesRegionLoss",
    },
  };
}
