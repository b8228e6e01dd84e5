/**
 * Placement advisor (issue 14): for a store and a survival goal, the smallest number of voting
 * replicas and their spread over the drawn regions and zones that meets the goal, then, among
 * those, the placement with the lowest worst-case latency for the store's operations.
 *
 * The goals follow CockroachDB's survival goals (docs/advisor.md):
 * - "zone": every operation of the store survives the loss of any one zone (and of any one node).
 * - "region": every operation survives the loss of any one region (and of any one zone); a
 *   consensus store also keeps two voters in its leader's region, so one node failure there does
 *   not move leadership out of the region ("2 voting replicas in the home region … two possible
 *   leaseholder candidates", CockroachDB, "When to use ZONE vs. REGION survival goals").
 * Consensus stores get odd voter counts only (etcd FAQ: an even cluster tolerates no more
 * failures than the odd one below it and needs a bigger quorum).
 *
 * Every candidate is checked by the engine itself (the same figures the studio shows), so the
 * advice and the analysis cannot disagree. Pure: no UI, no I/O.
 *
 * @example
 * const advice = advise(design, "orders", "region");
 * if (advice.ok) design = applyAdvice(design, advice);
 */
import { addNode, moveNodeTo } from "../design/commands";
import type { Design, DesignNode, NodeKind, Store } from "../design/schema";
import { analyze } from "./index";
import { analyzeOperation } from "./figures";
import { majority } from "./math";
import { buildModel, regionRtt, type Model } from "./model";

export type SurvivalGoal = "zone" | "region";

/** Voters per region id, then per zone id ("-" for a region that lists no zones). */
export type Placement = Record<string, Record<string, number>>;

export interface AdviceFigures {
  voters: number;
  /** Per operation id; null when unknown (a missing round-trip time). */
  latencyMs: Record<string, number | null>;
  availability: Record<string, number | null>;
  /** The weakest over the store's operations. */
  survives: { nodeFailures: number | null; zoneLoss: boolean | null; regionLoss: boolean | null };
}

export type Advice =
  | {
      ok: true;
      store: string;
      goal: SurvivalGoal;
      voters: number;
      placement: Placement;
      /** Consensus: where the leader goes. */
      leader: { region: string; zone?: string } | null;
      latencyMs: Record<string, number | null>;
      survives: AdviceFigures["survives"];
      before: AdviceFigures;
      after: AdviceFigures;
      /** What applying it does, in names (for people). */
      changes: string[];
      /** Why this placement, in names. */
      why: string[];
      /** True when the store is already placed like this. */
      unchanged: boolean;
    }
  | { ok: false; store: string; goal: SurvivalGoal; reason: string };

/** Modes the advisor places: it reasons about voters and majorities. */
const SUPPORTED = new Set<Store["replication"]>(["consensus", "leaderless"]);
/** The largest voter count tried; beyond it the drawing, not the count, is what is missing. */
const MAX_VOTERS = 9;
/** Candidates verified by the engine at one voter count (a bound for very large drawings). */
const MAX_CANDIDATES = 4000;

interface Slot {
  region: string;
  zone: string | undefined;
}

export interface Candidate {
  counts: Map<string, number>;
  leaderRegion: string | null;
}

interface Evaluated extends Candidate {
  design: Design;
  figures: AdviceFigures;
  worst: number;
  sum: number;
  created: number;
}

const slotKey = (s: Slot) => `${s.region}/${s.zone ?? "-"}`;

