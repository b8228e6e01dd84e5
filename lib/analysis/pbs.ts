/**
 * PBS t-visibility by Monte Carlo (analysis-model.md, "PBS t-visibility"; Bailis et al.,
 * "Probabilistically Bounded Staleness for Practical Partial Quorums", VLDB 2012, the WARS model):
 * the probability that a read started t ms after a write was acknowledged returns that write,
 * on the drawn round-trip times.
 *
 * One trial draws, for every replica r, the write (W), acknowledgement (A), read (R) and response
 * (S) delays: rtt/2 + an exponential delay with mean `defaults.jitterMs`. Replica r holds the
 * write from W_r on; the write is acknowledged at T_ack (the quorum's last acknowledgement); the
 * read message reaches r at T_ack + t + R_r. With the replicas the read uses (its first responses)
 * fixed by R_r + S_r, the trial is fresh at t exactly when t ≥ min over used r of (W_r − T_ack − R_r):
 * one threshold per trial, so every t is evaluated on the same draws and pFresh never decreases
 * with t. The generator is seeded from the configuration, so results are deterministic.
 */
import { majority } from "./math";
import { coordinatorOf, regionRtt, type Model, type ResolvedOperation, type ResolvedStore } from "./model";
import { weakestMissed, strongRead } from "./consistency";
import type { QuorumSpec } from "../design/schema";
import type { TVisibility } from "./types";

export const T_POINTS_MS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;
export const DEFAULT_TRIALS = 100_000;

