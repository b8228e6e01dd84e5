/** Quorum specs as counts, for drawings and labels (the analysis has the exact semantics). */
import type { Design, QuorumSpec, Store } from "./schema";

const majority = (n: number) => Math.floor(n / 2) + 1;

/**
 * How many replicas a spec takes: a number as written; local-quorum a majority of the local
 * region's replicas (default: the first replica's region); each-quorum the sum of every region's
 * majority.
 */
export function quorumSize(design: Pick<Design, "nodes">, store: Pick<Store, "replicas">, spec: QuorumSpec, localRegion?: string): number {
  if (typeof spec === "number") return spec;
  const regionOf = new Map((design.nodes ?? []).map((n) => [n.id, n.region]));
  const counts = new Map<string, number>();
  for (const r of store.replicas) {
    const g = regionOf.get(r) ?? "";
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  if (spec === "local-quorum") return majority(counts.get(localRegion ?? regionOf.get(store.replicas[0]) ?? "") ?? 0);
  return [...counts.values()].reduce((sum, n) => sum + majority(n), 0);
}

/** "2", "LOCAL_QUORUM", "EACH_QUORUM": the names Cassandra users know. */
export function quorumLabel(spec: QuorumSpec): string {
  return typeof spec === "number" ? String(spec) : spec === "local-quorum" ? "LOCAL_QUORUM" : "EACH_QUORUM";
}

/** Clamps a numeric quorum to 1..n; per-region specs stay as they are. */
export function clampQuorum<T extends QuorumSpec | undefined>(spec: T, n: number): T {
  return (typeof spec === "number" ? Math.max(1, Math.min(spec, n)) : spec) as T;
}