/** The advice for one store; never throws for a valid design (an impossible goal is `ok: false`). */
export function advise(design: Design, storeId: string, goal: SurvivalGoal): Advice {
  const store = design.stores?.find((s) => s.id === storeId);
  const fail = (reason: string): Advice => ({ ok: false, store: storeId, goal, reason });
  if (!store) return fail(`There is no store "${storeId}".`);
  if (!SUPPORTED.has(store.replication)) {
    return fail(
      `${store.name} uses ${store.replication} replication. The advisor places voting replicas of consensus and leaderless stores, where survival is a matter of majorities; ${
        store.replication.startsWith("primary") ? "a primary-replica store survives a loss by failing over to a replica, which the simulator shows" : "its replicas accept writes independently, so any one that is up serves"
      }.`,
    );
  }
  const regions = design.regions ?? [];
  const eligible = regions.filter((r) => goal === "region" || (r.zones?.length ?? 0) > 0);
  if (goal === "zone" && eligible.length === 0) {
    return fail("Surviving a zone loss needs availability zones: no region of this design lists any. Add zones to the regions (the inspector of a region), then ask again.");
  }
  if (goal === "region" && regions.length < 3) {
    return fail(
      `Surviving a region loss needs voters in at least 3 regions, and this design has ${regions.length}. A majority of the voters must remain after any one region is lost; with ${regions.length === 2 ? "two regions one of them always holds at least half of the voters" : "one region its loss takes every voter"}. CockroachDB refuses SURVIVE REGION FAILURE with fewer than 3 regions for the same reason. Add a third region (even a small one holding a single voter).`,
    );
  }
  const before = figuresOf(design, storeId);
  const callers = callerRegions(design, store);
  const distance = new Map(eligible.map((r) => [r.id, regionDistance(design, callers, r.id)]));
  const order = [...eligible].sort((a, b) => (distance.get(a.id)! - distance.get(b.id)!) || regions.indexOf(a) - regions.indexOf(b)).map((r) => r.id);

  for (let n = 1; n <= MAX_VOTERS; n++) {
    if (store.replication === "consensus" && n % 2 === 0) continue;
    const tolerated = n - majority(n);
    if (tolerated < 1) continue;
    const verified: Evaluated[] = [];
    let tried = 0;
    for (const candidate of candidates(design, store, order, n, goal, tolerated)) {
      if (++tried > MAX_CANDIDATES) break;
      const evaluated = evaluate(design, store, candidate, goal);
      if (evaluated) verified.push(evaluated);
    }
    if (verified.length === 0) continue;
    verified.sort((a, b) => compare(a, b, order));
    // Among the best, the first that brings no new error finding (e.g. an availability SLO).
    const errorsBefore = errorKeys(design);
    const chosen = verified.find((c) => [...errorKeys(c.design)].every((k) => errorsBefore.has(k))) ?? verified[0];
    return describe(design, store, goal, chosen, before, order, n);
  }
  return fail(
    `No placement of up to ${MAX_VOTERS} voters over the drawn ${goal === "zone" ? "zones" : "regions"} survives a ${goal} loss for every operation of ${store.name}. ${
      goal === "zone" ? "Zone survival needs at least 3 zones in total across the regions used." : "Region survival needs at least 3 regions with known round-trip times."
    }`,
  );
}

/** The design with the advice applied: voters placed (new nodes where needed), leader set. One edit. */
export function applyAdvice(design: Design, advice: Extract<Advice, { ok: true }>): Design {
  const store = design.stores?.find((s) => s.id === advice.store);
  if (!store) return design;
  const counts = new Map(Object.entries(advice.placement).map(([r, zones]) => [r, Object.values(zones).reduce((a, b) => a + b, 0)]));
  return placeVoters(design, store, { counts, leaderRegion: advice.leader?.region ?? null }, true).design;
}

/** Regions the store's operations are called from; without any, the store's current leader region. */
function callerRegions(design: Design, store: Store): string[] {
  const ops = (design.operations ?? []).filter((o) => o.store === store.id);
  const explicit = ops.map((o) => o.clientRegion).filter((r): r is string => !!r);
  if (explicit.length) return explicit;
  const leader = store.leader ?? store.replicas[0];
  const region = design.nodes?.find((n) => n.id === leader)?.region;
  return region ? [region] : [];
}

/** How far a region is from the callers: the largest round-trip time (unknown: very far). */
function regionDistance(design: Design, callers: readonly string[], region: string): number {
  const model = buildModel({ ...design, operations: [], stores: [] });
  let worst = 0;
  for (const c of callers) worst = Math.max(worst, regionRtt(model, c, region) ?? 1e9);
  return worst;
}

