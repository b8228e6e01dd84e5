/**
 * Pure helpers of the studio's presence UI (who is here, their cursors and selections, following a
 * viewport). No React, no browser: the components in components/live/ call these.
 */
import { PRESENCE_COLORS } from "../collab/colors";

/** Names of the presence palette's colours (for the swatches' labels; colour is never the only cue). */
export const COLOR_NAMES: Record<string, string> = {
  "#d62728": "Red",
  "#1f77b4": "Blue",
  "#2ca02c": "Green",
  "#9467bd": "Purple",
  "#e377c2": "Pink",
  "#ff7f0e": "Orange",
  "#17becf": "Teal",
  "#8c564b": "Brown",
};

/**
 * One or two letters for an avatar: the first letters of the first two words.
 * @example initials("Ada Lovelace") // "AL"
 * @example initials("rita") // "R"
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (word: string | undefined) => (word ? (Array.from(word)[0] ?? "") : "");
  const letters = words.length > 1 ? first(words[0]) + first(words[1]) : first(words[0]);
  return letters.toLocaleUpperCase() || "?";
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background` (initials and name labels on a person's colour). */
export function textOn(background: string): "#000000" | "#ffffff" {
  return contrast(background, "#000000") >= contrast(background, "#ffffff") ? "#000000" : "#ffffff";
}

/**
 * A colour for someone new: the first of the palette nobody here uses yet (the least used when
 * all are taken), starting at `start` so two people arriving together rarely pick the same.
 */
export function freeColor(taken: readonly string[], start = 0, palette: readonly string[] = PRESENCE_COLORS): string {
  const uses = new Map(palette.map((c) => [c.toLowerCase(), 0]));
  for (const t of taken) {
    const key = t.toLowerCase();
    if (uses.has(key)) uses.set(key, uses.get(key)! + 1);
  }
  let best = palette[((start % palette.length) + palette.length) % palette.length];
  for (let i = 0; i < palette.length; i++) {
    const c = palette[(((start + i) % palette.length) + palette.length) % palette.length];
    if (uses.get(c.toLowerCase())! < uses.get(best.toLowerCase())!) best = c;
  }
  return best;
}

/** How a person is labelled on the canvas and in the top bar: "Rita · reviewer" for reviewers. */
export function personLabel(name: string, role: "editor" | "reviewer"): string {
  return role === "reviewer" ? `${name} · reviewer` : name;
}

/** The name given in the identity form: trimmed, at most 60 characters (the protocol's limit), or null when empty. */
export function cleanName(name: string): string | null {
  const trimmed = name.trim().replace(/\s+/g, " ");
  return trimmed ? Array.from(trimmed).slice(0, 60).join("") : null;
}

export interface Person {
  conn: string;
  name: string;
  role: "editor" | "reviewer";
}

/** The top bar's order: me first, then editors, then reviewers, each by name. */
export function orderPeople<P extends Person>(me: P | null, others: readonly P[]): P[] {
  const sorted = [...others].sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) || a.conn.localeCompare(b.conn) : a.role === "editor" ? -1 : 1));
  return me ? [me, ...sorted] : sorted;
}

/**
 * What this person shares as their selection: the canvas's selected elements (`kind:id`, as the
 * canvas names them) and the store or operation they opened in the inspector. At most 200 (the protocol's limit).
 */
export function selectionOf(selectedFlowIds: readonly string[], focus: { type: "store" | "operation"; id: string } | null): string[] {
  const out = [...selectedFlowIds];
  if (focus) out.push(`${focus.type}:${focus.id}`);
  return out.slice(0, 200);
}

/** A canvas position rounded to a tenth of a unit (smaller messages; nobody sees the difference). */
export function roundPoint(p: { x: number; y: number }): { x: number; y: number } {
  return { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
  /** The canvas's size in pixels (absent from older peers). */
  width?: number;
  height?: number;
}

/** True when two viewports show the same thing (to half a pixel and a thousandth of zoom, on canvases of the same size). */
export function sameViewport(a: Viewport | null | undefined, b: Viewport | null | undefined): boolean {
  if (!a || !b) return a === b;
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 0.001 && a.width === b.width && a.height === b.height;
}

/**
 * The viewport that shows what `theirs` shows, on a canvas of `mine`'s size: the same zoom, the
 * centre of their canvas at the centre of mine (a smaller screen sees the middle of what they see,
 * not its top-left corner). Without their size, their top-left corner.
 */
export function followedViewport(theirs: Viewport, mine: { width: number; height: number }): { x: number; y: number; zoom: number } {
  const { x, y, zoom, width, height } = theirs;
  if (!width || !height || !mine.width || !mine.height) return { x, y, zoom };
  const centre = { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom };
  return { x: mine.width / 2 - centre.x * zoom, y: mine.height / 2 - centre.y * zoom, zoom };
}

/** The same string lists in the same order (a selection that did not change is not sent again). */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
