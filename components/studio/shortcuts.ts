/** Every keyboard shortcut of the studio, as the help dialog lists them. */
export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ["Delete", "Backspace"], action: "Delete the selection" },
  { keys: ["Ctrl/⌘ Z"], action: "Undo" },
  { keys: ["Ctrl/⌘ Shift Z", "Ctrl Y"], action: "Redo" },
  { keys: ["Ctrl/⌘ C", "Ctrl/⌘ X", "Ctrl/⌘ V"], action: "Copy, cut and paste nodes (also between tabs and designs; paste into the selected region or zone)" },
  { keys: ["Ctrl/⌘ D"], action: "Duplicate the selected nodes" },
  { keys: ["Arrow keys"], action: "Nudge selected nodes (Shift: 1 px)" },
  { keys: ["Shift click", "Shift drag"], action: "Select several / box-select" },
  { keys: ["F", "Shift 1"], action: "Fit the view" },
  { keys: ["S"], action: "Switch Design ↔ Simulate" },
  { keys: ["Esc"], action: "Leave the field you are typing in; then clear the selection and focus, leave the simulator" },
  { keys: ["?"], action: "This help" },
  { keys: ["Alt ↑", "Alt ↓"], action: "Move an operation up or down (in the table)" },
  { keys: ["Enter"], action: "In an operation's name: go to the next row; on the last row, add an operation on the same store" },
];
