/** Saving, sharing and exporting the design, and its layout: the top bar's buttons. */
import { canEdit, register } from "./register";

export const saveNow = register({
  id: "save-now",
  label: "Save now",
  group: "design",
  shortcuts: ["Mod+S"],
  keywords: ["store", "persist", "retry"],
  whileTyping: true,
  enabled: (s, ctx) => !s.readOnly && !!ctx.ui.saveNow,
  perform: ({ ui }) => ui.saveNow?.(),
});

/** Names the current version: a checkpoint later autosaves never fold into (docs/adr/0003). */
export const saveVersion = register({
  id: "save-version",
  label: "Save version… (name a checkpoint)",
  group: "design",
  shortcuts: ["Shift+Mod+S"],
  keywords: ["checkpoint", "name", "label", "version", "history", "milestone"],
  whileTyping: true,
  enabled: (s) => !s.readOnly && s.viewer.kind === "owner",
  perform: ({ store, ui }) => {
    ui.saveNow?.();
    store.getState().setNamingVersion(true);
  },
});

export const share = register({
  id: "share",
  label: "Share for review",
  group: "design",
  keywords: ["link", "review", "reviewer", "comment", "publish"],
  enabled: (s, ctx) => !s.readOnly && !!ctx.ui.openShare,
  perform: ({ ui }) => ui.openShare?.(),
});

export const exportDocuments = register({
  id: "export-documents",
  label: "Export the architecture documents (zip)",
  group: "design",
  keywords: ["download", "markdown", "document", "zip", "mermaid"],
  enabled: (_s, ctx) => !!ctx.ui.exportDocuments,
  perform: ({ ui }) => ui.exportDocuments?.(),
});

export const downloadJson = register({
  id: "download-json",
  label: "Download the design file (JSON)",
  group: "design",
  keywords: ["export", "json", "file", "cli"],
  enabled: (_s, ctx) => !!ctx.ui.downloadJson,
  perform: ({ ui }) => ui.downloadJson?.(),
});

export const tidyLayout = register({
  id: "tidy-layout",
  label: "Tidy the layout",
  group: "design",
  keywords: ["arrange", "auto layout", "elk", "align"],
  enabled: (s, ctx) => canEdit(s) && !!ctx.ui.tidyLayout,
  perform: ({ ui }) => ui.tidyLayout?.(),
});
