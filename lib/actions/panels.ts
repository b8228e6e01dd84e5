import type { BottomTab } from "../store/studio-store";
import { register } from "./register";
import type { Action } from "./types";

const TABS: { tab: BottomTab; label: string; keywords: string[] }[] = [
  { tab: "operations", label: "Show the operations", keywords: ["table", "reads", "writes", "slo"] },
  { tab: "analysis", label: "Show the analysis", keywords: ["findings", "checklist", "cap", "quorum", "verdict"] },
  { tab: "diagram", label: "Show the diagram", keywords: ["mermaid", "topology", "svg"] },
  { tab: "comments", label: "Show the comments", keywords: ["review", "threads"] },
  { tab: "history", label: "Show the version history", keywords: ["versions", "restore", "compare"] },
];

/** The bottom panel's tabs; History is the owner's, Comments are not in a version preview. */
export const panelActions: Action[] = TABS.map(({ tab, label, keywords }) =>
  register({
    id: `show-${tab}`,
    label,
    group: "panels",
    keywords: ["tab", "panel", tab, ...keywords],
    enabled: (s) => (tab === "history" ? s.viewer.kind === "owner" : tab === "comments" ? s.viewer.kind !== "preview" : true),
    perform: ({ store }) => store.getState().setTab(tab),
  }),
);
