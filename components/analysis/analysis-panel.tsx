"use client";

import "@/components/advisor/advisor.css";
import dynamic from "next/dynamic";
import { memo, useState } from "react";
import { Why } from "@/components/analysis/why";
import { useFocusElement } from "@/components/studio/use-focus-element";
import { CommentIcon } from "@/components/icons";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { useShowMore } from "@/components/show-more";
import { findingLabel } from "@/lib/design/names";
import { LADDER } from "@/lib/analysis/escalation";
import type { Analysis } from "@/lib/analysis/index";
import type { Finding, StoreAnalysis } from "@/lib/analysis/types";
import { formatProbability, PACELC_ELSE_MEANING, PACELC_PARTITION_MEANING } from "@/lib/client/format";
import { storeColor } from "@/lib/canvas/store-colors";
import { quorumLabel } from "@/lib/design/quorum";
import { findingTargetId } from "@/lib/review/targets";

const SEVERITY_ICON = { error: "✖", warning: "▲", info: "ℹ" } as const;

/** The live analysis: verdict, checklist, findings, quorum cards, ladder and recommendations. */
export function AnalysisPanel() {
  const analysis = useStudio((s) => s.analysis);
  const ms = useStudio((s) => s.analysisMs);
  const analysedName = useStudio((s) => s.analyzed?.name);
  const pbs = useStudio((s) => s.pbs);
  if (!analysis) return <p className="muted">Analysing…</p>;
  return (
    <div className="analysis-panel" data-testid="analysis-panel">
      <div className="analysis-col">
        <Verdict analysis={analysis} />
        {ms !== null && (
          <small className="muted" data-testid="analysis-ms" data-for={analysedName} data-ms={ms}>
            Analysed {ms < 1 ? "in under 1 ms" : `in ${ms.toFixed(1)} ms`} after the last change.
          </small>
        )}
        <PbsStatus pending={pbs.pending.length} computeMs={pbs.computeMs} trials={analysis.operations.find((o) => o.tVisibility)?.tVisibility?.trials ?? null} />
        <Findings findings={analysis.findings} />
        <Checklist analysis={analysis} />
      </div>
      <div className="analysis-col">
        <Charts analysis={analysis} />
        <QuorumCards stores={analysis.stores} opNames={opNamesOf(analysis)} />
        <Ladder analysis={analysis} />
        <Recommendations analysis={analysis} />
      </div>
    </div>
  );
}

/** Where PBS t-visibility stands: it runs in a background worker after the analysis. */
function PbsStatus({ pending, computeMs, trials }: { pending: number; computeMs: number | null; trials: number | null }) {
  if (pending > 0)
    return (
      <small className="muted computing" role="status" data-testid="pbs-status">
        t-visibility (PBS Monte Carlo) for {pending} read{pending === 1 ? "" : "s"}: computing in the background…
      </small>
    );
  if (trials === null) return null;
  return (
    <small className="muted" data-testid="pbs-status" data-compute-ms={computeMs ?? undefined}>
      t-visibility: {trials.toLocaleString("en-US")} Monte Carlo trials per read{computeMs !== null ? `, ${computeMs < 10 ? computeMs.toFixed(1) : Math.round(computeMs)} ms in a background worker` : ""}.
    </small>
  );
}

function Verdict({ analysis }: { analysis: Analysis }) {
  const sound = analysis.verdict === "SOUND";
  const failed = analysis.checklist.filter((c) => c.status === "FAIL").length;
  return (
    <section className={`verdict-card ${sound ? "ok" : "bad"}`} aria-label="Verdict">
      <strong>{sound ? "✔ SOUND" : "✖ NEEDS REVISION"}</strong>
      <span>
        {analysis.counts.errors} error{analysis.counts.errors === 1 ? "" : "s"} · {analysis.counts.warnings} warning{analysis.counts.warnings === 1 ? "" : "s"} · {failed} checklist row
        {failed === 1 ? "" : "s"} failing
      </span>
      <small>SOUND needs no error finding and every checklist row passing.</small>
    </section>
  );
}

/** Operation names by id, so cards name operations as the user does. */
function opNamesOf(analysis: Analysis): Record<string, string> {
  return Object.fromEntries(analysis.operations.map((o) => [o.id, o.name]));
}


/** Re-render a section only when its data changed (each analysis is a new object). */
const sameJson = <P extends object>(a: P, b: P) => JSON.stringify(a) === JSON.stringify(b);

const Findings = memo(FindingsView, sameJson);
/** The charts (and d3) load when the Analysis tab first shows them, not with the studio. */
const SloCharts = dynamic(() => import("./slo-charts"), { ssr: false, loading: () => <section aria-label="Charts" className="analysis-charts" /> });
const Charts = memo(SloCharts, (a, b) => sameJson(chartInputs(a.analysis), chartInputs(b.analysis)));

