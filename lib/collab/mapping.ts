/**
 * The design document as a Yjs document, and back (docs/adr/0007-live-sessions.md).
 *
 * The design file stays the interchange format; the shared state is its image, chosen so that
 * concurrent edits merge the way an architect expects:
 * - the document's name and format live in the map `design`; `context` and `defaults` are maps
 *   of their fields (two people editing two fields both win);
 * - regions, nodes, stores, operations, latency links and scenarios are arrays of maps, one map
 *   per element and one entry per field (concurrent edits of different fields of one element
 *   both stay; of the same field, the last writer wins). Two people adding an element at once
 *   both keep theirs, even under the same id (the repair renames one: lib/collab/repair.ts);
 * - lists of ids (a region's zones, a store's replicas and learners) are arrays of strings, so
 *   replicas added by two people at once are both kept;
 * - layout positions and frames are maps from element key to the point or frame (last writer
 *   wins per element, as with any drag).
 * Other values (a store's sharding, a scenario's split) are JSON values, replaced whole.
 *
 * `writeDesign` applies the difference between the shared state and a new document (reading
 * `prev`, the document it came from, to skip elements that did not change by identity), inside
 * the caller's transaction. `DesignProjector` reads the shared state back as a document, reusing
 * the objects of elements that did not change since the last read, so an edit elsewhere keeps
 * the identity the canvas and the analysis rely on.
 *
 * Pure: no React, no DOM, no server.
 *
 * @example
 * doc.transact(() => writeDesign(doc, prev, next), LOCAL);
 * const projector = new DesignProjector(doc); const raw = projector.read();
 */
import * as Y from "yjs";
import type { Design } from "../design/schema";

type Json = unknown;
type Obj = Record<string, Json>;

/** Lists of elements in the document, in the order they are written. */
export const COLLECTIONS = ["regions", "links", "nodes", "stores", "operations", "scenarios"] as const;
export type Collection = (typeof COLLECTIONS)[number];
const OBJECTS = ["context", "defaults"] as const;
const LAYOUT = ["regions", "zones", "nodes"] as const;
/** Fields kept as arrays of strings (merged item by item), per collection. */
const ID_LISTS: Partial<Record<Collection, readonly string[]>> = { regions: ["zones"], stores: ["replicas", "learners"] };

const isObj = (v: Json): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** How elements of a collection are matched between the shared state and a document. */
export function elementKey(collection: Collection, item: Json): string | undefined {
  if (!isObj(item)) return undefined;
  if (collection === "links") {
    const { a, b } = item;
    if (typeof a !== "string" || typeof b !== "string") return undefined;
    return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  }
  const key = collection === "scenarios" ? item.name : item.id;
  return typeof key === "string" ? key : undefined;
}

function mapKey(collection: Collection, map: Y.Map<Json>): string | undefined {
  if (collection === "links") return elementKey(collection, { a: map.get("a"), b: map.get("b") });
  const key = map.get(collection === "scenarios" ? "name" : "id");
  return typeof key === "string" ? key : undefined;
}

/** Deep equality of JSON values (key order ignored). */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
  }
  return false;
}

/** The root types; `root(doc).design` is the map of the document's own fields. */
function root(doc: Y.Doc) {
  return {
    design: doc.getMap<Json>("design"),
    objects: Object.fromEntries(OBJECTS.map((k) => [k, doc.getMap<Json>(k)])) as Record<(typeof OBJECTS)[number], Y.Map<Json>>,
    lists: Object.fromEntries(COLLECTIONS.map((k) => [k, doc.getArray<Y.Map<Json>>(k)])) as Record<Collection, Y.Array<Y.Map<Json>>>,
    layout: Object.fromEntries(LAYOUT.map((k) => [k, doc.getMap<Json>(`layout.${k}`)])) as Record<(typeof LAYOUT)[number], Y.Map<Json>>,
  };
}

