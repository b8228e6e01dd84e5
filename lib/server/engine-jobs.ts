/**
 * The CPU-heavy steps of requests, as plain functions of plain data: they run in the engine's
 * worker threads (lib/server/engine.ts), so a big design never holds up the server's event loop.
 * Each takes structured-cloneable input and returns structured-cloneable output.
 */
import { analyze } from "../analysis/index";
import type { Verdict } from "../analysis/types";
import { nodeCount } from "../design/commands";
import { diffDesigns, summarizeChanges } from "../design/diff";
import type { Design } from "../design/schema";
import { canonicalDesign } from "../design/serialize";
import { analyzeBody, simulateBody } from "./analysis";
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
}

export interface PrepareInput {
  /** The document as received (validated here; problems carry `prefix`). */
  input: unknown;
  prefix?: string;
  /** The version it replaces (null for a new design). */
  previous: Design | null;
  restoredFrom?: number;
}

/** Validates a document and computes everything its save writes. */
export function prepareVersion({ input, prefix = "", previous, restoredFrom }: PrepareInput): PreparedVersion {
  const document = canonicalDesign(requireDesign(input, prefix));
  const changes = previous ? summarizeChanges(diffDesigns(previous, document)) : null;
  const changeLine = restoredFrom !== undefined ? `Restored version ${restoredFrom}${changes ? ` (${changes})` : ""}` : changes;
  return { document, summary: summaryOf(document), changeLine, ...(restoredFrom !== undefined ? { restoredFrom } : {}) };
}

export const ENGINE_JOBS = {
  analyze: analyzeBody,
  simulate: simulateBody,
  prepare: prepareVersion,
};

export type JobKind = keyof typeof ENGINE_JOBS;
export type JobInput<K extends JobKind> = Parameters<(typeof ENGINE_JOBS)[K]>[0];
export type JobResult<K extends JobKind> = ReturnType<(typeof ENGINE_JOBS)[K]>;
