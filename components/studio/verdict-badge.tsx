"use client";

import { useStudio } from "./studio-context";

/** SOUND / NEEDS REVISION with what makes it so (errors, warnings, failing checks); opens the analysis. */
export function VerdictBadge() {
  const analysis = useStudio((s) => s.analysis);
  const setTab = useStudio((s) => s.setTab);
  if (!analysis) return null;
  const sound = analysis.verdict === "SOUND";
  const { errors, warnings } = analysis.counts;
  const failing = analysis.checklist.filter((c) => c.status !== "PASS").length;
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
        {plural(errors, "error")} · {plural(warnings, "warning")}
        {failing > 0 && ` · ${plural(failing, "check")} failing`}
      </span>
    </button>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
