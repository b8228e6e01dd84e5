/**
 * What-if sweep (issue 14): every sensible configuration of one store on the drawn topology — like
 * the Cassandra consistency calculator, but with this design's regions, round-trip times and
 * operations — and what each does to latency, staleness, availability, survival and the verdict.
 *
 * Rows by replication mode:
 * - leaderless: n (the drawn replicas, and n ± 2 spread over the same regions) × R × W, plus
 *   LOCAL_QUORUM / EACH_QUORUM when the replicas span regions;
 * - consensus: n (odd and even) × read mode (quorum, lease, follower);
 * - primary-sync: n × W × read mode; primary-async: n × read mode; multi-leader, crdt: n.
 * Each row is the whole design analysed with that configuration (the engine's own figures).
 *
 * @example
 * const rows = sweep(design, "sessions");
 * design = applySweepRow(design, "sessions", rows[3]);
 */
import type { Design, QuorumSpec, ReadMode, Store } from "../design/schema";
import { READ_MODES_BY_REPLICATION } from "../design/schema";
import { placeVoters } from "./advisor";
import { analyze } from "./index";
import type { Verdict } from "./types";

export interface SweepConfig {
  n: number;
  readQuorum?: QuorumSpec;
  writeQuorum?: QuorumSpec;
  readMode?: ReadMode;
}

export interface SweepRow {
  /** e.g. "n=5 R=2 W=2", "n=3 lease". */
  key: string;
  config: SweepConfig;
  /** The store as drawn today. */
  current: boolean;
  /** Per operation of the store (ids); null when unknown. */
  latencyMs: Record<string, number | null>;
  availability: Record<string, number | null>;
  /** Operations of the store whose required consistency holds. */
  satisfied: number;
  operations: number;
  /** The store's chance that a read misses the latest write (null: does not apply). */
  staleReadProbability: number | null;
  /** Weakest over the store's operations. */
  survives: { nodeFailures: number | null; zoneLoss: boolean | null; regionLoss: boolean | null };
  verdict: Verdict;
  errors: number;
  warnings: number;
  /** P99.9 t-visibility per read where PBS applies (ms; null past 1 s). */
  tVisibilityP999Ms: Record<string, number | null>;
}

/** Bounds the work: a store of 9 replicas sweeps 11 × 11 × 11 rows at most. */
const MAX_N = 11;

/** Every configuration to try, current first. */
export function sweepConfigs(design: Design, store: Store): SweepConfig[] {
  const n0 = store.replicas.length;
  const sizes = [...new Set([n0, n0 - 2, n0 - 1, n0 + 1, n0 + 2])].filter((n) => n >= 1 && n <= MAX_N).sort((a, b) => a - b);
  const regions = new Set(store.replicas.map((r) => design.nodes?.find((x) => x.id === r)?.region));
  const modes = READ_MODES_BY_REPLICATION[store.replication];
  const out: SweepConfig[] = [];
  for (const n of sizes) {
    switch (store.replication) {
      case "leaderless": {
        const specs: QuorumSpec[] = Array.from({ length: n }, (_, i) => i + 1);
        if (regions.size > 1) specs.push("local-quorum", "each-quorum");
        for (const w of specs) for (const r of specs) out.push({ n, readQuorum: r, writeQuorum: w });
        break;
      }
      case "primary-sync":
        for (let w = 1; w <= n; w++) for (const m of modes) out.push({ n, writeQuorum: w, readMode: m });
        break;
      case "consensus":
      case "primary-async":
        for (const m of modes) out.push({ n, readMode: m });
        break;
      default:
        out.push({ n });
    }
  }
  return out;
}

const label = (c: SweepConfig) =>
  [`n=${c.n}`, c.readQuorum !== undefined ? `R=${c.readQuorum}` : "", c.writeQuorum !== undefined ? `W=${c.writeQuorum}` : "", c.readMode ?? ""].filter(Boolean).join(" ");

/** Is this configuration what the store has today? */
function isCurrent(store: Store, c: SweepConfig): boolean {
  if (c.n !== store.replicas.length) return false;
  const defaults = { readQuorum: undefined as QuorumSpec | undefined, writeQuorum: undefined as QuorumSpec | undefined };
  const maj = Math.floor(store.replicas.length / 2) + 1;
  if (store.replication === "leaderless") {
    defaults.readQuorum = store.readQuorum ?? maj;
    defaults.writeQuorum = store.writeQuorum ?? maj;
  }
  if (store.replication === "primary-sync") defaults.writeQuorum = store.writeQuorum ?? store.replicas.length;
  const mode = store.replication === "consensus" ? (store.readMode ?? "quorum") : store.replication.startsWith("primary") ? (store.readMode ?? "leader") : undefined;
  return c.readQuorum === defaults.readQuorum && c.writeQuorum === defaults.writeQuorum && c.readMode === mode;
}

