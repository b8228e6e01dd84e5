"use client";

import "./advisor.css";
import { useId, useMemo, useState } from "react";
import { SvgChart } from "@/components/charts/svg-chart";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { applyAdvice, type Advice, type SurvivalGoal } from "@/lib/analysis/advisor";
import { runTool } from "@/lib/client/tools";
import { beforeAfterChart } from "@/lib/charts/svg";
import type { Design } from "@/lib/design/schema";

const GOAL_LABEL: Record<SurvivalGoal, string> = { zone: "a zone", region: "a region" };

/**
 * The store inspector's placement advisor: the fewest voters, and where, for the store to survive
 * the loss of a zone or a region (lib/analysis/advisor.ts), shown as a before/after and applied in
 * one click (one undo step). Mount it with `key={storeId}` so another store starts afresh.
 */
export function PlacementAdvisor({ storeId }: { storeId: string }) {
  const studio = useStudioStore();
  const design = useStudio((s) => s.design);
  const readOnly = useStudio((s) => s.readOnly);
  const contextGoal = design.context?.survivalGoal;
  const [goal, setGoal] = useState<SurvivalGoal>(contextGoal === "region" ? "region" : "zone");
  const [result, setResult] = useState<{ advice: Advice; for: Design } | null>(null);
  const [working, setWorking] = useState(false);
  const uid = useId();
  // Advice is about the design it was asked for: an edit (or an undo) makes it stale.
  const stale = result !== null && result.for !== design;

  const [failure, setFailure] = useState<string | null>(null);
  const ask = () => {
    setWorking(true);
    setFailure(null);
    // In a worker: a large drawing takes a moment to search, and the canvas stays live meanwhile.
    const current = studio.getState().design;
    runTool({ kind: "advise", design: current, storeId, goal }).then(
      (advice) => setResult({ advice, for: current }),
      (error: Error) => setFailure(`The advisor failed: ${error.message}`),
    ).finally(() => setWorking(false));
  };

  return (
    <section className="advisor" aria-labelledby={`${uid}-h`} data-testid="placement-advisor">
      <h3 id={`${uid}-h`}>Placement advisor</h3>
      <fieldset className="advisor-goal">
        <legend>Survive the loss of</legend>
        {(["zone", "region"] as const).map((g) => (
          <label key={g}>
            <input type="radio" name={`${uid}-goal`} value={g} checked={goal === g} onChange={() => setGoal(g)} /> {GOAL_LABEL[g]}
          </label>
        ))}
        <button type="button" className="btn small" onClick={ask} disabled={working}>
          {working ? "Working…" : result && !stale ? "Ask again" : "Advise"}
        </button>
      </fieldset>
      {failure && (
        <p className="advisor-impossible" role="alert">
          {failure}
        </p>
      )}
      {result && stale && (
        <p className="muted" role="status">
          The design changed since this advice; ask again.
        </p>
      )}
      {result && !stale && <AdviceView advice={result.advice} design={result.for} readOnly={readOnly} onApply={(advice) => {
        studio.getState().edit((d) => applyAdvice(d, advice));
        studio.getState().showToast("Placement applied — Ctrl+Z undoes it");
      }} />}
    </section>
  );
}

function AdviceView({ advice, design, readOnly, onApply }: { advice: Advice; design: Design; readOnly: boolean; onApply: (a: Extract<Advice, { ok: true }>) => void }) {
  const chart = useMemo(() => {
    if (!advice.ok) return "";
    const ops = Object.keys(advice.after.latencyMs);
    const name = (id: string) => design.operations?.find((o) => o.id === id)?.name ?? id;
    return beforeAfterChart(
      ops.map((id) => ({ name: name(id), before: advice.before.latencyMs[id] ?? null, after: advice.after.latencyMs[id] ?? null })),
      { title: "Latency per operation, before and after", unit: "ms", width: 320 },
    );
  }, [advice, design]);
  if (!advice.ok) {
    return (
      <p className="advisor-impossible" role="status" data-testid="advice-reason">
        {advice.reason}
      </p>
    );
  }
  const regionName = (id: string) => design.regions?.find((r) => r.id === id)?.name ?? id;
  const yes = (v: boolean | null) => (v === null ? "n/a" : v ? "✔" : "✖");
  return (
    <div className="advice" role="status" data-testid="advice">
      <p className="advice-headline">
        <strong>{advice.voters} voters</strong>:{" "}
        {Object.entries(advice.placement)
          .map(([r, zones]) => `${Object.values(zones).reduce((a, b) => a + b, 0)} in ${regionName(r)}${advice.leader?.region === r ? " (leader)" : ""}`)
          .join(", ")}
        {advice.unchanged && <span className="muted"> — already placed like this</span>}
      </p>
      <table className="grid advice-figures">
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col">now</th>
            <th scope="col">advised</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">voters</th>
            <td>{advice.before.voters}</td>
            <td>{advice.after.voters}</td>
          </tr>
          <tr>
            <th scope="row">zone loss</th>
            <td>{yes(advice.before.survives.zoneLoss)}</td>
            <td>{yes(advice.after.survives.zoneLoss)}</td>
          </tr>
          <tr>
            <th scope="row">region loss</th>
            <td>{yes(advice.before.survives.regionLoss)}</td>
            <td>{yes(advice.after.survives.regionLoss)}</td>
          </tr>
        </tbody>
      </table>
      {chart && <SvgChart svg={chart} testId="advice-chart" />}
      <details className="advice-why">
        <summary>Why this placement</summary>
        <ul>
          {advice.why.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </details>
      {advice.changes.length > 0 && (
        <ul className="advice-changes" aria-label="What applying it does">
          {advice.changes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {!readOnly && !advice.unchanged && (
        <button type="button" className="btn primary small" onClick={() => onApply(advice)}>
          Apply this placement
        </button>
      )}
    </div>
  );
}
