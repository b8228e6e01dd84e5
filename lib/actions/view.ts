import { register } from "./register";

export const fitView = register({
  id: "fit-view",
  label: "Fit the view",
  group: "view",
  shortcuts: ["F", "Shift+1"],
  keywords: ["zoom", "whole", "center"],
  enabled: (_s, ctx) => !!ctx.ui.fitView,
  perform: ({ ui }) => ui.fitView?.(),
});

export const toggleSimulate = register({
  id: "toggle-simulate",
  label: "Switch Design ↔ Simulate",
  group: "view",
  shortcuts: ["S"],
  keywords: ["simulator", "failure", "mode", "chaos", "outage"],
  perform: ({ store }) => {
    const state = store.getState();
    state.setMode(state.mode === "simulate" ? "design" : "simulate");
  },
});

export const commandPalette = register({
  id: "command-palette",
  label: "Command palette",
  group: "help",
  shortcuts: ["Mod+K"],
  keywords: ["commands", "search", "actions"],
  hideInPalette: true,
  whileTyping: true,
  enabled: (_s, ctx) => !!ctx.ui.openPalette,
  perform: ({ ui }) => ui.openPalette?.(),
});

export const help = register({
  id: "help",
  label: "Keyboard shortcuts",
  helpText: "This help",
  group: "help",
  shortcuts: ["?"],
  keywords: ["help", "keys", "shortcuts"],
  enabled: (_s, ctx) => !!ctx.ui.openHelp,
  perform: ({ ui }) => ui.openHelp?.(),
});

export const cycleTheme = register({
  id: "cycle-theme",
  label: "Switch the colour theme (system, light, dark)",
  group: "view",
  keywords: ["dark mode", "light mode", "theme", "colors"],
  enabled: (_s, ctx) => !!ctx.ui.cycleTheme,
  perform: ({ ui }) => ui.cycleTheme?.(),
});
