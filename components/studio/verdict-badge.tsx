"use client";

import { useStudio } from "./studio-context";

/** SOUND / NEEDS REVISION with the error and warning counts; opens the analysis. */
export function VerdictBadge() {
  const analysis = useStudio((s) => s.analysis);
  const setTab = useStudio((s) => s.setTab);
  if (!analysis) return null;
  const sound = analysis.verdict === "SOUND";
  return (
    <button
      type="button"
      className={`verdict-badge ${sound ? "ok" : "bad"}`}
      data-testid="verdict"
      onClick={() => setTab("analysis")}
      title="Open the analysis"
    >
      {sound ? "✔ SOUND" : "✖ NEEDS REVISION"}
      <span className="counts">
        {analysis.counts.errors} error{analysis.counts.errors === 1 ? "" : "s"} · {analysis.counts.warnings} warning{analysis.counts.warnings === 1 ? "" : "s"}
      </span>
    </button>
  );
}