/** What the two charts read: an edit that changes none of it redraws nothing. */
const chartInputs = (a: Analysis) => a.operations.map((o) => [o.name, o.latencyMs, o.latencySloMs, o.availability, o.availabilitySlo]);
const Checklist = memo(ChecklistView, (a, b) => sameJson(a.analysis.checklist, b.analysis.checklist));
const QuorumCards = memo(QuorumCardsView, sameJson);
const Recommendations = memo(RecommendationsView, (a, b) => sameJson(a.analysis.recommendations, b.analysis.recommendations));

/**
 * Long lists (a large design can have hundreds of findings and stores) show their first items and
 * a button for the rest, so the panel stays quick to open and to update while editing.
 */
function FindingsView({ findings }: { findings: Finding[] }) {
  return (
    <section aria-label="Findings">
      <h3>Findings</h3>
      {findings.length === 0 && <p className="muted">No findings.</p>}
      {(["error", "warning", "info"] as const).map((severity) => {
        const group = findings.filter((f) => f.severity === severity);
        return group.length === 0 ? null : <FindingGroup key={severity} severity={severity} group={group} />;
      })}
    </section>
  );
}

function FindingGroup({ severity, group }: { severity: Finding["severity"]; group: Finding[] }) {
  const focus = useFocusElement();
  const store = useStudioStore();
  const canComment = useStudio((s) => s.viewer.kind !== "preview");
  const design = useStudio((s) => s.design);
  const { shown, more } = useShowMore(group, 50);
  return (
    <>
      <ul className="findings" aria-label={`${severity}s`}>
        {shown.map((f, i) => (
          <li key={`${f.rule}-${f.target}-${i}`}>
            <button type="button" className={`finding ${severity}`} onClick={() => focus(f.target)} title="Show the element" data-finding={`${f.rule}:${f.target}`}>
              <span className="sev" aria-label={severity}>
                {SEVERITY_ICON[severity]}
              </span>
              <span>
                <code className="rule">{f.rule}</code>
                <span className="message">{f.message}</span>
              </span>
            </button>
            {canComment && (
              <button
                type="button"
                className="btn small finding-comment"
                aria-label={`Comment on the ${findingLabel(design, f)} finding`}
                title="Comment on this finding"
                onClick={() => store.getState().commentOn({ kind: "finding", id: findingTargetId(f.rule, f.target) })}
              >
                <CommentIcon />
              </button>
            )}
          </li>
        ))}
      </ul>
      {more}
    </>
  );
}

