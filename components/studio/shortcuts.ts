/**
 * What the help dialog says besides the actions (which it reads from lib/actions/registry.ts):
 * gestures and keys that belong to one control, not to the studio.
 */
export const TIPS: { keys: string[]; action: string }[] = [
  { keys: ["Shift click", "Shift drag"], action: "Select several / box-select" },
  { keys: ["Esc"], action: "In a field: leave it (what you typed is kept)" },
  { keys: ["Shift F10", "Menu key"], action: "On a focused canvas element: its context menu (right-click does the same)" },
  { keys: ["Alt ↑", "Alt ↓"], action: "Move an operation up or down (in the table)" },
  { keys: ["Enter"], action: "In an operation's name: go to the next row; on the last row, add an operation on the same store" },
  { keys: ["Ctrl/⌘ Enter"], action: "In a comment or a reply: send it" },
];
