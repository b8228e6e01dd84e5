/**
 * The failure simulator (analysis-model.md, "Failure scenarios"): fail regions, zones and nodes,
 * split regions into sides that cannot talk, and see which operations stay available and which
 * writes could be accepted on more than one side (diverging).
 */
import type { Design } from "../design/schema";
import type { Problem } from "../design/validate";
import { buildModel, type Model, type ResolvedOperation } from "./model";
import type { Need } from "./types";
import { describeNeed } from "./survival";

export interface Scenario {
  failRegions?: string[];
  /** "region/zone" */
  failZones?: string[];
  failNodes?: string[];
  /** Sides of a partition, each a list of region ids; the regions no side names are together one more side ("the rest"). */
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
  // With no split every region is on side 0; otherwise the regions no side names stay connected
  // to each other, as one more side: "cut apse1 off" is split [["apse1"]].
  const rest = (split ?? []).length;
  for (const r of design.regions ?? []) if (!side.has(r.id)) side.set(r.id, rest);
  return side;
}

export interface SimulateOptions {
  /** Only these operations (default: all). The chaos plan asks about one store at a time. */
  operations?: readonly ResolvedOperation[];
  /**
   * Explain each operation's status and list the down nodes and sides (default true). The chaos
   * plan runs hundreds of scenarios and needs only the verdicts.
   */
  reasons?: boolean;
}

interface StoreState {
  up: number;
  /** Up replicas per side. */
  bySide: Map<number, number>;
  /** The leader's side when it is up, else null. */
  leaderSide: number | null;
}

function meetsOnSide(need: Need, state: StoreState, s: number): boolean {
  if (need.kind === "any") return (state.bySide.get(s) ?? 0) >= need.q;
  if (need.kind === "leader") return state.leaderSide === s;
  return state.leaderSide === s && (state.bySide.get(s) ?? 0) >= need.w;
}

const unsplit = new WeakMap<Model, Map<string, number>>();
/** Every region on side 0 (no split), computed once per model: the chaos plan asks hundreds of times. */
function unsplitSides(model: Model): Map<string, number> {
  let sides = unsplit.get(model);
  if (!sides) {
    sides = sidesOf(model.design, undefined);
    unsplit.set(model, sides);
  }
  return sides;
}

const zoneKeys = new WeakMap<Model, Map<string, string>>();
/** "region/zone" of every node that names a zone, computed once per model. */
function zoneKeyOf(model: Model): Map<string, string> {
  let keys = zoneKeys.get(model);
  if (!keys) {
    keys = new Map();
    for (const [id, n] of model.nodes) if (n.zone !== undefined) keys.set(id, `${n.region}/${n.zone}`);
    zoneKeys.set(model, keys);
  }
  return keys;
}

export function simulateModel(model: Model, scenario: Scenario, options: SimulateOptions = {}): Simulation {
  const { design } = model;
  const failedRegions = new Set(scenario.failRegions ?? []);
  const failedZones = new Set(scenario.failZones ?? []);
  const failedNodes = new Set(scenario.failNodes ?? []);
  const zoneKey = zoneKeyOf(model);
  const side = scenario.split?.length ? sidesOf(design, scenario.split) : unsplitSides(model);
  const isDown = (nodeId: string) => {
    if (failedNodes.has(nodeId) || failedRegions.has(model.nodes.get(nodeId)!.region)) return true;
    const zone = failedZones.size ? zoneKey.get(nodeId) : undefined;
    return zone !== undefined && failedZones.has(zone);
  };
  const allSides = scenario.split?.length ? [...new Set(side.values())].sort((a, b) => a - b) : [0];
  // Callers in a failed region fail over to any surviving region (DNS/anycast).
  const surviving = new Set<number>();
  for (const r of design.regions ?? []) if (!failedRegions.has(r.id)) surviving.add(side.get(r.id)!);

  // Per store, once: how many replicas are up on each side, and where the leader is (if up).
  const perStore = new Map<string, StoreState>();
  const stateOf = (rop: ResolvedOperation): StoreState => {
    let state = perStore.get(rop.store.id);
    if (!state) {
      state = { up: 0, bySide: new Map(), leaderSide: null };
      for (const r of rop.store.replicas) {
        if (isDown(r)) continue;
        state.up++;
        const s = side.get(model.nodes.get(r)!.region)!;
        state.bySide.set(s, (state.bySide.get(s) ?? 0) + 1);
      }
      const leader = rop.store.leader;
      if (leader && !isDown(leader)) state.leaderSide = side.get(model.nodes.get(leader)!.region)!;
      perStore.set(rop.store.id, state);
    }
    return state;
  };

  const withReasons = options.reasons !== false;
  const counts = { available: 0, unavailable: 0, diverging: 0 };
  const operations: SimulatedOperation[] = [];
  for (const rop of options.operations ?? model.operations) {
    const state = stateOf(rop);
    const callerRegion = rop.clientRegion;
    const callerSide = callerRegion === null || failedRegions.has(callerRegion) ? null : side.get(callerRegion)!;
    let sidesAccepting = 0;
    let available = false;
    for (const s of allSides) {
      if (!meetsOnSide(rop.need, state, s)) continue;
      sidesAccepting++;
      if (callerSide === null ? surviving.has(s) : s === callerSide) available = true;
    }
    const diverging = rop.op.type === "write" && sidesAccepting > 1;
    let reason = "";
    if (withReasons) {
      const needText = describeNeed(rop.need, rop.store.n);
      reason = available
        ? diverging
          ? `accepted on ${sidesAccepting} sides at once: the sides diverge until the partition heals`
          : `${state.up} of ${rop.store.n} replicas up; needs ${needText}`
        : `needs ${needText}; ${state.up} of ${rop.store.n} replicas up${scenario.split?.length ? ", not enough on the callers' side" : ""}`;
    }
    counts[available ? "available" : "unavailable"]++;
    if (diverging) counts.diverging++;
    operations.push({ id: rop.op.id, available, diverging, reason });
  }

  if (!withReasons) return { operations, counts, downNodes: [], sides: [] };
  return {
    operations,
    counts,
    downNodes: (design.nodes ?? []).filter((n) => isDown(n.id)).map((n) => n.id),
    sides: allSides.map((s) => (design.regions ?? []).filter((r) => side.get(r.id) === s).map((r) => r.id)),
  };
}

/** Runs a scenario against a (valid) design. Unknown ids in the scenario are ignored: check them with scenarioProblems. */
export function simulate(design: Design, scenario: Scenario): Simulation {
  return simulateModel(buildModel(design), scenario);
}
