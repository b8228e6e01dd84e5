import { deleteElements } from "../design/commands";
import { selectionOf } from "../canvas/selection";
import { canEdit, hasSelection, register } from "./register";

/** Deletes the selected nodes, zones and regions (with what they contain); one undo step. */
export const deleteSelected = register({
  id: "delete-selected",
  label: "Delete the selection",
  group: "edit",
  shortcuts: ["Delete", "Backspace"],
  keywords: ["remove", "erase"],
  enabled: (s) => canEdit(s) && hasSelection(s),
  perform: ({ store }) => {
    const state = store.getState();
    const selection = selectionOf(state.flowNodes);
    state.edit((d) => deleteElements(d, selection), { select: [] });
  },
});
