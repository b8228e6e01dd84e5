/**
 * Quorum specs of leaderless stores (analysis-model.md, "Quorum specs" and "Quorum
 * intersection"): a number Q, `local-quorum` (majority of the local region's replicas) or
 * `each-quorum` (a majority in every region holding replicas).
 */
import type { QuorumSpec } from "../design/schema";
import { majority } from "./math";
import type { ResolvedStore } from "./model";

/** A spec with the local region it is evaluated in. */
export interface PlacedSpec {
  spec: QuorumSpec;
  local: string | null;
}

const majorityIn = (s: ResolvedStore, region: string | null) => majority(region === null ? 0 : (s.byRegion.get(region)?.length ?? 0));
const sumOfMajorities = (s: ResolvedStore) => [...s.byRegion.values()].reduce((sum, members) => sum + majority(members.length), 0);

/** How many replicas a write with this spec is acknowledged on (numbers: Q; local: majority(n_L); each: Σ majority(n_g)). */
export function ackedOn(s: ResolvedStore, x: PlacedSpec): number | null {
  if (typeof x.spec === "number") return x.spec;
  if (x.spec === "local-quorum") return x.local === null ? null : majorityIn(s, x.local);
  return sumOfMajorities(s);
}

/** True when every quorum of spec X meets every quorum of spec Y (the intersection table). */
export function intersects(s: ResolvedStore, x: PlacedSpec, y: PlacedSpec): boolean {
  const n = s.n;
  const num = (a: PlacedSpec, b: PlacedSpec): boolean | undefined => {
    if (typeof a.spec !== "number") return undefined;
    if (typeof b.spec === "number") return a.spec + b.spec > n;
    if (b.spec === "local-quorum") return b.local !== null && a.spec > n - majorityIn(s, b.local);
    return a.spec > n - sumOfMajorities(s);
  };
  const byNumber = num(x, y) ?? num(y, x);
  if (byNumber !== undefined) return byNumber;
  if (x.spec === "local-quorum" && y.spec === "local-quorum") return x.local !== null && x.local === y.local;
  return true; // each-quorum with local-quorum or each-quorum
}

/** "2", "local-quorum (use1)", "each-quorum". */
export function describeSpec(x: PlacedSpec): string {
  if (typeof x.spec === "number") return String(x.spec);
  if (x.spec === "local-quorum") return `LOCAL_QUORUM${x.local ? ` (${x.local})` : ""}`;
  return "EACH_QUORUM";
}

/** Cassandra's names for the specs, as its users know them. */
export function specLabel(spec: QuorumSpec): string {
  return typeof spec === "number" ? String(spec) : spec === "local-quorum" ? "LOCAL_QUORUM" : "EACH_QUORUM";
}
