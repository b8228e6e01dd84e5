import type { ConsistencyLevel, OperationType, ReadMode, ReplicationMode } from "../design/schema";

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
 * Which replicas an operation needs (analysis-model.md, "Quorums each operation needs"):
 * any `q` of them, the leader, or the leader plus `w − 1` others.
 */
export type Need =
  | { kind: "any"; q: number }
  | { kind: "leader"; leader: string }
  | { kind: "leader-plus"; leader: string; w: number };

export type Cap = "CP" | "AP";
export type Pacelc = "PC/EC" | "PA/EL" | "mixed";
export type Severity = "error" | "warning" | "info";

export interface StoreAnalysis {
  id: string;
  name: string;
  replication: ReplicationMode;
  n: number;
  majority: number;
  readQuorum: number;
  writeQuorum: number;
  toleratedWriteFailures: number;
  toleratedReadFailures: number;
  strongReads: boolean;
  staleReadProbability: number;
  pacelc: Pacelc | null;
  /** With `pacelc: "mixed"`: which operations are CP and which AP. */
  pacelcSplit: { cp: string[]; ap: string[] } | null;
  leader: string | null;
  readMode: ReadMode | null;
  /** Regions holding a replica, in replica order. */
  regions: string[];
  explain: Record<string, Explanation>;
}

export interface OperationAnalysis {
  id: string;
  name: string;
  store: string;
  type: OperationType;
  requiredConsistency: ConsistencyLevel;
  clientRegion: string | null;
  need: Need;
  cap: Cap;
  providedConsistency: ConsistencyLevel;
  satisfied: boolean;
  staleReadProbability: number | null;
  durableAgainstFailures: number | null;
  survivesNodeFailures: number;
  survivesZoneLoss: boolean | null;
  survivesRegionLoss: boolean;
  latencyMs: number | null;
  latencySloMs: number | null;
  availability: number;
  availabilitySlo: number | null;
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
