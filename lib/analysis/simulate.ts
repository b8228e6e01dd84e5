/**
 * The failure simulator (analysis-model.md, "Failure scenarios"): fail regions, zones and nodes,
 * split regions into sides that cannot talk, and see which operations stay available and which
 * writes could be accepted on more than one side (diverging).
 */
import type { Design } from "../design/schema";
import type { Problem } from "../design/validate";
import { describeNeed } from "./availability";
import { operationLatency } from "./latency";
import { buildModel, effectiveNeed, type Model, type ResolvedOperation, type ResolvedStore } from "./model";
import type { Need } from "./types";

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
  /** Latency under the scenario (the same formulas over the usable replicas, with the new leader); null when unavailable. */
  latencyMs: number | null;
  reason: string;
}

export interface Simulation {
  operations: SimulatedOperation[];
  counts: { available: number; unavailable: number; diverging: number };
  /** Replicas that are down in this scenario. */
  downNodes: string[];
  /** The sides, each a list of region ids (one side when nothing is split). */
  sides: string[][];
  /**
   * Who leads each store with a leader in this scenario: consensus, the replica elected on the
   * side holding a majority (null: no side has one); primary-*, the primary while it is up, else
   * the first listed replica that is up (promoted; the callers' side can differ per operation).
   */
  leaders: Record<string, string | null>;
}

