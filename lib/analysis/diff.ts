/**
 * What changed in the analysis between two versions of a design: the verdict, the findings that
 * appeared or disappeared, and per operation the figures a reviewer cares about (latency,
 * availability, whether its consistency is satisfied, CAP, survival). Pure and deterministic.
 */
import type { Analysis } from "./index";
import type { Finding, OperationAnalysis } from "./types";

export interface FigureChange<T> {
  before: T;
  after: T;
}

export interface OperationDiff {
  id: string;
  name: string;
  status: "added" | "removed" | "changed";
  latencyMs?: FigureChange<number | null>;
  availability?: FigureChange<number | null>;
  satisfied?: FigureChange<boolean | null>;
  providedConsistency?: FigureChange<string | null>;
  cap?: FigureChange<string | null>;
  survivesZoneLoss?: FigureChange<boolean | null>;
  survivesRegionLoss?: FigureChange<boolean | null>;
  staleReadProbability?: FigureChange<number | null>;
}

export interface AnalysisDiff {
  /** Set only when the verdict changed; `verdicts` always holds both. */
  verdict: FigureChange<Analysis["verdict"]> | null;
  verdicts: FigureChange<Analysis["verdict"]>;
  escalationLevel: FigureChange<number> | null;
  counts: FigureChange<Analysis["counts"]>;
  /** Findings present only in the newer analysis (the change introduced them). */
  appeared: Finding[];
  /** Findings present only in the older analysis (the change fixed them). */
  disappeared: Finding[];
  operations: OperationDiff[];
  /** True when nothing above differs. */
  same: boolean;
}

/** A finding's identity across versions: its rule and target (messages carry figures that move). */
export const findingKey = (f: Finding) => `${f.rule}\u0000${f.target}`;

/** Relative tolerance for floating-point figures, so recomputation noise is not a "change". */
const EPSILON = 1e-12;
const sameNumber = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b)));

const FIGURES = ["latencyMs", "availability", "satisfied", "providedConsistency", "cap", "survivesZoneLoss", "survivesRegionLoss", "staleReadProbability"] as const;
type Figure = (typeof FIGURES)[number];

function operationDiff(before: OperationAnalysis, after: OperationAnalysis): OperationDiff | null {
  const diff: OperationDiff = { id: after.id, name: after.name, status: "changed" };
  let changed = false;
  for (const figure of FIGURES) {
    const a = before[figure];
    const b = after[figure];
    const same = typeof a === "number" || typeof b === "number" ? sameNumber(a as number | null, b as number | null) : a === b;
    if (!same) {
      (diff as unknown as Record<Figure, FigureChange<unknown>>)[figure] = { before: a, after: b };
      changed = true;
    }
  }
  return changed ? diff : null;
}

/** The analysis diff from `before` (older) to `after` (newer). */
export function diffAnalyses(before: Analysis, after: Analysis): AnalysisDiff {
  const beforeKeys = new Set(before.findings.map(findingKey));
  const afterKeys = new Set(after.findings.map(findingKey));
  const appeared = after.findings.filter((f) => !beforeKeys.has(findingKey(f)));
  const disappeared = before.findings.filter((f) => !afterKeys.has(findingKey(f)));

  const older = new Map(before.operations.map((op) => [op.id, op]));
  const newer = new Map(after.operations.map((op) => [op.id, op]));
  const operations: OperationDiff[] = [];
  for (const op of after.operations) {
    const old = older.get(op.id);
    if (!old) operations.push({ id: op.id, name: op.name, status: "added" });
    else {
      const diff = operationDiff(old, op);
      if (diff) operations.push(diff);
    }
  }
  for (const op of before.operations) if (!newer.has(op.id)) operations.push({ id: op.id, name: op.name, status: "removed" });

  const verdict = before.verdict === after.verdict ? null : { before: before.verdict, after: after.verdict };
  const escalationLevel = before.escalationLevel === after.escalationLevel ? null : { before: before.escalationLevel, after: after.escalationLevel };
  return {
    verdict,
    verdicts: { before: before.verdict, after: after.verdict },
    escalationLevel,
    counts: { before: before.counts, after: after.counts },
    appeared,
    disappeared,
    operations,
    same: !verdict && !escalationLevel && appeared.length === 0 && disappeared.length === 0 && operations.length === 0,
  };
}