/** Every split of n voters over the eligible regions that passes the counting test, leaders enumerated. */
function* candidates(design: Design, store: Store, order: readonly string[], n: number, goal: SurvivalGoal, tolerated: number): Generator<Candidate> {
  const regions = new Map((design.regions ?? []).map((r) => [r.id, r]));
  const consensus = store.replication === "consensus";
  const vector = new Array<number>(order.length).fill(0);
  function* split(i: number, left: number): Generator<number[]> {
    if (i === order.length - 1) {
      vector[i] = left;
      yield vector;
      return;
    }
    for (let c = left; c >= 0; c--) {
      vector[i] = c;
      yield* split(i + 1, left - c);
    }
  }
  if (order.length === 0) return;
  for (const v of split(0, n)) {
    const counts = new Map(order.map((r, i) => [r, v[i]]).filter(([, c]) => (c as number) > 0) as [string, number][]);
    const ok = [...counts].every(([r, c]) => {
      if (goal === "region") return c <= tolerated && zoneCounts(regions.get(r)!.zones, c).every((z) => z <= tolerated);
      return zoneCounts(regions.get(r)!.zones, c).every((z) => z <= tolerated);
    });
    if (!ok) continue;
    if (!consensus) {
      yield { counts, leaderRegion: null };
      continue;
    }
    for (const [r, c] of counts) {
      if (goal === "region" && c < 2) continue; // two leader candidates in the leader's region
      yield { counts, leaderRegion: r };
    }
  }
}

/** Voters per zone when c voters are spread as evenly as the region's zones allow. */
function zoneCounts(zones: readonly string[] | undefined, c: number): number[] {
  const k = zones?.length ? zones.length : 1;
  return Array.from({ length: Math.min(k, c) }, (_, i) => Math.floor(c / k) + (i < c % k ? 1 : 0));
}

/** The candidate built and checked by the engine; null when an operation misses the goal. */
function evaluate(design: Design, store: Store, candidate: Candidate, goal: SurvivalGoal): Evaluated | null {
  const built = placeVoters(design, store, candidate, false);
  const figures = figuresOf(built.design, store.id);
  const s = figures.survives;
  if (s.nodeFailures === null || s.nodeFailures < 1) return null;
  if (goal === "zone" && s.zoneLoss !== true) return null;
  if (goal === "region" && (s.regionLoss !== true || s.zoneLoss === false)) return null;
  const values = Object.values(figures.latencyMs).map((v) => v ?? Infinity);
  return {
    ...candidate,
    design: built.design,
    figures,
    worst: values.length ? Math.max(...values) : 0,
    sum: values.reduce((a, b) => a + b, 0),
    created: built.created,
  };
}

/** Lowest worst-case latency, then total, then fewest new nodes, then voters nearest the callers. */
function compare(a: Evaluated, b: Evaluated, order: readonly string[]): number {
  if (a.worst !== b.worst) return a.worst - b.worst;
  if (a.sum !== b.sum) return a.sum - b.sum;
  if (a.created !== b.created) return a.created - b.created;
  for (const r of order) {
    const d = (b.counts.get(r) ?? 0) - (a.counts.get(r) ?? 0);
    if (d !== 0) return d;
  }
  return order.indexOf(a.leaderRegion ?? "") - order.indexOf(b.leaderRegion ?? "");
}

function errorKeys(design: Design): Set<string> {
  return new Set(analyze(design).findings.filter((f) => f.severity === "error").map((f) => `${f.rule}:${f.target}`));
}

/** The store's figures the advice compares: latency and availability per operation, survival. */
function figuresOf(design: Design, storeId: string): AdviceFigures {
  const model = buildModel(design);
  const store = model.stores.get(storeId)!;
  const latencyMs: Record<string, number | null> = {};
  const availability: Record<string, number | null> = {};
  let nodeFailures: number | null = null;
  let zoneLoss: boolean | null = null;
  let regionLoss: boolean | null = null;
  const weakest = (a: boolean | null, b: boolean | null) => (a === false || b === false ? false : a === null && b === null ? null : (a ?? b));
  let first = true;
  for (const rop of model.operations) {
    if (rop.store.id !== storeId) continue;
    const o = analyzeOperation(model, rop);
    latencyMs[o.id] = o.latencyMs;
    availability[o.id] = o.availability;
    nodeFailures = first ? o.survivesNodeFailures : o.survivesNodeFailures === null || nodeFailures === null ? null : Math.min(nodeFailures, o.survivesNodeFailures);
    zoneLoss = first ? o.survivesZoneLoss : weakest(zoneLoss, o.survivesZoneLoss);
    regionLoss = first ? o.survivesRegionLoss : weakest(regionLoss, o.survivesRegionLoss);
    first = false;
  }
  if (first) {
    // No operations yet: judge the store's default write.
    const probe = { ...design, operations: [{ id: "__advisor-probe", name: "write", store: storeId, type: "write" as const, consistency: "eventual" as const }] };
    const f = figuresOf(probe, storeId);
    return { ...f, voters: store.n, latencyMs: {}, availability: {} };
  }
  return { voters: store.n, latencyMs, availability, survives: { nodeFailures, zoneLoss, regionLoss } };
}