/** Problems with a scenario's ids, with paths like `failZones[0]`. */
export function scenarioProblems(design: Design, scenario: Scenario): Problem[] {
  const regions = new Map((design.regions ?? []).map((r) => [r.id, r]));
  const nodes = new Set((design.nodes ?? []).map((n) => n.id));
  // A region's zones: the ones it lists, else the ones its nodes name (design-format.md checks
  // node zones only against a region that lists zones).
  const zonesIn = (r: string) => {
    const listed = regions.get(r)!.zones ?? [];
    return listed.length ? listed : (design.nodes ?? []).filter((n) => n.region === r && n.zone !== undefined).map((n) => n.zone!);
  };
  const out: Problem[] = [];
  (scenario.failRegions ?? []).forEach((r, i) => {
    if (!regions.has(r)) out.push({ path: `failRegions[${i}]`, message: `unknown region "${r}"` });
  });
  (scenario.failZones ?? []).forEach((z, i) => {
    const [r, zone] = z.split("/");
    if (!regions.has(r)) out.push({ path: `failZones[${i}]`, message: `unknown region "${r}" (write zones as REGION/ZONE)` });
    else if (zone === undefined || !zonesIn(r).includes(zone)) out.push({ path: `failZones[${i}]`, message: `region "${r}" has no zone "${zone ?? ""}"` });
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
   * Explain each operation's status, compute its latency and list the down nodes and sides
   * (default true). The chaos plan runs hundreds of scenarios and needs only the verdicts.
   */
  reasons?: boolean;
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

/** Where an operation is served on one side: the leader that serves it there (if any). */
interface Serving {
  side: number;
  leader: string | null;
  /** The leader is a replica promoted (primary-*) or elected (consensus) in this scenario. */
  changed: boolean;
}

export function simulateModel(model: Model, scenario: Scenario, options: SimulateOptions = {}): Simulation {
  const { design } = model;
  const failedRegions = new Set(scenario.failRegions ?? []);
  const failedZones = new Set(scenario.failZones ?? []);
  const failedNodes = new Set(scenario.failNodes ?? []);
  const zoneKey = zoneKeyOf(model);
  const split = (scenario.split ?? []).some((side) => side.length > 0);
  const side = split ? sidesOf(design, scenario.split) : unsplitSides(model);
  // The chaos plan runs hundreds of scenarios per analysis: no per-node caches, few closures.
  const isDown = (nodeId: string) => {
    if (failedNodes.has(nodeId) || failedRegions.has(model.nodes.get(nodeId)!.region)) return true;
    if (failedZones.size === 0) return false;
    const zone = zoneKey.get(nodeId);
    return zone !== undefined && failedZones.has(zone);
  };
  const sideOfNode = (nodeId: string) => side.get(model.nodes.get(nodeId)!.region)!;
  const upOnSide = (nodeId: string, g: number) => !isDown(nodeId) && sideOfNode(nodeId) === g;
  const upOnCache = new Map<number, (nodeId: string) => boolean>();
  const upOn = (s: number) => {
    let f = upOnCache.get(s);
    if (!f) upOnCache.set(s, (f = (nodeId: string) => !isDown(nodeId) && sideOfNode(nodeId) === s));
    return f;
  };
  // Per store and side, once: up voting replicas (in all and per region) and up learners.
  type Counts = { replicas: number; learners: number; byRegion: Map<string, number> };
  const countsCache = new Map<string, Map<number, Counts>>();
  const countsOf = (s: ResolvedStore): Map<number, Counts> => {
    let bySide = countsCache.get(s.id);
    if (!bySide) {
      bySide = new Map();
      const entry = (g: number) => {
        let c = bySide!.get(g);
        if (!c) bySide!.set(g, (c = { replicas: 0, learners: 0, byRegion: new Map() }));
        return c;
      };
      for (const r of s.replicas) {
        if (isDown(r)) continue;
        const region = model.nodes.get(r)!.region;
        const c = entry(side.get(region)!);
        c.replicas++;
        c.byRegion.set(region, (c.byRegion.get(region) ?? 0) + 1);
      }
      for (const l of s.learners) if (!isDown(l)) entry(sideOfNode(l)).learners++;
      countsCache.set(s.id, bySide);
    }
    return bySide;
  };
  /** The need met by the up members on side g (members are the voting replicas, plus learners for follower reads). */
  const metOn = (s: ResolvedStore, need: Need, g: number, node: string | null = need.node): boolean => {
    if (node !== null && !upOnSide(node, g)) return false;
    const c = countsOf(s).get(g);
    if (!c) return need.k === 0 && need.perRegion.every((p) => p.k === 0);
    const members = c.replicas + (need.members.length > s.n ? c.learners : 0);
    if (members < need.k) return false;
    return need.perRegion.every((p) => (c.byRegion.get(p.region) ?? 0) >= p.k);
  };
  const allSides = split ? [...new Set(side.values())].sort((a, b) => a - b) : [0];
  // Sides in the order of their first region in the design (not the order a split was written in).
  const firstRegionIndex = new Map<number, number>();
  (design.regions ?? []).forEach((r, i) => {
    const g = side.get(r.id)!;
    if (!firstRegionIndex.has(g)) firstRegionIndex.set(g, i);
  });
  const sideOrder = [...allSides].sort((a, b) => (firstRegionIndex.get(a) ?? 0) - (firstRegionIndex.get(b) ?? 0));
  // Callers in a failed region fail over to any surviving region (DNS/anycast).
  const surviving = new Set<number>();
  for (const r of design.regions ?? []) if (!failedRegions.has(r.id)) surviving.add(side.get(r.id)!);

  // Consensus: the side holding a majority of voting replicas elects a leader (the old one if it is there).
  const electedCache = new Map<string, string | null>();
  const elected = (s: ResolvedStore): string | null => {
    if (electedCache.has(s.id)) return electedCache.get(s.id)!;
    let leader: string | null = null;
    for (const g of allSides) {
      if ((countsOf(s).get(g)?.replicas ?? 0) < s.majority) continue;
      leader = s.leader && upOnSide(s.leader, g) ? s.leader : (s.replicas.find((r) => upOnSide(r, g)) ?? null);
    }
    electedCache.set(s.id, leader);
    return leader;
  };

  const withReasons = options.reasons !== false;
  const accepting: Serving[] = [];
  const slots: Serving[] = allSides.map((side) => ({ side, leader: null, changed: false }));
  const counts = { available: 0, unavailable: 0, diverging: 0 };
  const operations: SimulatedOperation[] = [];
  for (const rop of options.operations ?? model.operations) {
    const s = rop.store;
    const need = effectiveNeed(rop);
    const callerRegion = rop.clientRegion;
    // Callers stay on their region's side; when their region failed they fail over to a surviving
    // region on that side, and only when the side has none, to any surviving region (the nearest).
    const ownSide = callerRegion === null ? null : side.get(callerRegion)!;
    const callerSide = ownSide !== null && (!failedRegions.has(callerRegion!) || surviving.has(ownSide)) ? ownSide : null;
    accepting.length = 0;
    let note = "";
    if (need !== null) {
      const leaderOps = (s.replication === "primary-sync" || s.replication === "primary-async") && need.node !== null;
      if (leaderOps) {
        // primary-*: the leader serves where it is up; the callers' side promotes its first up replica otherwise.
        const old = s.leader!;
        const oldSide = isDown(old) ? null : sideOfNode(old);
        const oldAccepts = oldSide !== null && metOn(s, need, oldSide, old);
        const promoteOn = callerSide !== null ? (callerSide !== oldSide ? [callerSide] : []) : oldSide !== null && surviving.has(oldSide) ? [] : sideOrder.filter((g) => surviving.has(g));
        let promoted: Serving | null = null;
        for (const g of promoteOn) {
          const candidate = s.replicas.find((r) => upOnSide(r, g));
          if (candidate && metOn(s, need, g, candidate)) {
            promoted = { side: g, leader: candidate, changed: true };
            break;
          }
        }
        if (oldAccepts && !(promoted && s.store.fencing === true)) accepting.push({ side: oldSide!, leader: old, changed: false });
        if (promoted) accepting.push(promoted);
        if (promoted) note = `${model.nodes.get(promoted.leader!)?.name ?? promoted.leader} promoted after the failover time (${s.store.failoverMs ?? 30000} ms)${oldAccepts && s.store.fencing === true ? "; fencing tokens reject the old primary's writes" : ""}`;
      } else {
        const consensusLeader = s.replication === "consensus" && !(rop.op.type === "read" && rop.readMode === "follower");
        for (let gi = 0; gi < allSides.length; gi++) {
          const g = allSides[gi];
          if (!metOn(s, need, g)) continue;
          const leader = consensusLeader ? elected(s) : s.leader;
          // Reused per side: the chaos plan runs thousands of these per analysis.
          const slot = slots[gi];
          slot.side = g;
          slot.leader = leader;
          slot.changed = consensusLeader && leader !== s.leader;
          accepting.push(slot);
        }
      }
    }
    // Several sides only for callers that fail over anywhere: anycast takes them to the nearest.
    let serving: Serving | null = null;
    let candidates = 0;
    for (const a of accepting) {
      if (callerSide === null ? !surviving.has(a.side) : a.side !== callerSide) continue;
      candidates++;
      if (serving === null || sideOrder.indexOf(a.side) < sideOrder.indexOf(serving.side)) serving = a;
    }
    let latencyMs: number | null = null;
    if (withReasons && serving) {
      const latencyOn = (a: Serving) => operationLatency({ model, missing: new Set(), usable: upOn(a.side), leader: a.leader }, rop).value;
      latencyMs = latencyOn(serving);
      if (candidates > 1) {
        for (const other of accepting) {
          if (other === serving || !surviving.has(other.side)) continue;
          const l = latencyOn(other);
          if (l !== null && (latencyMs === null || l < latencyMs || (l === latencyMs && sideOrder.indexOf(other.side) < sideOrder.indexOf(serving.side)))) [serving, latencyMs] = [other, l];
        }
      }
    }
    const available = serving !== null;
    const diverging = rop.op.type === "write" && accepting.length > 1;
    let reason = "";
    if (withReasons) {
      if (serving) {
        if (serving.changed && s.replication === "consensus") note = `new leader ${model.nodes.get(serving.leader!)?.name ?? serving.leader} elected after the election timeout (${s.store.electionTimeoutMs ?? 1000} ms)`;
      }
      // After a promotion the need is the promoted replica's, not the old primary's.
      const served = need !== null && need.node !== null && serving?.changed ? { ...need, node: serving.leader } : need;
      const needText = served === null ? "a local region it does not have" : describeNeed(model, served);
      // Follower reads count learners among the replicas that can serve them.
      const pool = need !== null && need.members.length > s.n ? need.members : s.replicas;
      const up = pool.filter((r) => !isDown(r)).length;
      reason =
        need === null
          ? "unavailable: its local region is unknown (no round-trip time from the callers to any replica)"
          : available
            ? diverging
              ? `accepted on ${accepting.length} sides at once: the sides diverge until the partition heals${note ? ` (${note})` : ""}`
              : `${up} of ${pool.length} replicas up; needs ${needText}${note ? `; ${note}` : ""}`
            : `needs ${needText}; ${up} of ${pool.length} replicas up${split ? ", not enough on the callers' side" : ""}`;
    }
    counts[available ? "available" : "unavailable"]++;
    if (diverging) counts.diverging++;
    operations.push({ id: rop.op.id, available, diverging, latencyMs, reason });
  }

  if (!withReasons) return { operations, counts, downNodes: [], sides: [], leaders: {} };
  const leaders: Record<string, string | null> = {};
  for (const s of model.stores.values()) {
    if (s.leader === null) continue;
    leaders[s.id] = s.replication === "consensus" ? elected(s) : !isDown(s.leader) ? s.leader : (s.replicas.find((r) => !isDown(r)) ?? null);
  }
  return {
    operations,
    counts,
    downNodes: (design.nodes ?? []).filter((n) => isDown(n.id)).map((n) => n.id),
    sides: allSides.map((g) => (design.regions ?? []).filter((r) => side.get(r.id) === g).map((r) => r.id)),
    leaders,
  };
}

/** Runs a scenario against a (valid) design. Unknown ids in the scenario are ignored: check them with scenarioProblems. */
export function simulate(design: Design, scenario: Scenario): Simulation {
  return simulateModel(buildModel(design), scenario);
}
