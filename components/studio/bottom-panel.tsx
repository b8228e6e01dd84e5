"use client";

import { AnalysisPanel } from "@/components/analysis/analysis-panel";
import { CommentsPanel, useCommentsEndpoint } from "@/components/comments/comments-panel";
import dynamic from "next/dynamic";
import { OperationsTable } from "@/components/operations/operations-table";
import type { BottomTab } from "@/lib/store/studio-store";
import { BOTTOM_PANEL, ResizeHandle, usePanel } from "./panel-size";
import { useStudio } from "./studio-context";

/** Tabs that are not the first one shown load when opened (not in the studio's first bundle). */
const HistoryPanel = dynamic(() => import("@/components/history/history-panel").then((m) => m.HistoryPanel), { ssr: false, loading: () => <p className="muted">Loading…</p> });
const DiagramPanel = dynamic(() => import("@/components/diagram/diagram-panel").then((m) => m.DiagramPanel), { ssr: false, loading: () => <p className="muted">Loading…</p> });

const ALL_TABS: { id: BottomTab; label: string }[] = [
  { id: "operations", label: "Operations" },
  { id: "analysis", label: "Analysis" },
  { id: "diagram", label: "Diagram" },
  { id: "comments", label: "Comments" },
  { id: "history", label: "History" },
];

/** The tabbed panel under the canvas: resizable, collapsible to its tab strip, remembered. */
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
  const panel = usePanel(BOTTOM_PANEL);

  return (
    <section className={`bottom-panel${panel.collapsed ? " collapsed" : ""}`} style={panel.collapsed ? undefined : { height: panel.size }} aria-label="Operations and analysis">
      <ResizeHandle panel={panel} spec={BOTTOM_PANEL} edge="top" label="Resize the bottom panel (Enter hides or shows it)" />
      <div className="tabs">
        <div className="tab-list" role="tablist" aria-label="Panels">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className="tab"
            onClick={() => {
              setTab(t.id);
              if (panel.collapsed) panel.setCollapsed(false);
            }}
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
        <button
          type="button"
          className="panel-toggle"
          aria-expanded={!panel.collapsed}
          aria-controls={`panel-${tab}`}
          title={panel.collapsed ? "Show the panel" : "Hide the panel: more room for the canvas"}
          onClick={() => panel.setCollapsed(!panel.collapsed)}
        >
          {panel.collapsed ? "▴ Show" : "▾ Hide"}
        </button>
      </div>
      <div className="tab-panel" hidden={panel.collapsed} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
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
