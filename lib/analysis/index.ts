/**
 * `analyze(design)`: every figure of analysis-model.md, the findings, the checklist, the verdict,
 * the escalation level and the recommendations — pure and deterministic, shared by the studio,
 * the HTTP API, the CLI and a Web Worker.
 *
 * @example
 * const result = analyze(design);
 * if (result.verdict === "NEEDS_REVISION") console.log(result.findings);
 */
import type { Design } from "../design/schema";
import { buildChecklist } from "./checklist";
import { escalationLevel, LADDER } from "./escalation";
import { analyzeOperation, analyzeStore, needFigures, type NeedCache } from "./figures";
import { buildModel } from "./model";
import { tVisibilities, type PbsOptions } from "./pbs";
import { recommend, type Recommendations } from "./recommendations";
import { RULES } from "./rules/index";
import type { RuleContext } from "./rules/rule";
import type { ChecklistRow, Explanation, Finding, OperationAnalysis, StoreAnalysis, TVisibility, Verdict } from "./types";

export interface Analysis {
  verdict: Verdict;
  escalationLevel: number;
  escalation: { level: number; title: string; meaning: string; explain: Explanation };
  stores: StoreAnalysis[];
  operations: OperationAnalysis[];
  findings: Finding[];
  checklist: ChecklistRow[];
  recommendations: Recommendations;
  counts: { errors: number; warnings: number; infos: number };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export interface AnalyzeOptions {
  /**
   * Run PBS t-visibility (Monte Carlo) for the reads it applies to. Off by default: the studio
   * runs it in a Web Worker and merges it (`withTVisibility`); the CLI and the HTTP API turn it on.
   */
  pbs?: PbsOptions | false;
}

export function analyze(design: Design, options: AnalyzeOptions = {}): Analysis {
  const model = buildModel(design);
  const cache: NeedCache = new Map();
  const pbs = options.pbs ? tVisibilities(model, options.pbs) : undefined;
  const operations = model.operations.map((rop) => analyzeOperation(model, rop, { cache, pbs }));
  const opsOf = new Map<string, OperationAnalysis[]>();
  for (const o of operations) {
    const list = opsOf.get(o.store);
    if (list) list.push(o);
    else opsOf.set(o.store, [o]);
  }
  const stores = [...model.stores.values()].map((s) => analyzeStore(model, s, opsOf.get(s.id) ?? []));
  const missingPairs = [...new Set(operations.flatMap((o) => o.missingLinks))].sort();
  const fatalDomains = (o: OperationAnalysis, domain: "zone" | "region") => {
    const s = model.stores.get(o.store)!;
    if (o.need === null) return [];
    const figures = needFigures(model, s.id, o.need, s.sloppy, cache);
    return domain === "zone" ? figures.zones.fatal : figures.regions.fatal;
  };
  const ctx: RuleContext = { model, stores, operations, missingPairs, fatalDomains };
  const findings = RULES.flatMap((rule) => rule.check(ctx)).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const recommendations = recommend(model, stores, operations);
  const checklist = buildChecklist(ctx, findings, recommendations);
  const escalation = escalationLevel(design);
  const counts = {
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    infos: findings.filter((f) => f.severity === "info").length,
  };
  const verdict: Verdict = counts.errors === 0 && checklist.every((c) => c.status === "PASS") ? "SOUND" : "NEEDS_REVISION";
  return {
    verdict,
    escalationLevel: escalation.level,
    escalation: { level: escalation.level, title: LADDER[escalation.level].title, meaning: LADDER[escalation.level].meaning, explain: escalation.explain },
    stores,
    operations,
    findings,
    checklist,
    recommendations,
    counts,
  };
}

/**
 * PBS t-visibility of every read it applies to, by operation id (pure; the studio runs it in a
 * Web Worker so typing never waits for it, then merges it with `withTVisibility`).
 */
export function tVisibilityOf(design: Design, options: PbsOptions = {}): Record<string, TVisibility> {
  return Object.fromEntries(tVisibilities(buildModel(design), options));
}

/** The analysis with t-visibility figures filled in (operations without one keep null). */
export function withTVisibility(analysis: Analysis, design: Design, byOperation: Readonly<Record<string, TVisibility>>): Analysis {
  const model = buildModel(design);
  const pbs = new Map(Object.entries(byOperation));
  const cache: NeedCache = new Map();
  const fresh = new Map(model.operations.filter((rop) => pbs.has(rop.op.id)).map((rop) => [rop.op.id, analyzeOperation(model, rop, { cache, pbs })]));
  if (fresh.size === 0) return analysis;
  return {
    ...analysis,
    operations: analysis.operations.map((o) => {
      const f = fresh.get(o.id);
      return f ? { ...o, tVisibility: f.tVisibility, tVisibilityP999Ms: f.tVisibilityP999Ms, explain: { ...o.explain, tVisibility: f.explain.tVisibility } } : o;
    }),
  };
}
