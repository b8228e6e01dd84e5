import { duplicateNodes } from "../design/commands";
import { flowId } from "../canvas/flow";
import { canEdit, register, selectedNodeIds } from "./register";

/** Copies the selected nodes beside themselves (each copy steps past earlier ones) and selects the copies. */
export const duplicate = register({
  id: "duplicate",
  label: "Duplicate the selected nodes",
  group: "edit",
  shortcuts: ["Mod+D"],
  keywords: ["copy", "clone"],
  enabled: (s) => canEdit(s) && selectedNodeIds(s).length > 0,
  perform: ({ store }) => {
    const state = store.getState();
    const copied = duplicateNodes(state.design, selectedNodeIds(state));
    state.edit(() => copied.design, { select: copied.ids.map(flowId.node) });
  },
});
