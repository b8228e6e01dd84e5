/**
 * The command palette's second group: the design's own elements (regions, zones, nodes, stores,
 * operations) found by name or id, ranked like commands (lib/actions/search.ts), so "orders" finds
 * the Orders DB node and its store and going to one selects it. Pure: the palette shows and goes.
 */
import { kindLabel } from "../design/commands";
import type { Design } from "../design/schema";
import { matchScore, queryWords } from "./search";

export type ElementKind = "region" | "zone" | "node" | "store" | "operation";

/** What going to a found element does: select it on the canvas, or focus it in the inspector. */
export type ElementTarget =
  | { type: "region"; id: string }
  | { type: "zone"; region: string; zone: string }
  | { type: "node"; id: string }
  | { type: "store"; id: string }
  | { type: "operation"; id: string };

export interface FoundElement {
  /** Unique among the design's elements (`zone:use1/a`, `node:pg1`): list keys and option ids. */
  key: string;
  kind: ElementKind;
  /** What the user reads: the element's name ("zone a" for a zone, which has only an id). */
  label: string;
  /** Where or what it is, by names: "Database in US East · zone a", "Store · 3 replicas". */
  detail: string;
  target: ElementTarget;
  /** Lower is better: the mean of the query words' scores (see `wordScore`); -1 for an exact id. */
  score: number;
}

export const ELEMENT_KIND_LABEL: Record<ElementKind, string> = {
  region: "Region",
  zone: "Zone",
  node: "Node",
  store: "Store",
  operation: "Operation",
};

interface Candidate extends Omit<FoundElement, "score"> {
  /** The ids the element answers to besides its name (a zone: "a" and "use1/a"). */
  ids: string[];
  /** More words it is found by (kind, region, store names), after the name. */
  keywords: string;
}

/** Every element of the design, in the palette's order (regions, zones, nodes, stores, operations; document order within). */
function candidates(design: Design): Candidate[] {
  const regionName = new Map((design.regions ?? []).map((r) => [r.id, r.name]));
  const storeName = new Map((design.stores ?? []).map((s) => [s.id, s.name]));
  const out: Candidate[] = [];
  for (const r of design.regions ?? []) {
    const zones = r.zones?.length ?? 0;
    const where = r.location?.code && r.location.code !== r.name ? `${r.location.code} · ` : "";
    out.push({ key: `region:${r.id}`, kind: "region", label: r.name, detail: `Region · ${where}${zones} zone${zones === 1 ? "" : "s"}`, target: { type: "region", id: r.id }, ids: [r.id], keywords: `region ${r.location?.code ?? ""}` });
  }
  for (const r of design.regions ?? []) {
    for (const z of r.zones ?? []) {
      out.push({ key: `zone:${r.id}/${z}`, kind: "zone", label: `zone ${z}`, detail: `Zone in ${r.name}`, target: { type: "zone", region: r.id, zone: z }, ids: [`${r.id}/${z}`, `${r.id}${z}`], keywords: `${r.name} ${r.id}` });
    }
  }
  for (const n of design.nodes ?? []) {
    const region = regionName.get(n.region) ?? n.region;
    const where = n.zone ? `${region} · zone ${n.zone}` : region;
    const kind = kindLabel(n.kind);
    out.push({ key: `node:${n.id}`, kind: "node", label: n.name, detail: `${kind} in ${where}`, target: { type: "node", id: n.id }, ids: [n.id], keywords: `${kind} ${region}` });
  }
  for (const s of design.stores ?? []) {
    const n = s.replicas.length;
    out.push({ key: `store:${s.id}`, kind: "store", label: s.name, detail: `Store · ${s.replication}, ${n} replica${n === 1 ? "" : "s"}`, target: { type: "store", id: s.id }, ids: [s.id], keywords: `store ${s.replication}` });
  }
  for (const o of design.operations ?? []) {
    const store = storeName.get(o.store) ?? o.store;
    out.push({ key: `operation:${o.id}`, kind: "operation", label: o.name, detail: `Operation · ${o.type} on ${store}`, target: { type: "operation", id: o.id }, ids: [o.id], keywords: `operation ${o.type} ${store}` });
  }
  return out;
}

/**
 * The design's elements matching `query`, best first, at most `limit` of them. Every word must
 * be found in the name, an id or the element's kind and place (e.g. its region's name); a name
 * that starts with the query beats one that contains it, and a query that is exactly an element's
 * id puts that element first. Ties: regions, zones, nodes, stores, operations, each in document
 * order. Nothing for an empty query (the palette then lists commands only).
 *
 * @example searchElements(design, "orders").map((e) => e.label) // ["Orders DB", "Orders store", "Place order"]
 */
export function searchElements(design: Design, query: string, limit = 50): FoundElement[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const exact = query.trim().toLowerCase();
  const found: FoundElement[] = [];
  // Candidates come in the tie order already (kinds, then document order): a stable sort keeps it.
  for (const { ids, keywords, ...element } of candidates(design)) {
    const lowerIds = ids.map((id) => id.toLowerCase());
    if (lowerIds.includes(exact)) {
      found.push({ ...element, score: -1 });
      continue;
    }
    const idWords = lowerIds.map((id) => `${id} ${id.replace(/[-_/.]/g, " ")}`).join(" ");
    const score = matchScore(words, element.label.toLowerCase(), `${idWords} ${keywords.toLowerCase()}`);
    if (score >= 0) found.push({ ...element, score: score / words.length });
  }
  return found.sort((a, b) => a.score - b.score).slice(0, limit);
}

/**
 * Which group the palette lists first: the one holding the better match (commands on a tie, and
 * for an empty query). Scores as `FoundElement.score` and `scoreActions` give them.
 */
export function elementsFirst(bestCommand: number | undefined, bestElement: number | undefined): boolean {
  if (bestElement === undefined) return false;
  return bestCommand === undefined || bestElement < bestCommand;
}