/** Kind of the store's new nodes: what its replicas are (a database by default). */
function memberKind(design: Design, store: Store): NodeKind | string {
  const first = design.nodes?.find((n) => n.id === store.replicas[0]);
  return first?.kind ?? "database";
}

/**
 * Builds a placement: in each region, voters spread round-robin over its zones (zones already
 * holding members first), existing replicas and learners reused where they stand, new nodes
 * created for the rest. `layout`: real nodes through addNode (applying); else bare nodes (checking).
 */
export function placeVoters(design: Design, store: Store, candidate: Candidate, layout: boolean): { design: Design; created: number } {
  const nodes = new Map((design.nodes ?? []).map((n) => [n.id, n]));
  const members = [...store.replicas, ...(store.learners ?? [])];
  const bySlot = new Map<string, string[]>();
  for (const id of members) {
    const node = nodes.get(id);
    if (!node) continue;
    const key = slotKey({ region: node.region, zone: node.zone });
    bySlot.set(key, [...(bySlot.get(key) ?? []), id]);
  }
  let next = design;
  let created = 0;
  const voters: string[] = [];
  let leader: string | null = null;
  const names = newNodeNames(design, store);
  const kind = memberKind(design, store);
  // The current leader first, so a kept leader stays leader; then voters before learners.
  const rank = (a: string, b: string) => Number(b === store.leader) - Number(a === store.leader) || Number(store.replicas.includes(b)) - Number(store.replicas.includes(a));
  for (const region of design.regions ?? []) {
    const c = candidate.counts.get(region.id) ?? 0;
    if (c === 0) continue;
    const zones: (string | undefined)[] = region.zones?.length ? [...region.zones] : [undefined];
    const held = (z: string | undefined) => bySlot.get(slotKey({ region: region.id, zone: z }))?.length ?? 0;
    zones.sort((a, b) => held(b) - held(a) || zones.indexOf(a) - zones.indexOf(b));
    // Members drawn in the region but outside its zones move into the zones that need voters.
    const loose = region.zones?.length ? [...(bySlot.get(slotKey({ region: region.id, zone: undefined })) ?? [])].sort(rank) : [];
    zoneCounts(region.zones, c).forEach((count, i) => {
      const zone = zones[i];
      const existing = [...(bySlot.get(slotKey({ region: region.id, zone })) ?? [])].sort(rank);
      for (let k = 0; k < count; k++) {
        let id = existing[k];
        if (id === undefined && loose.length) {
          id = loose.shift()!;
          if (layout) next = moveNodeTo(next, id, region.id, zone);
          else next = { ...next, nodes: (next.nodes ?? []).map((n) => (n.id === id ? { ...n, zone } : n)) };
        }
        if (id === undefined) {
          const name = names();
          if (layout) {
            const made = addNode(next, { kind, region: region.id, zone, name });
            next = made.design;
            id = made.id;
          } else {
            id = `__advisor-${created + 1}`;
            const node: DesignNode = { id, name, kind, region: region.id, ...(zone !== undefined ? { zone } : {}) };
            next = { ...next, nodes: [...(next.nodes ?? []), node] };
          }
          created++;
        }
        voters.push(id);
        if (region.id === candidate.leaderRegion && (leader === null || id === store.leader)) leader = id;
      }
    });
  }
  const learners = (store.learners ?? []).filter((l) => !voters.includes(l));
  const updated: Store = { ...store, replicas: voters };
  if (store.replication === "consensus" || store.replication.startsWith("primary")) updated.leader = leader ?? voters[0];
  if (store.replication === "consensus") {
    if (learners.length) updated.learners = learners;
    else delete updated.learners;
  }
  if (store.replication === "primary-sync" && typeof updated.writeQuorum === "number" && updated.writeQuorum > voters.length) delete updated.writeQuorum;
  if (store.replication === "leaderless") {
    // Numeric quorums were sized for the old n: QUORUM (the default majority) for the new one.
    if (typeof updated.readQuorum === "number") delete updated.readQuorum;
    if (typeof updated.writeQuorum === "number") delete updated.writeQuorum;
  }
  const operations = (next.operations ?? []).map((o) => (o.store === store.id && typeof o.quorum === "number" && o.quorum > voters.length ? (({ quorum: _q, ...rest }) => rest)(o) : o));
  return {
    design: { ...next, stores: (next.stores ?? []).map((s) => (s.id === store.id ? updated : s)), operations },
    created,
  };
}