/** sfc32: a small, fast, well-tested 32-bit generator (PractRand); seeded by a string hash. */
export function seededRandom(seed: string): () => number {
  let h = 2166136261;
  const mix = () => {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    return h >>> 0;
  };
  let a = mix(), b = mix(), c = mix(), d = mix();
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** Quorum of a spec over the sites: how many (global) or how many per region group. */
type Quota = { kind: "count"; k: number } | { kind: "regions"; groups: { members: number[]; k: number }[] };

/** A Monte Carlo configuration: everything a trial needs, as plain numbers. */
export interface PbsConfig {
  /** One-way base delay from the write's sender to each site (rtt/2). */
  writeHalf: number[];
  /** One-way base delay from the reader to each site it may read from (rtt/2); null = not read. */
  readHalf: (number | null)[];
  /** How the write is acknowledged. */
  ack: { kind: "quota"; quota: Quota } | { kind: "leader-plus"; leader: number; others: number[]; k: number } | { kind: "leader"; leader: number };
  /** Which responses the read uses. */
  read: { kind: "quota"; quota: Quota } | { kind: "single"; site: number };
  jitterMs: number;
  seed: string;
}

/** k-th smallest of values[members] (all values when members is null), by insertion into a small scratch array. */
function kthSmallest(values: Float64Array, members: Int32Array | null, k: number, scratch: Float64Array): number {
  const count = members ? members.length : values.length;
  let size = 0;
  for (let i = 0; i < count; i++) {
    const v = values[members ? members[i] : i];
    if (size === k && v >= scratch[k - 1]) continue;
    let j = size < k ? size++ : k - 1;
    while (j > 0 && scratch[j - 1] > v) {
      scratch[j] = scratch[j - 1];
      j--;
    }
    scratch[j] = v;
  }
  return scratch[k - 1];
}

/** Runs `trials` trials; returns each point's pFresh. */
export function runPbs(config: PbsConfig, trials: number): TVisibility {
  const rand = seededRandom(config.seed);
  const mean = config.jitterMs;
  const exp = mean > 0 ? () => -mean * Math.log(1 - rand()) : () => 0;
  const n = config.writeHalf.length;
  const held = new Float64Array(n); // W_r
  const acked = new Float64Array(n); // W_r + A_r
  const reach = new Float64Array(n); // R_r
  const respond = new Float64Array(n); // R_r + S_r
  const scratch = new Float64Array(n + 1);
  const ints = (xs: readonly number[]) => Int32Array.from(xs);
  const ack = config.ack;
  const ackGroups = ack.kind === "quota" && ack.quota.kind === "regions" ? ack.quota.groups.map((g) => ({ members: ints(g.members), k: g.k })) : [];
  const ackOthers = ack.kind === "leader-plus" ? ints(ack.others) : null;
  const counts = new Array<number>(T_POINTS_MS.length).fill(0);
  const readSites = Int32Array.from(config.readHalf.map((h, i) => (h === null ? -1 : i)).filter((i) => i >= 0));
  const order = new Int32Array(readSites.length);
  const groupOf = new Int32Array(n).fill(-1);
  if (config.read.kind === "quota" && config.read.quota.kind === "regions") config.read.quota.groups.forEach((g, gi) => g.members.forEach((m) => (groupOf[m] = gi)));
  const need = new Int32Array(config.read.kind === "quota" && config.read.quota.kind === "regions" ? config.read.quota.groups.length : 0);

  for (let trial = 0; trial < trials; trial++) {
    for (let r = 0; r < n; r++) {
      held[r] = config.writeHalf[r] + exp();
      acked[r] = held[r] + config.writeHalf[r] + exp();
    }
    let tAck: number;
    if (ack.kind === "leader") tAck = held[ack.leader];
    else if (ack.kind === "leader-plus") tAck = Math.max(acked[ack.leader], ack.k > 0 ? kthSmallest(acked, ackOthers, ack.k, scratch) : 0);
    else if (ack.quota.kind === "count") tAck = kthSmallest(acked, null, ack.quota.k, scratch);
    else {
      tAck = 0;
      for (const g of ackGroups) tAck = Math.max(tAck, kthSmallest(acked, g.members, g.k, scratch));
    }
    for (const r of readSites) {
      const half = config.readHalf[r] as number;
      reach[r] = half + exp();
      respond[r] = reach[r] + half + exp();
    }
    let threshold = Infinity;
    const read = config.read;
    if (read.kind === "single") threshold = held[read.site] - tAck - reach[read.site];
    else {
      // The read's responses in arrival order (insertion sort: a handful of replicas).
      for (let i = 0; i < readSites.length; i++) {
        const r = readSites[i];
        let j = i;
        while (j > 0 && respond[order[j - 1]] > respond[r]) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = r;
      }
      if (read.quota.kind === "count") {
        for (let i = 0; i < read.quota.k; i++) threshold = Math.min(threshold, held[order[i]] - tAck - reach[order[i]]);
      } else {
        read.quota.groups.forEach((g, gi) => (need[gi] = g.k));
        for (let i = 0; i < order.length; i++) {
          const r = order[i];
          const g = groupOf[r];
          if (g >= 0 && need[g] > 0) {
            need[g]--;
            threshold = Math.min(threshold, held[r] - tAck - reach[r]);
          }
        }
      }
    }
    for (let i = 0; i < T_POINTS_MS.length; i++) if (T_POINTS_MS[i] >= threshold) counts[i]++;
  }
  return { trials, points: T_POINTS_MS.map((tMs, i) => ({ tMs, pFresh: counts[i] / trials })) };
}

/** The smallest listed t with pFresh ≥ 0.999, or null. */
export function p999(tv: TVisibility): number | null {
  return tv.points.find((p) => p.pFresh >= 0.999)?.tMs ?? null;
}

/** True when the spec's t-visibility applies: a leaderless read that is not strong, or a follower read. */
export function hasTVisibility(model: Model, rop: ResolvedOperation): boolean {
  if (rop.op.type !== "read" || !rop.known) return false;
  const s = rop.store;
  if (s.replication === "leaderless") return !strongRead(model, s, { spec: rop.spec!, local: rop.localRegion });
  return (s.replication === "consensus" || s.replication.startsWith("primary-")) && rop.readMode === "follower";
}

function quotaOf(s: ResolvedStore, spec: QuorumSpec, local: string | null, index: Map<string, number>): Quota {
  if (typeof spec === "number") return { kind: "count", k: spec };
  const regions = spec === "local-quorum" ? [local!] : [...s.byRegion.keys()];
  return {
    kind: "regions",
    groups: regions.map((g) => {
      const members = (s.byRegion.get(g) ?? []).map((r) => index.get(r)!);
      return { members, k: majority(members.length) };
    }),
  };
}

/**
 * The Monte Carlo configuration of a read, or null when a round-trip time it needs is missing
 * (or no write exists to measure against).
 */
export function pbsConfig(model: Model, rop: ResolvedOperation): PbsConfig | null {
  const s = rop.store;
  const half = (a: string, b: string) => {
    if (a === b) return 0;
    const v = regionRtt(model, model.nodes.get(a)!.region, model.nodes.get(b)!.region);
    return v === null ? null : v / 2;
  };
  const halves = (from: string, sites: readonly string[]) => {
    const out = sites.map((r) => half(from, r));
    return out.some((v) => v === null) ? null : (out as number[]);
  };
  const C = rop.clientRegion!;
  if (s.replication === "leaderless") {
    const read = { spec: rop.spec!, local: rop.localRegion };
    const write = weakestMissed(model, s, read);
    if (write === null || rop.coordinator === null) return null;
    const writeOp = write.op === null ? null : model.operations.find((o) => o.op.id === write.op);
    const writeCoordinator = writeOp ? writeOp.coordinator : coordinatorOf(model, s.firstRegion, s.replicas);
    if (writeCoordinator === null) return null;
    const index = new Map(s.replicas.map((r, i) => [r, i]));
    const writeHalf = halves(writeCoordinator, s.replicas);
    const readHalf = halves(rop.coordinator, s.replicas);
    if (!writeHalf || !readHalf) return null;
    return {
      writeHalf,
      readHalf,
      ack: { kind: "quota", quota: quotaOf(s, write.spec, write.local, index) },
      read: { kind: "quota", quota: quotaOf(s, read.spec, read.local, index) },
      jitterMs: model.jitterMs,
      seed: `leaderless|${s.id}|${writeCoordinator}|${JSON.stringify(write.spec)}|${write.local}|${rop.coordinator}|${JSON.stringify(read.spec)}|${read.local}|${model.jitterMs}`,
    };
  }
  // Follower reads: the leader sends the write to every replica and learner.
  const sites = [...s.replicas, ...s.learners];
  const L = s.leader!;
  const leaderIndex = sites.indexOf(L);
  const writeHalf = halves(L, sites);
  if (!writeHalf) return null;
  let f: string | null = null;
  let best = Infinity;
  for (const r of sites) {
    const v = regionRtt(model, C, model.nodes.get(r)!.region);
    if (v === null) return null;
    if (v < best) {
      best = v;
      f = r;
    }
  }
  const site = sites.indexOf(f!);
  const readHalf = sites.map((_, i) => (i === site ? best / 2 : null));
  let ack: PbsConfig["ack"];
  if (s.replication === "consensus") ack = { kind: "quota", quota: { kind: "regions", groups: [{ members: s.replicas.map((_, i) => i), k: s.majority }] } };
  else if (s.replication === "primary-async") ack = { kind: "leader", leader: leaderIndex };
  else {
    const writes = (model.writesOf.get(s.id) ?? []).map((w) => w.spec as number);
    const w = writes.length ? Math.min(...writes) : (s.writeQuorum as number);
    ack = { kind: "leader-plus", leader: leaderIndex, others: s.replicas.map((_, i) => i).filter((i) => i !== leaderIndex), k: w - 1 };
  }
  return { writeHalf, readHalf, ack, read: { kind: "single", site }, jitterMs: model.jitterMs, seed: `follower|${s.id}|${C}|${JSON.stringify(ack)}|${model.jitterMs}` };
}

export interface PbsOptions {
  /** Trials per read (default 100,000: two implementations then agree within 0.01). */
  trials?: number;
  /**
   * Total trials across the design's distinct configurations; above it each gets
   * max(2,000, budget / configurations) trials (the HTTP API bounds its work this way).
   */
  budget?: number;
}

/** t-visibility of every read it applies to, by operation id (identical configurations run once). */
export function tVisibilities(model: Model, options: PbsOptions = {}): Map<string, TVisibility> {
  const trials = options.trials ?? DEFAULT_TRIALS;
  const configs = new Map<string, { config: PbsConfig; ops: string[] }>();
  for (const rop of model.operations) {
    if (!hasTVisibility(model, rop)) continue;
    const config = pbsConfig(model, rop);
    if (!config) continue;
    const entry = configs.get(config.seed);
    if (entry) entry.ops.push(rop.op.id);
    else configs.set(config.seed, { config, ops: [rop.op.id] });
  }
  const perConfig = options.budget !== undefined && configs.size * trials > options.budget ? Math.max(2000, Math.floor(options.budget / configs.size)) : trials;
  const out = new Map<string, TVisibility>();
  for (const { config, ops } of configs.values()) {
    const tv = runPbs(config, perConfig);
    for (const id of ops) out.set(id, tv);
  }
  return out;
}
