import type { ConsistencyLevel, OperationType, QuorumSpec, ReadMode, ReplicationMode } from "../design/schema";

/** How a figure was computed: the formula, its inputs, and the whole line with numbers filled in. */
export interface Explanation {
  formula: string;
  inputs: Record<string, number | string | boolean | null>;
  /** e.g. `staleReadProbability = C(n−W, R)/C(n, R) = C(3,2)/C(5,2) = 0.3` */
  text: string;
  /** The analysis-model.md section that defines the figure. */
  section: string;
}

/**
 * What an operation needs (analysis-model.md, "What each operation needs"): a conjunction of
 * count conditions over the replicas that are up, plus, where stated, a specific node.
 */
export interface Need {
  /** The set the global count is over: the voting replicas (plus learners for follower reads). */
  members: string[];
  /** At least `k` of `members` up (0: no global condition). */
  k: number;
  /** Per region: at least `k` of the store's voting replicas in that region up (local-/each-quorum). */
  perRegion: { region: string; k: number }[];
  /** A specific node that must be up (the leader of a primary-* store), else null. */
  node: string | null;
}

export type Cap = "CP" | "AP" | "neither";
export type PacelcPartition = "PC" | "PA" | "mixed";
export type PacelcElse = "EC" | "EL";
export type Severity = "error" | "warning" | "info";
/** A quorum as the engine reports it: a number of replicas or a per-region majority spec. */
export type QuorumValue = QuorumSpec;

export interface StoreAnalysis {
  id: string;
  name: string;
  replication: ReplicationMode;
  n: number;
  majority: number;
  readQuorum: QuorumValue;
  writeQuorum: QuorumValue;
  toleratedWriteFailures: number;
  toleratedReadFailures: number;
  strongReads: boolean;
  /** PBS k = 1 for the store's default read; null when a spec involved is local-/each-quorum. */
  staleReadProbability: number | null;
  /** `${pacelcPartition}/${pacelcElse}`, e.g. "PA/EL"; null when no operation uses the store. */
  pacelc: string | null;
  pacelcPartition: PacelcPartition | null;
  pacelcElse: PacelcElse | null;
  /** Which of the store's operations are CP, AP and neither (ids). */
  capSplit: { cp: string[]; ap: string[]; neither: string[] };
  leader: string | null;
  readMode: ReadMode | null;
  learners: string[];
  /** Regions holding a voting replica, in replica order. */
  regions: string[];
  explain: Record<string, Explanation>;
}

/** PBS t-visibility (analysis-model.md, "PBS t-visibility"): P(fresh) t ms after the write's acknowledgement. */
export interface TVisibility {
  trials: number;
  points: { tMs: number; pFresh: number }[];
}

export interface OperationAnalysis {
  id: string;
  name: string;
  store: string;
  type: OperationType;
  requiredConsistency: ConsistencyLevel;
  clientRegion: string | null;
  /** The quorum spec the operation uses (leaderless and primary-sync writes), else null. */
  quorum: QuorumValue | null;
  /** The region local-quorum counts in (callers' region, else the coordinator's); null when not used or unknown. */
  localRegion: string | null;
  /** Null when the operation's local region is unknown (no round-trip time to any replica). */
  need: Need | null;
  cap: Cap | null;
  providedConsistency: ConsistencyLevel | null;
  satisfied: boolean | null;
  staleReadProbability: number | null;
  /** [1 − p^k for k = 1..5]: the probability the read returns one of the last k versions. */
  freshWithinVersions: number[] | null;
  durableAgainstFailures: number | null;
  survivesNodeFailures: number | null;
  survivesZoneLoss: boolean | null;
  survivesRegionLoss: boolean | null;
  leaderFailoverMs: number;
  latencyMs: number | null;
  latencySloMs: number | null;
  availability: number | null;
  availabilitySlo: number | null;
  tVisibility: TVisibility | null;
  tVisibilityP999Ms: number | null;
  /** Region pairs ("a|b") whose missing link made a figure of this operation unknown. */
  missingLinks: string[];
  explain: Record<string, Explanation>;
}

export interface Finding {
  /** Stable id, the file name under lib/analysis/rules/. */
  rule: string;
  severity: Severity;
  /** Id of the element the finding is about (operation, store, node or region). */
  target: string;
  message: string;
}

export interface ChecklistRow {
  id: string;
  title: string;
  status: "PASS" | "FAIL";
  reason: string;
}

export type Verdict = "SOUND" | "NEEDS_REVISION";
