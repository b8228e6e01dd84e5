/**
 * Keyboard shortcuts as strings ("Mod+Z", "Shift+Mod+Z", "Shift+1", "?", "ArrowLeft") and the
 * matching of keydown events against them. `Mod` is Ctrl or ⌘ (either is accepted, as the studio
 * always has: a Mac keyboard on Linux, a PC keyboard on a Mac).
 *
 * @example
 * matchesShortcut({ key: "Z", ctrlKey: true, shiftKey: true }, "Shift+Mod+Z") // true
 * formatShortcut("Shift+Mod+Z") // "Ctrl/⌘ Shift Z"
 */

/** The parts of a KeyboardEvent a shortcut looks at (so tests need no DOM). */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
}

export interface ParsedShortcut {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

export function parseShortcut(shortcut: string): ParsedShortcut {
  // "+" itself is a key only at the end ("Mod++").
  const parts = shortcut.endsWith("++") ? [...shortcut.slice(0, -2).split("+"), "+"] : shortcut.split("+");
  const key = parts.pop() ?? "";
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return { key, mod: mods.has("mod") || mods.has("ctrl") || mods.has("cmd"), shift: mods.has("shift"), alt: mods.has("alt") };
}

/** A key that is a printed character other than a letter: Shift is part of typing it ("?" is Shift+/). */
function shiftedSymbol(key: string): boolean {
  return key.length === 1 && key.toLowerCase() === key.toUpperCase() && !/[0-9 ]/.test(key);
}

/** Whether a keydown is this shortcut. Modifiers must match exactly (Mod+Z is not Shift+Mod+Z). */
export function matchesShortcut(event: KeyLike, shortcut: string | ParsedShortcut): boolean {
  const s = typeof shortcut === "string" ? parseShortcut(shortcut) : shortcut;
  const mod = !!(event.ctrlKey || event.metaKey);
  if (mod !== s.mod || !!event.altKey !== s.alt) return false;
  if (shiftedSymbol(s.key)) return event.key === s.key;
  if (!!event.shiftKey !== s.shift) return false;
  if (event.key.toLowerCase() === s.key.toLowerCase()) return true;
  // Digits by their physical key: Shift+1 types "!" on a US keyboard and other symbols elsewhere.
  return /^[0-9]$/.test(s.key) && event.code === `Digit${s.key}`;
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: "←",
  ArrowRight: "→",
  ArrowUp: "↑",
  ArrowDown: "↓",
  Escape: "Esc",
  " ": "Space",
};

/** A shortcut as the help, the palette and tooltips show it: "Ctrl/⌘ Shift Z", "Shift 1", "?". */
export function formatShortcut(shortcut: string): string {
  const s = parseShortcut(shortcut);
  const key = KEY_NAMES[s.key] ?? (s.key.length === 1 ? s.key.toUpperCase() : s.key);
  return [s.mod ? "Ctrl/⌘" : "", s.shift && !shiftedSymbol(s.key) ? "Shift" : "", s.alt ? "Alt" : "", shiftedSymbol(s.key) ? s.key : key].filter(Boolean).join(" ");
}

/** "Undo (Ctrl/⌘ Z)": a button's tooltip with its first shortcut. */
export function withShortcut(label: string, shortcuts: readonly string[] | undefined): string {
  return shortcuts?.length ? `${label} (${formatShortcut(shortcuts[0])})` : label;
}