/** Sets `map`'s entries to `obj`'s (deleting the others), touching only what differs. */
function writeFields(map: Y.Map<Json>, obj: Obj, idLists: readonly string[] = []): void {
  for (const [field, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    if (idLists.includes(field) && Array.isArray(value)) writeIdList(map, field, value);
    else if (!sameJson(map.get(field), value)) map.set(field, value);
  }
  for (const field of [...map.keys()]) if (obj[field] === undefined) map.delete(field);
}

/** A list of ids as a Y.Array of strings: removes what went, inserts what came, keeps the order. */
function writeIdList(map: Y.Map<Json>, field: string, values: Json[]): void {
  let list = map.get(field);
  if (!(list instanceof Y.Array)) {
    list = new Y.Array<Json>();
    map.set(field, list);
  }
  const arr = list as Y.Array<Json>;
  const wanted = new Set(values);
  for (let i = arr.length - 1; i >= 0; i--) if (!wanted.has(arr.get(i))) arr.delete(i, 1);
  const current = arr.toArray();
  if (sameJson(current, values)) return;
  const have = new Set(current);
  const kept = values.filter((v) => have.has(v));
  if (have.size !== current.length || !sameJson(current, kept)) {
    // The order changed (or duplicates crept in): rewrite the list.
    arr.delete(0, arr.length);
    arr.insert(0, values);
    return;
  }
  // What is left is in the wanted order: insert the missing ids where they go.
  let at = 0;
  for (const v of values) {
    if (have.has(v)) at++;
    else arr.insert(at++, [v]);
  }
}

function newElement(obj: Obj, idLists: readonly string[] = []): Y.Map<Json> {
  const map = new Y.Map<Json>();
  for (const [field, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    if (idLists.includes(field) && Array.isArray(value)) {
      const list = new Y.Array<Json>();
      list.insert(0, value);
      map.set(field, list);
    } else map.set(field, value);
  }
  return map;
}

function writeCollection(collection: Collection, arr: Y.Array<Y.Map<Json>>, prev: readonly Json[] | undefined, next: readonly Json[]): void {
  const idLists = ID_LISTS[collection];
  const prevByKey = new Map<string, Json>();
  for (const item of prev ?? []) {
    const key = elementKey(collection, item);
    if (key !== undefined) prevByKey.set(key, item);
  }
  const wanted = new Set<string>();
  for (const item of next) {
    const key = elementKey(collection, item);
    if (key !== undefined) wanted.add(key);
  }
  // Remove what the new document no longer has (and maps that are not elements at all).
  const keys: (string | undefined)[] = arr.toArray().map((m) => (m instanceof Y.Map ? mapKey(collection, m) : undefined));
  // The first element of each key stays (a later duplicate goes): found in one pass, not by a search per element.
  const first = new Map<string, number>();
  keys.forEach((key, i) => {
    if (key !== undefined && !first.has(key)) first.set(key, i);
  });
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i];
    if (key === undefined || !wanted.has(key) || first.get(key) !== i) {
      arr.delete(i, 1);
      keys.splice(i, 1);
    }
  }
  let index = new Map(keys.map((k, i) => [k as string, i]));
  // Walk the new document in order: update, insert where it goes, or move what changed place.
  let at = 0;
  for (const item of next) {
    const key = elementKey(collection, item);
    if (key === undefined || !isObj(item)) continue;
    const found = index.get(key);
    if (found !== undefined && found >= at) {
      // Elements between `at` and `found` come later in the new document: they move when reached.
      if (prevByKey.get(key) !== item) writeFields(arr.get(found), item, idLists);
      at = found + 1;
      continue;
    }
    if (found !== undefined) {
      // Moved before elements it followed: move it (its concurrent field edits go with the old copy).
      arr.delete(found, 1);
      keys.splice(found, 1);
      at--;
    }
    arr.insert(at, [newElement(item, idLists)]);
    keys.splice(at, 0, key);
    at++;
    index = new Map(keys.map((k, i) => [k as string, i]));
  }
}

function writeRecord(map: Y.Map<Json>, record: Record<string, Json> | undefined): void {
  const rec = record ?? {};
  for (const [key, value] of Object.entries(rec)) if (!sameJson(map.get(key), value)) map.set(key, value);
  for (const key of [...map.keys()]) if (!(key in rec)) map.delete(key);
}

/** `has:<key>`: the document writes this optional key even when it is empty. */
const HAS = (key: string) => `has:${key}`;

function writePresence(design: Y.Map<Json>, key: string, present: boolean): void {
  if (present && design.get(HAS(key)) !== true) design.set(HAS(key), true);
  else if (!present && design.has(HAS(key))) design.delete(HAS(key));
}

/**
 * Makes the shared state hold `next`. `prev` is the document the caller last wrote or read (its
 * unchanged elements are skipped by identity); null writes everything. Call inside a transaction.
 */