function ChecklistView({ analysis }: { analysis: Analysis }) {
  return (
    <section aria-label="Checklist">
      <h3>Checklist</h3>
      <table className="checklist">
        <tbody>
          {analysis.checklist.map((c) => (
            <tr key={c.id} data-status={c.status}>
              <td className="status">{c.status === "PASS" ? "✔ PASS" : "✖ FAIL"}</td>
              <th scope="row">{c.title}</th>
              <td className="muted">{c.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function QuorumCardsView({ stores, opNames }: { stores: StoreAnalysis[]; opNames: Record<string, string> }) {
  const setFocus = useStudio((s) => s.setFocus);
  const { shown, more } = useShowMore(stores, 24);
  if (stores.length === 0) return <p className="muted">No stores yet: select nodes on the canvas and “Make store”.</p>;
  const names = (ids: string[]) => ids.map((id) => opNames[id] ?? id).join(", ");
  return (
    <section aria-label="Quorum cards">
      <h3>Stores</h3>
      <div className="quorum-cards">
        {shown.map((s, i) => (
          <article key={s.id} className="quorum-card" style={{ borderTopColor: storeColor(i) }} aria-label={`Store ${s.name}`}>
            <header>
              <button type="button" className="link" onClick={() => setFocus({ type: "store", id: s.id })}>
                {s.name}
              </button>
              <span className="muted">{s.replication}</span>
            </header>
            <dl>
              <dt>PACELC</dt>
              <dd data-testid="pacelc">
                {s.pacelcPartition && s.pacelcElse ? (
                  <>
                    <span className={`pacelc-half ${s.pacelcPartition.toLowerCase()}`} title={`${s.pacelcPartition}: ${PACELC_PARTITION_MEANING[s.pacelcPartition]}`}>
                      {s.pacelcPartition}
                    </span>{" "}
                    /{" "}
                    <span className={`pacelc-half ${s.pacelcElse.toLowerCase()}`} title={`${s.pacelcElse}: ${PACELC_ELSE_MEANING[s.pacelcElse]}`}>
                      {s.pacelcElse}
                    </span>
                  </>
                ) : (
                  <span className="muted" title="No operation uses this store">–</span>
                )}{" "}
                <Why explain={s.explain.pacelc} />
              </dd>
              <dt>CAP split</dt>
              <dd className="cap-split" data-testid="cap-split">
                {s.capSplit.cp.length + s.capSplit.ap.length + s.capSplit.neither.length === 0 && <span className="muted">no operations</span>}
                {(["cp", "ap", "neither"] as const).map((k) =>
                  s.capSplit[k].length > 0 ? (
                    <span key={k} className="cap-group">
                      <span className={`pill ${k}`}>{k === "neither" ? "neither" : k.toUpperCase()}</span> {names(s.capSplit[k])}
                    </span>
                  ) : null,
                )}
              </dd>
              <dt>n</dt>
              <dd>
                {s.n} voting{s.learners.length > 0 ? ` + ${s.learners.length} learner${s.learners.length === 1 ? "" : "s"}` : ""} <Why explain={s.explain.n} />
              </dd>
              <dt>majority</dt>
              <dd>
                {s.majority} <Why explain={s.explain.majority} />
              </dd>
              <dt>R / W</dt>
              <dd>
                {quorumLabel(s.readQuorum)} <Why explain={s.explain.readQuorum} label="R?" /> / {quorumLabel(s.writeQuorum)} <Why explain={s.explain.writeQuorum} label="W?" />
              </dd>
              <dt>tolerates</dt>
              <dd>
                {s.toleratedWriteFailures} write / {s.toleratedReadFailures} read failures <Why explain={s.explain.toleratedWriteFailures} />
              </dd>
              <dt>reads meet writes</dt>
              <dd>
                {s.strongReads ? "yes" : "no"} <Why explain={s.explain.strongReads} />
              </dd>
              <dt>stale read</dt>
              <dd>
                <span title={s.staleReadProbability === null ? undefined : String(s.staleReadProbability)}>{formatProbability(s.staleReadProbability)}</span> <Why explain={s.explain.staleReadProbability} />
              </dd>
            </dl>
          </article>
        ))}
      </div>
      {more}
    </section>
  );
}

function Ladder({ analysis }: { analysis: Analysis }) {
  return (
    <section aria-label="Escalation ladder">
      <h3>
        Escalation level {analysis.escalationLevel}: {analysis.escalation.title} <Why explain={analysis.escalation.explain} />
      </h3>
      <ol className="ladder" start={0}>
        {LADDER.map((step) => (
          <li key={step.level} className={step.level === analysis.escalationLevel ? "current" : undefined}>
            <strong>{step.title}</strong> — {step.meaning}
          </li>
        ))}
      </ol>
    </section>
  );
}

function RecommendationsView({ analysis }: { analysis: Analysis }) {
  const r = analysis.recommendations;
  const [chaosOpen, setChaosOpen] = useState(false);
  // Stores by the names the user gave them (the engine keys everything by id).
  const stores = useStudio((st) => st.design.stores);
  const storeName = (id: string) => stores?.find((st) => st.id === id)?.name ?? id;
  const items: { title: string; choice: string; reasons: string[] }[] = [
    ...r.consensus.map((c) => ({ title: `Consensus for ${storeName(c.store)}`, choice: c.choice, reasons: c.reasons })),
    ...r.locks.map((c) => ({ title: `Lock service for ${storeName(c.store)}`, choice: c.choice, reasons: c.reasons })),
    ...r.leaderElection.map((c) => ({ title: `Leader election for ${storeName(c.store)}`, choice: c.choice, reasons: c.reasons })),
    ...r.conflictResolution.map((c) => ({ title: `Conflict resolution for ${storeName(c.store)}`, choice: c.choice, reasons: c.reasons })),
    ...r.partitioning.map((c) => ({ title: `Partitioning for ${storeName(c.store)}`, choice: c.choice, reasons: c.reasons })),
  ];
  const { shown, more } = useShowMore(items, 30);
  const plans = useShowMore(r.partitionPlans, 30);
  return (
    <section aria-label="Recommendations">
      <h3>Recommendations</h3>
      {items.length === 0 && <p className="muted">Add stores and operations to get recommendations.</p>}
      <ul className="recommendations">
        {shown.map((item, i) => (
          <li key={`${i}:${item.title}`}>
            <strong>{item.title}:</strong> {item.choice}
            <ul>
              {item.reasons.map((reason) => (
                <li key={reason} className="muted">
                  {reason}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {more}
      {r.partitionPlans.length > 0 && (
        <>
          <h3>Partition handling</h3>
          <table className="plan">
            <thead>
              <tr>
                <th>store</th>
                <th>detection</th>
                <th>during a partition</th>
                <th>healing</th>
              </tr>
            </thead>
            <tbody>
              {plans.shown.map((p) => (
                <tr key={p.store}>
                  <td>{storeName(p.store)}</td>
                  <td title={p.detection.reasons.join(" ")}>{p.detection.choice}</td>
                  <td title={p.during.reasons.join(" ")}>{p.during.choice}</td>
                  <td title={p.healing.reasons.join(" ")}>{p.healing.choice}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plans.more}
        </>
      )}
      {r.chaosPlan.length > 0 && (
        <>
          <button type="button" className="btn small" aria-expanded={chaosOpen} onClick={() => setChaosOpen((v) => !v)}>
            {chaosOpen ? "Hide" : "Show"} chaos test plan ({r.chaosPlan.length} experiments)
          </button>
          {chaosOpen && (
            <table className="plan">
              <tbody>
                {r.chaosPlan.map((e) => (
                  <tr key={e.id}>
                    <td>{e.domain}</td>
                    <td>{e.action}</td>
                    <td className="muted">expect: {e.expectation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
