import { parseFlowId } from "../canvas/flow";
import { register } from "./register";

export const selectAll = register({
  id: "select-all",
  label: "Select all nodes",
  group: "selection",
  shortcuts: ["Mod+A"],
  keywords: ["everything"],
  enabled: (s) => s.mode !== "simulate" && s.flowNodes.some((n) => parseFlowId(n.id)?.type === "node"),
  perform: ({ store }) => {
    const state = store.getState();
    state.select(state.flowNodes.filter((n) => parseFlowId(n.id)?.type === "node").map((n) => n.id));
  },
});

/** Esc outside a field: leaves the simulator, clears the selection and the focused store or operation. */
export const clearSelection = register({
  id: "clear-selection",
  label: "Clear the selection",
  group: "selection",
  shortcuts: ["Escape"],
  helpText: "Leave the field you are typing in; then clear the selection and focus, leave the simulator",
  keywords: ["deselect", "none", "escape"],
  perform: ({ store }) => {
    const state = store.getState();
    if (state.mode === "simulate") state.setMode("design");
    state.select([]);
    state.setFocus(null);
  },
});
