import { nudgeNodes } from "../design/commands";
import { canEdit, register, selectedNodeIds } from "./register";

const DIRECTION: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * Moves the selected nodes by 8 px (Shift: 1 px) the way of the arrow key. A burst of nudges of
 * the same nodes is one undo step (the store coalesces edits with one key within a moment).
 */
export const nudge = register({
  id: "nudge",
  label: "Nudge the selected nodes",
  group: "edit",
  shortcuts: ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Shift+ArrowLeft", "Shift+ArrowRight", "Shift+ArrowUp", "Shift+ArrowDown"],
  helpKeys: ["Arrow keys"],
  helpText: "Nudge the selected nodes (Shift: 1 px)",
  hideInPalette: true,
  enabled: (s) => canEdit(s) && selectedNodeIds(s).length > 0,
  perform: ({ store }, { key, shiftKey }) => {
    const direction = key ? DIRECTION[key] : undefined;
    if (!direction) return;
    const state = store.getState();
    const ids = selectedNodeIds(state);
    const step = shiftKey ? 1 : 8;
    state.edit((d) => nudgeNodes(d, ids, direction[0] * step, direction[1] * step), { coalesce: `nudge:${ids.join(",")}` });
  },
});