/**
 * Names for new replicas, after the existing ones: "Database 1..3" → "Database 4", "Database 5";
 * replicas without a number → "<store> replica 1", "<store> replica 2"…
 */
function newNodeNames(design: Design, store: Store): () => string {
  const taken = new Set((design.nodes ?? []).map((n) => n.name));
  const first = design.nodes?.find((n) => n.id === store.replicas[0])?.name ?? "";
  const numbered = /^(.*\S)\s+(\d+)$/.exec(first);
  const prefix = numbered ? numbered[1] : `${store.name} replica`;
  let k = numbered ? Number(numbered[2]) : 0;
  return () => {
    let name: string;
    do name = `${prefix} ${++k}`.slice(0, 200);
    while (taken.has(name));
    taken.add(name);
    return name;
  };
}

function describe(design: Design, store: Store, goal: SurvivalGoal, chosen: Evaluated, before: AdviceFigures, order: readonly string[], n: number): Advice {
  const regionName = (id: string) => design.regions?.find((r) => r.id === id)?.name ?? id;
  const placement: Placement = {};
  const model: Model = buildModel(chosen.design);
  const storeAfter = model.stores.get(store.id)!;
  for (const id of storeAfter.replicas) {
    const node = model.nodes.get(id)!;
    const zone = node.zone ?? "-";
    placement[node.region] ??= {};
    placement[node.region][zone] = (placement[node.region][zone] ?? 0) + 1;
  }
  const leaderNode = storeAfter.leader ? model.nodes.get(storeAfter.leader) : undefined;
  const spread = (design.regions ?? [])
    .map((r) => r.id)
    .filter((r) => placement[r])
    .map((r) => `${Object.values(placement[r]).reduce((a, b) => a + b, 0)} in ${regionName(r)}`)
    .join(", ");
  const oldVoters = new Set(store.replicas);
  const kept = storeAfter.replicas.filter((id) => oldVoters.has(id));
  const added = storeAfter.replicas.filter((id) => !design.nodes?.some((n) => n.id === id));
  const promoted = storeAfter.replicas.filter((id) => !oldVoters.has(id) && design.nodes?.some((n) => n.id === id));
  const dropped = store.replicas.filter((id) => !storeAfter.replicas.includes(id));
  const moved = storeAfter.replicas.filter((id) => {
    const was = design.nodes?.find((n) => n.id === id);
    return was !== undefined && was.zone !== model.nodes.get(id)!.zone;
  });
  const nodeName = (id: string) => design.nodes?.find((n) => n.id === id)?.name ?? id;
  const changes: string[] = [];
  if (added.length) changes.push(`Add ${added.length} node${added.length === 1 ? "" : "s"}: ${added.map((id) => describeNode(model, id)).join("; ")}`);
  if (promoted.length) changes.push(`Make ${promoted.map(nodeName).join(", ")} voting replica${promoted.length === 1 ? "" : "s"} (no longer learner${promoted.length === 1 ? "" : "s"})`);
  if (moved.length) changes.push(`Move into a zone: ${moved.map((id) => describeNode(model, id)).join("; ")}`);
  if (dropped.length) changes.push(`No longer a replica of ${store.name}: ${dropped.map(nodeName).join(", ")} (the node${dropped.length === 1 ? " stays" : "s stay"} on the canvas)`);
  if (store.replication === "consensus" && leaderNode && leaderNode.id !== (store.leader ?? store.replicas[0])) changes.push(`Leader: ${leaderNode.name} (${regionName(leaderNode.region)})`);
  if (store.replication === "leaderless" && (typeof store.readQuorum === "number" || typeof store.writeQuorum === "number")) changes.push(`R and W become QUORUM (majority of ${n})`);
  const t = n - majority(n);
  const why = [
    `${n} voters: the fewest that ${goal === "zone" ? "survive the loss of any one zone" : "survive the loss of any one region"} for every operation of ${store.name} (a majority of ${majority(n)} remains after losing at most ${t}).`,
  ];
  if (store.replication === "consensus") why.push("Consensus voter counts are odd: an even count tolerates no more failures than the odd count below it, and its quorum is larger (etcd FAQ).");
  if (goal === "region" && store.replication === "consensus" && leaderNode) {
    why.push(`Two voters in ${regionName(leaderNode.region)}, the leader's region, so one node failure there does not move leadership out of the region (CockroachDB's REGION goal: two leaseholder candidates in the home region).`);
  }
  why.push(`Spread: ${spread}. Among the ${n}-voter placements that survive, this one has the lowest worst-case latency for the store's operations; ties go to voters nearer the callers.`);
  return {
    ok: true,
    store: store.id,
    goal,
    voters: n,
    placement,
    leader: store.replication === "consensus" && leaderNode ? { region: leaderNode.region, ...(leaderNode.zone !== undefined ? { zone: leaderNode.zone } : {}) } : null,
    latencyMs: chosen.figures.latencyMs,
    survives: chosen.figures.survives,
    before,
    after: chosen.figures,
    changes,
    why,
    unchanged: added.length === 0 && promoted.length === 0 && dropped.length === 0 && moved.length === 0 && kept.length === store.replicas.length && (store.replication !== "consensus" || leaderNode?.id === (store.leader ?? store.replicas[0])),
  };
}

