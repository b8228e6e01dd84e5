/**
 * The CPU-heavy steps of requests, as plain functions of plain data: they run in the engine's
 * worker threads (lib/server/engine.ts), so a big design never holds up the server's event loop.
 * Each takes structured-cloneable input and returns structured-cloneable output.
 */
import { analyze } from "../analysis/index";
import type { Verdict } from "../analysis/types";
import { nodeCount } from "../design/commands";
import { diffDesigns, onlyLayoutChanged, summarizeChanges } from "../design/diff";
import type { Design } from "../design/schema";
import { canonicalDesign } from "../design/serialize";
import { adviseBody, analyzeBody, simulateBody } from "./analysis";
import { requireDesign } from "./require-design";

/** The cached summary the designs list shows, derived from the document on every save. */
export interface DesignListSummary {
  name: string;
  nodeCount: number;
  verdict: Verdict;
  errors: number;
  warnings: number;
}

export function summaryOf(document: Design): DesignListSummary {
  const analysis = analyze(document);
  return { name: document.name, nodeCount: nodeCount(document), verdict: analysis.verdict, errors: analysis.counts.errors, warnings: analysis.counts.warnings };
}

/** What a save computes before its transaction: the canonical document, the list's summary, the revision's change line. */
export interface PreparedVersion {
  document: Design;
  summary: DesignListSummary;
  changeLine: string | null;
  restoredFrom?: number;
  /** Against `previous`, only positions or frame sizes moved (or nothing did). */
  layoutOnly: boolean;
  /** The change line against `keptBefore`, for when this save folds into the latest revision. */
  foldedChangeLine: string | null;
}

export interface PrepareInput {
  /** The document as received (validated here; problems carry `prefix`). */
  input: unknown;
  prefix?: string;
  /** The version it replaces (null for a new design). */
  previous: Design | null;
  restoredFrom?: number;
  /**
   * The revision before the one this save may fold into (docs/adr/0003-revision-coalescing.md):
   * a folded row's change line is computed against it. Null when folding is out of the question.
   */
  keptBefore?: Design | null;
}

/** Validates a document and computes everything its save writes. */
export function prepareVersion({ input, prefix = "", previous, restoredFrom, keptBefore = null }: PrepareInput): PreparedVersion {
  const document = canonicalDesign(requireDesign(input, prefix));
  const diff = previous ? diffDesigns(previous, document) : null;
  const changes = diff ? summarizeChanges(diff) : null;
  const changeLine = restoredFrom !== undefined ? `Restored version ${restoredFrom}${changes ? ` (${changes})` : ""}` : changes;
  const foldedChangeLine = keptBefore ? summarizeChanges(diffDesigns(keptBefore, document)) : null;
  return {
    document,
    summary: summaryOf(document),
    changeLine,
    layoutOnly: diff !== null && onlyLayoutChanged(diff),
    foldedChangeLine,
    ...(restoredFrom !== undefined ? { restoredFrom } : {}),
  };
}

export const ENGINE_JOBS = {
  analyze: analyzeBody,
  simulate: simulateBody,
  advise: adviseBody,
  prepare: prepareVersion,
};

export type JobKind = keyof typeof ENGINE_JOBS;
export type JobInput<K extends JobKind> = Parameters<(typeof ENGINE_JOBS)[K]>[0];
export type JobResult<K extends JobKind> = ReturnType<(typeof ENGINE_JOBS)[K]>;