/** The design with the store configured as `config` (replicas added or removed over its regions). */
export function applySweepRow(design: Design, storeId: string, row: Pick<SweepRow, "config">, layout = true): Design {
  const store = design.stores?.find((s) => s.id === storeId);
  if (!store) return design;
  const c = row.config;
  let next = design;
  if (c.n !== store.replicas.length) next = resize(design, store, c.n, layout);
  const resized = next.stores!.find((s) => s.id === storeId)!;
  const updated: Store = { ...resized };
  if (c.readQuorum !== undefined) updated.readQuorum = c.readQuorum;
  if (c.writeQuorum !== undefined) updated.writeQuorum = c.writeQuorum;
  if (c.readMode !== undefined) updated.readMode = c.readMode;
  const operations = (next.operations ?? []).map((o) =>
    o.store === storeId && typeof o.quorum === "number" && o.quorum > c.n ? (({ quorum: _q, ...rest }) => rest)(o) : o,
  );
  return { ...next, stores: next.stores!.map((s) => (s.id === storeId ? updated : s)), operations };
}

/** n voters spread round-robin over the regions the store uses (in the order of its replicas). */
function resize(design: Design, store: Store, n: number, layout: boolean): Design {
  const regionOf = (id: string) => design.nodes?.find((x) => x.id === id)?.region;
  const regions = [...new Set(store.replicas.map(regionOf).filter((r): r is string => !!r))];
  const current = new Map<string, number>();
  for (const r of store.replicas) current.set(regionOf(r)!, (current.get(regionOf(r)!) ?? 0) + 1);
  // Keep the drawn shape: shrink from the regions with the most replicas, grow into the fewest.
  const counts = new Map(current);
  let total = store.replicas.length;
  while (total > n) {
    const [r] = [...counts].sort((a, b) => b[1] - a[1] || regions.indexOf(b[0]) - regions.indexOf(a[0]))[0];
    counts.set(r, counts.get(r)! - 1);
    total--;
  }
  while (total < n) {
    const [r] = [...counts].sort((a, b) => a[1] - b[1] || regions.indexOf(a[0]) - regions.indexOf(b[0]))[0];
    counts.set(r, counts.get(r)! + 1);
    total++;
  }
  for (const [r, c] of counts) if (c === 0) counts.delete(r);
  const leaderRegion = regionOf(store.leader ?? store.replicas[0]) ?? null;
  return placeVoters(design, store, { counts, leaderRegion: leaderRegion && counts.has(leaderRegion) ? leaderRegion : ([...counts.keys()][0] ?? null) }, layout).design;
}

/** The sweep's rows, current configuration first, then in configuration order. */
export function sweep(design: Design, storeId: string, options: { trials?: number } = {}): SweepRow[] {
  const store = design.stores?.find((s) => s.id === storeId);
  if (!store) return [];
  const rows = sweepConfigs(design, store).map((config) => {
    const candidate = applySweepRow(design, storeId, { config }, false);
    const a = analyze(candidate, { pbs: options.trials ? { trials: options.trials } : false });
    const ops = a.operations.filter((o) => o.store === storeId);
    const s = a.stores.find((x) => x.id === storeId);
    const weakest = (values: (boolean | null)[]) => (values.includes(false) ? false : values.every((v) => v === null) ? null : true);
    const failures = ops.map((o) => o.survivesNodeFailures);
    const row: SweepRow = {
      key: label(config),
      config,
      current: isCurrent(store, config),
      latencyMs: Object.fromEntries(ops.map((o) => [o.id, o.latencyMs])),
      availability: Object.fromEntries(ops.map((o) => [o.id, o.availability])),
      satisfied: ops.filter((o) => o.satisfied === true).length,
      operations: ops.length,
      staleReadProbability: s?.staleReadProbability ?? null,
      survives: {
        nodeFailures: failures.length === 0 || failures.includes(null) ? null : Math.min(...(failures as number[])),
        zoneLoss: weakest(ops.map((o) => o.survivesZoneLoss)),
        regionLoss: weakest(ops.map((o) => o.survivesRegionLoss)),
      },
      verdict: a.verdict,
      errors: a.counts.errors,
      warnings: a.counts.warnings,
      tVisibilityP999Ms: Object.fromEntries(ops.filter((o) => o.tVisibility).map((o) => [o.id, o.tVisibilityP999Ms])),
    };
    return row;
  });
  return [...rows.filter((r) => r.current), ...rows.filter((r) => !r.current)];
}