function describeNode(model: Model, id: string): string {
  const node = model.nodes.get(id)!;
  const region = model.regions.get(node.region);
  return `${node.name} in ${region?.name ?? node.region}${node.zone !== undefined ? ` zone ${node.zone}` : ""}`;
}

/** The advice as the CLI prints it: names, not ids; figures before → after. */
export function formatAdvice(design: Design, advice: Advice): string {
  const storeName = design.stores?.find((s) => s.id === advice.store)?.name ?? advice.store;
  const goal = advice.goal === "zone" ? "a zone loss" : "a region loss";
  if (!advice.ok) return `${storeName}: no placement survives ${goal}.\n  ${advice.reason}\n`;
  const regionName = (id: string) => design.regions?.find((r) => r.id === id)?.name ?? id;
  const opName = (id: string) => design.operations?.find((o) => o.id === id)?.name ?? id;
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? "unknown" : `${Math.round(v * 10) / 10} ms`);
  const yes = (v: boolean | null) => (v === null ? "n/a" : v ? "yes" : "no");
  const lines = [`${storeName}: ${advice.voters} voters to survive ${goal}${advice.unchanged ? " — already placed like this" : ""}`];
  for (const [region, zones] of Object.entries(advice.placement)) {
    const parts = Object.entries(zones).map(([z, c]) => (z === "-" ? `${c}` : `${c} in zone ${z}`));
    lines.push(`  ${regionName(region)}: ${parts.join(", ")}${advice.leader?.region === region ? " (leader)" : ""}`);
  }
  lines.push("", "Why:", ...advice.why.map((w) => `  ${w}`));
  if (advice.changes.length) lines.push("", "Applying it:", ...advice.changes.map((c) => `  ${c}`));
  lines.push("", "Before → after:");
  lines.push(`  voters ${advice.before.voters} → ${advice.after.voters}`);
  lines.push(`  survives a zone loss: ${yes(advice.before.survives.zoneLoss)} → ${yes(advice.after.survives.zoneLoss)}`);
  lines.push(`  survives a region loss: ${yes(advice.before.survives.regionLoss)} → ${yes(advice.after.survives.regionLoss)}`);
  for (const id of Object.keys(advice.after.latencyMs)) lines.push(`  ${opName(id)}: ${ms(advice.before.latencyMs[id])} → ${ms(advice.after.latencyMs[id])}`);
  return `${lines.join("\n")}\n`;
}
