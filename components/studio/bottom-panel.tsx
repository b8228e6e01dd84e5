"use client";

import { useRef, useState } from "react";
import { AnalysisPanel } from "@/components/analysis/analysis-panel";
import { CommentsPanel, useCommentsEndpoint } from "@/components/comments/comments-panel";
import { HistoryPanel } from "@/components/history/history-panel";
import { DiagramPanel } from "@/components/diagram/diagram-panel";
import { OperationsTable } from "@/components/operations/operations-table";
import type { BottomTab } from "@/lib/store/studio-store";
import { useStudio } from "./studio-context";

const ALL_TABS: { id: BottomTab; label: string }[] = [
  { id: "operations", label: "Operations" },
  { id: "analysis", label: "Analysis" },
  { id: "diagram", label: "Diagram" },
  { id: "comments", label: "Comments" },
  { id: "history", label: "History" },
];

/** The resizable, tabbed panel under the canvas. */
export function BottomPanel() {
  const tab = useStudio((s) => s.tab);
  const setTab = useStudio((s) => s.setTab);
  const opCount = useStudio((s) => s.design.operations?.length ?? 0);
  const counts = useStudio((s) => s.analysis?.counts);
  const viewer = useStudio((s) => s.viewer.kind);
  const openComments = useStudio((s) => s.comments.filter((c) => c.parentId === null && c.resolvedAt === null).length);
  const comments = useCommentsEndpoint();
  // Reviewers comment but have no history; a version preview has neither.
  const TABS = ALL_TABS.filter((t) => (t.id === "comments" ? comments !== null : t.id === "history" ? viewer === "owner" : true));
  const [height, setHeight] = useState(320);
  const drag = useRef<{ y: number; h: number } | null>(null);

  return (
    <section className="bottom-panel" style={{ height }} aria-label="Operations and analysis">
      <div
        className="resize-handle"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize the panel"
        aria-valuenow={height}
        aria-valuemin={120}
        aria-valuemax={800}
        tabIndex={0}
        onPointerDown={(e) => {
          drag.current = { y: e.clientY, h: height };
          (e.target as HTMLElement).setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          if (drag.current) setHeight(Math.min(800, Math.max(120, drag.current.h + drag.current.y - e.clientY)));
        }}
        onPointerUp={() => (drag.current = null)}
        onKeyDown={(e) => {
          if (e.key === "ArrowUp") setHeight((h) => Math.min(800, h + 40));
          if (e.key === "ArrowDown") setHeight((h) => Math.max(120, h - 40));
        }}
      />
      <div className="tabs" role="tablist" aria-label="Panels">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className="tab"
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
                const next = TABS[(TABS.findIndex((x) => x.id === tab) + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length];
                setTab(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}
          >
            {t.label}
            {t.id === "operations" && <span className="count">{opCount}</span>}
            {t.id === "comments" && openComments > 0 && <span className="count">{openComments}</span>}
            {t.id === "analysis" && counts && (counts.errors > 0 || counts.warnings > 0) && (
              <span className={`count ${counts.errors ? "bad" : "warn"}`}>
                {counts.errors ? `${counts.errors} ✖` : ""} {counts.warnings ? `${counts.warnings} ▲` : ""}
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "operations" ? (
          <OperationsTable />
        ) : tab === "analysis" ? (
          <AnalysisPanel />
        ) : tab === "comments" && comments ? (
          <CommentsPanel endpoint={comments} />
        ) : tab === "history" && viewer === "owner" ? (
          <HistoryPanel />
        ) : (
          <DiagramPanel />
        )}
      </div>
    </section>
  );
}