export function writeDesign(doc: Y.Doc, prev: Design | null, next: Design): void {
  const r = root(doc);
  const p = (prev ?? {}) as Obj;
  const n = next as unknown as Obj;
  for (const field of ["format", "name"] as const) if (r.design.get(field) !== n[field]) r.design.set(field, n[field]);
  for (const key of OBJECTS) {
    writePresence(r.design, key, n[key] !== undefined);
    if (prev && p[key] === n[key]) continue;
    writeFields(r.objects[key], isObj(n[key]) ? (n[key] as Obj) : {});
  }
  for (const key of COLLECTIONS) {
    writePresence(r.design, key, n[key] !== undefined);
    if (prev && p[key] === n[key]) continue;
    writeCollection(key, r.lists[key], prev ? (p[key] as Json[] | undefined) : undefined, (n[key] as Json[] | undefined) ?? []);
  }
  const layout = (n.layout ?? undefined) as Record<string, Record<string, Json> | undefined> | undefined;
  const prevLayout = (p.layout ?? undefined) as Record<string, unknown> | undefined;
  writePresence(r.design, "layout", layout !== undefined);
  for (const key of LAYOUT) {
    writePresence(r.design, `layout.${key}`, layout?.[key] !== undefined);
    if (prev && prevLayout?.[key] === layout?.[key]) continue;
    writeRecord(r.layout[key], layout?.[key]);
  }
}

/** A new shared document holding `design` (the server's first state for a design). */
export function designToDoc(design: Design, doc = new Y.Doc()): Y.Doc {
  doc.transact(() => writeDesign(doc, null, design));
  return doc;
}

function readFields(map: Y.Map<Json>): Obj {
  const out: Obj = {};
  map.forEach((value, key) => {
    out[key] = value instanceof Y.Array ? value.toArray() : value instanceof Y.AbstractType ? value.toJSON() : value;
  });
  return out;
}

/**
 * Reads the shared state as a document (not yet validated or repaired: see repair.ts). Reuses the
 * objects of elements and lists that no transaction touched since the previous read.
 */
export class DesignProjector {
  /** Keyed by the Yjs type (a map, an array) the value was read from. */
  private readonly cache = new WeakMap<object, unknown>();
  private readonly onTransaction = (tr: Y.Transaction) => {
    for (const type of tr.changed.keys()) this.cache.delete(type);
    for (const type of tr.changedParentTypes.keys()) this.cache.delete(type);
  };

  constructor(private readonly doc: Y.Doc) {
    doc.on("afterTransaction", this.onTransaction);
  }

  destroy(): void {
    this.doc.off("afterTransaction", this.onTransaction);
  }

  private cached<T>(type: object, make: () => T): T {
    if (this.cache.has(type)) return this.cache.get(type) as T;
    const value = make();
    this.cache.set(type, value);
    return value;
  }

  /** The document as the shared state holds it now. */
  read(): Design {
    const r = root(this.doc);
    const has = (key: string) => r.design.get(HAS(key)) === true;
    const out: Obj = { format: r.design.get("format"), name: r.design.get("name") };
    for (const key of OBJECTS) {
      const map = r.objects[key];
      if (has(key) || map.size > 0) out[key] = this.cached(map, () => readFields(map));
    }
    for (const key of COLLECTIONS) {
      const arr = r.lists[key];
      if (!has(key) && arr.length === 0) continue;
      out[key] = this.cached(arr, () => arr.toArray().map((m) => (m instanceof Y.Map ? this.cached(m, () => readFields(m)) : m)));
    }
    const layoutKeys = LAYOUT.filter((k) => has(`layout.${k}`) || r.layout[k].size > 0);
    if (has("layout") || layoutKeys.length) {
      out.layout = Object.fromEntries(layoutKeys.map((k) => [k, this.cached(r.layout[k], () => r.layout[k].toJSON())]));
    }
    // Keep the document's key order as the format writes it.
    const ordered: Obj = {};
    for (const key of ["format", "name", "context", "defaults", "regions", "links", "nodes", "stores", "operations", "layout", "scenarios"]) {
      if (out[key] !== undefined) ordered[key] = out[key];
    }
    return ordered as unknown as Design;
  }
}

/** One-off read (tests, the server): the document the shared state holds. */
export function readDesign(doc: Y.Doc): Design {
  const projector = new DesignProjector(doc);
  try {
    return projector.read();
  } finally {
    projector.destroy();
  }
}
