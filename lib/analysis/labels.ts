/**
 * How people name the figures and the inputs of their explanations. The engine's JSON keeps the
 * file's and the model's keys (`latencyMs`, `readMode`): scripts read them. A "why?" shows these
 * words instead.
 */

/** Figures by their JSON key (analysis-model.md, "Per store" / "Per operation"). */
export const FIGURE_LABELS: Readonly<Record<string, string>> = {
  cap: "CAP",
  providedConsistency: "provided consistency",
  latencyMs: "latency",
  leaderFailoverMs: "leader failover",
  availability: "availability",
  survivesNodeFailures: "survives node failures",
  survivesZoneLoss: "survives a zone loss",
  survivesRegionLoss: "survives a region loss",
  staleReadProbability: "stale-read probability",
  freshWithinVersions: "fresh within k versions",
  durableAgainstFailures: "durable against failures",
  tVisibility: "t-visibility",
  toleratedWriteFailures: "tolerated write failures",
  toleratedReadFailures: "tolerated read failures",
  strongReads: "strong reads",
  pacelc: "PACELC",
};

/** Inputs of explanations by their key; single letters are the model's own symbols. */
const INPUT_LABELS: Readonly<Record<string, string>> = {
  C: "C, the callers' region",
  L: "L, the leader",
  K: "K, the coordinator",
  clusterSize: "cluster size",
  singleNodeSufficient: "a single node is enough",
  sharedState: "nodes share state",
  eventualOk: "eventual consistency acceptable everywhere",
  presenceOnly: "presence / soft state only",
  readMode: "read mode",
  readRepair: "read repair",
  sloppyQuorum: "sloppy quorums",
  sessionGuarantees: "session guarantees",
  acknowledgedOn: "acknowledged on (replicas)",
  nodeAvailability: "node availability",
  regionAvailability: "region availability",
  jitterMs: "network jitter (ms)",
  weakestWrite: "weakest write",
  cp: "CP operations",
  ap: "AP operations",
  members: "replicas counted",
};

/** An explanation input as people name it ("readMode" → "read mode"); unknown keys as they are. */
export function inputLabel(key: string): string {
  return INPUT_LABELS[key] ?? key;
}

/**
 * Where the analysis model defines a figure, in words: "Per operation: latencyMs" → "Per
 * operation: latency" (the section names the spec's headings; the figure part is its JSON key).
 */
export function sectionLabel(section: string): string {
  const colon = section.indexOf(": ");
  if (colon < 0) return section;
  const figure = section.slice(colon + 2);
  return `${section.slice(0, colon)}: ${FIGURE_LABELS[figure] ?? figure}`;
}
