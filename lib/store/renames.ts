/**
 * Id renames between two versions of a design, for the save request: comments are pinned to ids on
 * the server, and a rename must carry them along (lib/server/retarget.ts).
 *
 * Each design object the studio has shown carries an identity map (id → a token that stays with
 * the element when its id is edited). The map travels with the design objects themselves, so undo
 * and redo need no bookkeeping: undoing a rename goes back to the design from before it, whose
 * map says so, and the renames between the last saved design and the current one are simply the
 * elements whose token sits under another id.
 */
import { impliedRenames, renameId, type IdKind, type IdRename } from "../design/ids";
import type { Scenario } from "../analysis/simulate";
import type { Design } from "../design/schema";
import { zoneKey } from "../design/schema";
import { retarget } from "../review/targets";
import { flowId } from "../canvas/flow";
import type { StudioStore } from "./studio-store";

type Identities = ReadonlyMap<string, string>;

const identities = new WeakMap<Design, Identities>();
let freshTokens = 0;
const key = (kind: IdKind, id: string) => `${kind}:${id}`;

/** Starts tracking `design` (the one a studio opened with): every id is itself. */
export function trackIdentities(design: Design): void {
  if (!identities.has(design)) identities.set(design, new Map());
}

/** `next` follows `prev` by an edit that renamed nothing: same identities (a no-op if `next` is known). */
export function carryIdentities(prev: Design, next: Design): void {
  if (identities.has(next)) return;
  const map = identities.get(prev);
  if (map) identities.set(next, map);
}

/** `after` is `before` with the ids `renames` changed (applied at once). */
export function recordRenames(before: Design, after: Design, renames: readonly IdRename[]): void {
  const map = new Map(identities.get(before) ?? []);
  const tokens = renames.map((r) => map.get(key(r.kind, r.from)) ?? key(r.kind, r.from));
  // The old id, should an element take it later, is a new element.
  for (const r of renames) map.set(key(r.kind, r.from), `#${++freshTokens}`);
  renames.forEach((r, i) => map.set(key(r.kind, r.to), tokens[i]));
  identities.set(after, map);
}

function* elementsOf(design: Design): Generator<[IdKind, string]> {
  for (const r of design.regions ?? []) {
    yield ["region", r.id];
    for (const z of r.zones ?? []) yield ["zone", zoneKey(r.id, z)];
  }
  for (const n of design.nodes ?? []) yield ["node", n.id];
  for (const s of design.stores ?? []) yield ["store", s.id];
  for (const o of design.operations ?? []) yield ["operation", o.id];
}

/** The id changes that turn `from`'s elements into `to`'s (for elements in both): what a save sends. */
export function renamesBetween(from: Design, to: Design): IdRename[] {
  const a = identities.get(from);
  const b = identities.get(to);
  if (!a || !b || a === b) return [];
  const was = new Map<string, string>();
  for (const [kind, id] of elementsOf(from)) was.set(a.get(key(kind, id)) ?? key(kind, id), id);
  const out: IdRename[] = [];
  for (const [kind, id] of elementsOf(to)) {
    const before = was.get(b.get(key(kind, id)) ?? key(kind, id));
    if (before !== undefined && before !== id) out.push({ kind, from: before, to: id });
  }
  return out;
}

/** A simulator scenario with the ids `renames` changed. */
export function renameInScenario(scenario: Scenario, renames: readonly IdRename[]): Scenario {
  const of = (kind: IdKind) => (id: string) => renames.find((r) => r.kind === kind && r.from === id)?.to ?? id;
  const next: Scenario = { ...scenario };
  if (scenario.failRegions) next.failRegions = scenario.failRegions.map(of("region"));
  if (scenario.split) next.split = scenario.split.map((side) => side.map(of("region")));
  if (scenario.failZones) next.failZones = scenario.failZones.map(of("zone"));
  if (scenario.failNodes) next.failNodes = scenario.failNodes.map(of("node"));
  return next;
}

/**
 * Renames an element's id as one undo step (references follow: see `renameId`), keeps it
 * selected or focused, and moves the comment markers with it. Returns false when refused
 * (the store shows why).
 */
export function renameElementId(store: StudioStore, kind: IdKind, from: string, to: string): boolean {
  const state = store.getState();
  let renames: IdRename[] = [];
  const region = from.slice(0, from.indexOf("/"));
  const zone = to.slice(to.indexOf("/") + 1);
  const options =
    kind === "store" || kind === "operation"
      ? { focus: { type: kind, id: to } }
      : { select: [kind === "node" ? flowId.node(to) : kind === "region" ? flowId.region(to) : flowId.zone(region, zone)] };
  const ok = state.edit((design) => {
    const next = renameId(design, kind, from, to);
    if (next !== design) {
      renames = impliedRenames(design, kind, from, to);
      recordRenames(design, next, renames);
    }
    return next;
  }, options);
  if (ok && renames.length) {
    const { comments, commentTarget } = store.getState();
    store.getState().setComments(comments.map((c) => (c.target ? { ...c, target: { ...c.target, ...retarget(c.target, renames) } } : c)));
    if (commentTarget) store.setState({ commentTarget: retarget(commentTarget, renames) });
    // The simulator's failures follow too, so a failed region stays failed under its new id.
    if (store.getState().mode === "simulate") store.getState().setScenario((sc) => renameInScenario(sc, renames));
  }
  return ok;
}
