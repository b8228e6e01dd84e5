/**
 * The failure simulator (analysis-model.md, "Failure scenarios"): fail regions, zones and nodes,
 * split regions into sides that cannot talk, and see which operations stay available and which
 * writes could be accepted on more than one side (diverging).
 */
import type { Design } from "../design/schema";
import type { Problem } from "../design/validate";
import { buildModel, type Model, type ResolvedOperation } from "./model";
import { describeNeed, needMet } from "./survival";

export interface Scenario {
  failRegions?: string[];
  /** "region/zone" */
  failZones?: string[];
  failNodes?: string[];
  /** Sides of a partition, each a list of region ids; unnamed regions are each a side of their own. */
  split?: string[][];
}

export interface SimulatedOperation {
  id: string;
  available: boolean;
  diverging: boolean;
  reason: string;
}

export interface Simulation {
  operations: SimulatedOperation[];
  counts: { available: number; unavailable: number; diverging: number };
  /** Replicas that are down in this scenario. */
  downNodes: string[];
  /** The sides, each a list of region ids (one side when nothing is split). */
  sides: string[][];
}

/** Problems with a scenario's ids, with paths like `failZones[0]`. */
export function scenarioProblems(design: Design, scenario: Scenario): Problem[] {
  const regions = new Map((design.regions ?? []).map((r) => [r.id, r]));
  const nodes = new Set((design.nodes ?? []).map((n) => n.id));
  const out: Problem[] = [];
  (scenario.failRegions ?? []).forEach((r, i) => {
    if (!regions.has(r)) out.push({ path: `failRegions[${i}]`, message: `unknown region "${r}"` });
  });
  (scenario.failZones ?? []).forEach((z, i) => {
    const [r, zone] = z.split("/");
    if (!regions.has(r)) out.push({ path: `failZones[${i}]`, message: `unknown region "${r}" (write zones as REGION/ZONE)` });
    else if (zone === undefined || !(regions.get(r)!.zones ?? []).includes(zone)) out.push({ path: `failZones[${i}]`, message: `region "${r}" has no zone "${zone ?? ""}"` });
  });
  (scenario.failNodes ?? []).forEach((n, i) => {
    if (!nodes.has(n)) out.push({ path: `failNodes[${i}]`, message: `unknown node "${n}"` });
  });
  const seen = new Map<string, number>();
  (scenario.split ?? []).forEach((side, i) =>
    side.forEach((r, k) => {
      if (!regions.has(r)) out.push({ path: `split[${i}][${k}]`, message: `unknown region "${r}"` });
      else if (seen.has(r) && seen.get(r) !== i) out.push({ path: `split[${i}][${k}]`, message: `region "${r}" is on two sides` });
      seen.set(r, i);
    }),
  );
  return out;
}

function sidesOf(design: Design, split: string[][] | undefined): Map<string, number> {
  const side = new Map<string, number>();
  (split ?? []).forEach((regions, i) => regions.forEach((r) => side.set(r, i)));
  let next = (split ?? []).length;
  // With no split every region is on side 0; otherwise each unnamed region is a side of its own.
  for (const r of design.regions ?? []) if (!side.has(r.id)) side.set(r.id, split && split.length ? next++ : 0);
  return side;
}

export function simulateModel(model: Model, scenario: Scenario): Simulation {
  const { design } = model;
  const failedRegions = new Set(scenario.failRegions ?? []);
  const failedZones = new Set(scenario.failZones ?? []);
  const failedNodes = new Set(scenario.failNodes ?? []);
  const side = sidesOf(design, scenario.split);
  const isDown = (nodeId: string) => {
    const n = model.nodes.get(nodeId)!;
    return failedNodes.has(nodeId) || failedRegions.has(n.region) || (n.zone !== undefined && failedZones.has(`${n.region}/${n.zone}`));
  };
  const allSides = [...new Set(side.values())].sort((a, b) => a - b);

  const operations = model.operations.map((rop: ResolvedOperation): SimulatedOperation => {
    const up = rop.store.replicas.filter((r) => !isDown(r));
    const upOn = (s: number) => new Set(up.filter((r) => side.get(model.nodes.get(r)!.region) === s));
    const meetsOn = allSides.filter((s) => needMet(rop.need, upOn(s)));
    const callerRegion = rop.clientRegion;
    const callersFailedOver = callerRegion === null || failedRegions.has(callerRegion);
    // Callers in a failed region fail over to any surviving region (DNS/anycast).
    const callerSides = callersFailedOver
      ? allSides.filter((s) => (design.regions ?? []).some((r) => side.get(r.id) === s && !failedRegions.has(r.id)))
      : [side.get(callerRegion)!];
    const available = meetsOn.some((s) => callerSides.includes(s));
    const diverging = rop.op.type === "write" && meetsOn.length > 1;
    const needText = describeNeed(rop.need, rop.store.n);
    const reason = available
      ? diverging
        ? `accepted on ${meetsOn.length} sides at once: the sides diverge until the partition heals`
        : `${up.length} of ${rop.store.n} replicas up; needs ${needText}`
      : `needs ${needText}; ${up.length} of ${rop.store.n} replicas up${scenario.split?.length ? ", not enough on the callers' side" : ""}`;
    return { id: rop.op.id, available, diverging, reason };
  });

  const sides = allSides.map((s) => (design.regions ?? []).filter((r) => side.get(r.id) === s).map((r) => r.id));
  return {
    operations,
    counts: {
      available: operations.filter((o) => o.available).length,
      unavailable: operations.filter((o) => !o.available).length,
      diverging: operations.filter((o) => o.diverging).length,
    },
    downNodes: (design.nodes ?? []).filter((n) => isDown(n.id)).map((n) => n.id),
    sides,
  };
}

/** Runs a scenario against a (valid) design. Unknown ids in the scenario are ignored: check them with scenarioProblems. */
export function simulate(design: Design, scenario: Scenario): Simulation {
  return simulateModel(buildModel(design), scenario);
}
