/**
 * Level of detail of the canvas's cards, as tldraw and Excalidraw draw shapes far out: once a
 * card's text is too small to read, the card is drawn as a plain box with its name (no icon, kind
 * line, store chips, status dot or shadow). Each of those is a paint chunk of its own in Chromium;
 * at the fit zoom of a 1,000-node design (≈ 0.15) a thousand cards of six to ten of them made every
 * frame's layerization and paint cost more than a frame (docs/benchmarks.md, "Browser (issue 15)").
 * What a simple card no longer draws it says in its tooltip (`simpleCardTitle`), and status,
 * selection and failure stay visible as the box's colours (app/globals.css, `.node-card.simple`).
 */
import type { NodeBadge } from "./badges";

/** Below this zoom every design's cards are simple: the node's name (14 px) would be under 7 px on screen. */
export const SIMPLE_CARDS_BELOW_ZOOM = 0.5;
/** A design with this many nodes or more … */
export const LARGE_DESIGN_NODES = 300;
/** … has simple cards already below this zoom (names under 8.4 px; hundreds of cards on screen). */
export const SIMPLE_CARDS_BELOW_ZOOM_LARGE = 0.6;

/** Whether the canvas draws simple cards at `zoom` for a design of `nodeCount` nodes. */
export function simpleCards(zoom: number, nodeCount: number): boolean {
  return zoom < (nodeCount >= LARGE_DESIGN_NODES ? SIMPLE_CARDS_BELOW_ZOOM_LARGE : SIMPLE_CARDS_BELOW_ZOOM);
}

/**
 * The name as a simple card prints it: two lines of 18 px hold about 36 characters; a longer name
 * is cut to 28 and an ellipsis (the tooltip has it whole). Cut here rather than by CSS, whose
 * ellipsis needs `overflow: hidden`, a clip per card: one more paint chunk on each of them.
 */
export const SIMPLE_NAME_CHARS = 28;
export function simpleCardName(name: string): string {
  const chars = [...name];
  return chars.length <= SIMPLE_NAME_CHARS ? name : `${chars.slice(0, SIMPLE_NAME_CHARS - 1).join("").trimEnd()}…`;
}

/** A store as a card's tooltip names it: "Orders (leader)", "Ledger (learner, non-voting)". */
export function storeRole(store: NodeBadge["stores"][number], leads: boolean, newLeader: boolean): string {
  if (leads) return newLeader ? `${store.name} (new leader in this scenario)` : `${store.name} (leader)`;
  return store.learner ? `${store.name} (learner, non-voting)` : store.name;
}

/**
 * The tooltip of a simple card: what the full card shows, in words, so nothing disappears without
 * a trace when zoomed out — "pg-1 (Database, pg1) — has errors · DOWN · stores: Orders (leader), Ledger".
 */
export function simpleCardTitle(card: { name: string; id: string; kind: string; status: string; down: boolean; stores: readonly string[] }): string {
  const parts = [`${card.name} (${card.kind}, ${card.id}) — ${card.status}`];
  if (card.down) parts.push("DOWN");
  if (card.stores.length) parts.push(`stores: ${card.stores.join(", ")}`);
  return parts.join(" · ");
}
