/**
 * Ids from names, and renaming an id everywhere the document refers to it.
 *
 * New elements get ids derived from their names ("US East" → `us-east`, a second → `us-east-2`), so
 * the ids a person meets in JSON paths, the CLI and the API read like the names. Ids do not follow
 * later renames of the name (a JSON path, a CLI script or a link may use them); only an explicit id
 * edit (`renameId`) changes one, and it rewrites every reference in the same edit.
 *
 * @example
 * slugify("Zürich Primär") // "zurich-primar"
 * idFromName("US East", ["us-east"], "region") // "us-east-2"
 * renameId(design, "store", "store-1", "orders").design // operations on it follow
 */
import { DesignCommandError } from "./commands";
import { ID_PATTERN, zoneKey, type Design, type Layout, type NamedScenario } from "./schema";

/** The kinds of element that have an id. A zone's id is written `region/zone` here. */
export const ID_KINDS = ["region", "zone", "node", "store", "operation"] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** One id change: `from` → `to` (zones as `region/zone`). */
export interface IdRename {
  kind: IdKind;
  from: string;
  to: string;
}

const ID_MAX = 64;

/** Letters NFKD does not take apart into a base letter and a mark. */
const TRANSLITERATE: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
  ħ: "h",
  ŋ: "ng",
};

/**
 * A name as an id: lowercase ASCII letters, digits and single `-`, accents dropped (é → e,
 * ß → ss), at most `max` characters; "" when nothing of the name is left (a name in another script).
 */
export function slugify(name: string, max = ID_MAX): string {
  const ascii = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[\u0080-\uffff]/g, (c) => TRANSLITERATE[c] ?? "-");
  const slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug.slice(0, max).replace(/-+$/, "");
}

/**
 * An unused id for an element named `name`: its slug, or `fallback` when the name gives none,
 * made unique against `taken` with `-2`, `-3`… (cut so that the whole stays within 64 characters).
 */
export function idFromName(name: string, taken: Iterable<string>, fallback: string): string {
  const used = new Set(taken);
  const base = slugify(name) || slugify(fallback) || "x";
  if (!used.has(base)) return base;
  for (let k = 2; ; k++) {
    const suffix = `-${k}`;
    const candidate = `${base.slice(0, ID_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * The ids a new region, node, store or operation must not take: every id of those four lists.
 * The format asks only for uniqueness within a list; one namespace keeps an id naming one element
 * (a finding's target, a comment's pin, `elementName`) unambiguous.
 */
export function elementIds(design: Design): Set<string> {
  const ids = new Set<string>();
  for (const list of [design.regions, design.nodes, design.stores, design.operations]) for (const x of list ?? []) ids.add(x.id);
  return ids;
}

/** The first `${label} ${k}` (k = 1, 2, …) whose name and id are both free: "Region 1" / `region-1`. */
export function defaultName(label: string, takenNames: Iterable<string>, takenIds: ReadonlySet<string>): string {
  const names = new Set(takenNames);
  for (let k = 1; ; k++) {
    const name = `${label} ${k}`;
    if (!names.has(name) && !takenIds.has(slugify(name))) return name;
  }
}

type Named = { id: string; name: string };

function listOf(design: Design, kind: Exclude<IdKind, "zone">): readonly Named[] {
  switch (kind) {
    case "region":
      return design.regions ?? [];
    case "node":
      return design.nodes ?? [];
    case "store":
      return design.stores ?? [];
    case "operation":
      return design.operations ?? [];
  }
}

const KIND_WORD: Record<IdKind, string> = { region: "region", zone: "zone", node: "node", store: "store", operation: "operation" };

function splitZone(key: string): [string, string] {
  const slash = key.indexOf("/");
  if (slash <= 0) throw new DesignCommandError(`a zone is written "region/zone", not "${key}"`);
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/**
 * Why `to` cannot become the id of the `kind` element `from`, in words for the person typing it,
 * or null when it can. For a zone, `from` is `region/zone` and `to` the new zone id alone.
 */
export function idProblem(design: Design, kind: IdKind, from: string, to: string): string | null {
  if (to === "") return "An id cannot be empty";
  if (to.length > ID_MAX) return `An id has at most ${ID_MAX} characters (this one has ${to.length})`;
  if (!ID_PATTERN.test(to)) {
    const bad = [...to].find((c) => !/[A-Za-z0-9._-]/.test(c));
    return `An id takes only letters, digits, "-", "_" and "." (not ${bad === " " ? "a space" : `"${bad}"`})`;
  }
  if (kind === "zone") {
    const [regionId, zone] = splitZone(from);
    const region = design.regions?.find((r) => r.id === regionId);
    if (!region?.zones?.includes(zone)) return `There is no zone "${from}"`;
    if (to !== zone && region.zones.includes(to)) return `${region.name} already has a zone "${to}"`;
    return null;
  }
  if (!listOf(design, kind).some((x) => x.id === from)) return `There is no ${KIND_WORD[kind]} "${from}"`;
  if (to === from) return null;
  for (const other of ["region", "node", "store", "operation"] as const) {
    const holder = listOf(design, other).find((x) => x.id === to);
    if (holder) return `“${holder.name}” (a ${KIND_WORD[other]}) already has the id "${to}"`;
  }
  return null;
}

const swap = (id: string, from: string, to: string) => (id === from ? to : id);

/** `record` with key `from` renamed `to`, the order of keys kept (canonical output diffs cleanly). */
function renameKeys<T>(record: Record<string, T> | undefined, rename: (key: string) => string): Record<string, T> | undefined {
  if (!record) return record;
  let changed = false;
  const entries = Object.entries(record).map(([k, v]) => {
    const next = rename(k);
    if (next !== k) changed = true;
    return [next, v] as const;
  });
  return changed ? Object.fromEntries(entries) : record;
}

function renameLayout(layout: Layout | undefined, keys: { regions?: (k: string) => string; zones?: (k: string) => string; nodes?: (k: string) => string }): Layout | undefined {
  if (!layout) return layout;
  const next: Layout = { ...layout };
  if (keys.regions && layout.regions) next.regions = renameKeys(layout.regions, keys.regions);
  if (keys.zones && layout.zones) next.zones = renameKeys(layout.zones, keys.zones);
  if (keys.nodes && layout.nodes) next.nodes = renameKeys(layout.nodes, keys.nodes);
  return next;
}

function renameScenarios(
  scenarios: NamedScenario[] | undefined,
  ids: { region?: (id: string) => string; zone?: (key: string) => string; node?: (id: string) => string },
): NamedScenario[] | undefined {
  if (!scenarios) return scenarios;
  return scenarios.map((sc) => {
    const next: NamedScenario = { ...sc };
    if (ids.region && sc.failRegions) next.failRegions = sc.failRegions.map(ids.region);
    if (ids.region && sc.split) next.split = sc.split.map((side) => side.map(ids.region!));
    if (ids.zone && sc.failZones) next.failZones = sc.failZones.map(ids.zone);
    if (ids.node && sc.failNodes) next.failNodes = sc.failNodes.map(ids.node);
    return next;
  });
}

/**
 * The id changes a rename makes, the one asked for and those it implies: renaming a region renames
 * each of its zones (`old/a` → `new/a`), since zones are addressed as `region/zone`.
 */
export function impliedRenames(design: Design, kind: IdKind, from: string, to: string): IdRename[] {
  if (kind === "zone") {
    const [regionId] = splitZone(from);
    return from === zoneKey(regionId, to) ? [] : [{ kind, from, to: zoneKey(regionId, to) }];
  }
  if (from === to) return [];
  const out: IdRename[] = [{ kind, from, to }];
  if (kind === "region") {
    for (const z of design.regions?.find((r) => r.id === from)?.zones ?? []) out.push({ kind: "zone", from: zoneKey(from, z), to: zoneKey(to, z) });
  }
  return out;
}

/**
 * Renames the id of a region, zone, node, store or operation and every reference to it: node
 * regions and zones, links, callers' regions, store replicas / leader / learners, operation
 * stores, layout keys and simulator scenarios. For a zone, `oldId` is `region/zone` and `newId`
 * the new zone id (or `region/newZone`). Refuses (DesignCommandError) an id that is not valid or
 * already taken; returns the design unchanged when the id stays the same.
 *
 * @example renameId(d, "region", "region-1", "us-east") // nodes, links, layout follow
 */
export function renameId(design: Design, kind: IdKind, oldId: string, newId: string): Design {
  let to = newId;
  if (kind === "zone") {
    const [regionId] = splitZone(oldId);
    if (newId.startsWith(`${regionId}/`)) to = newId.slice(regionId.length + 1);
  }
  const problem = idProblem(design, kind, oldId, to);
  if (problem) throw new DesignCommandError(problem);
  switch (kind) {
    case "region":
      return oldId === to ? design : renameRegion(design, oldId, to);
    case "zone":
      return renameZone(design, oldId, to);
    case "node":
      return oldId === to ? design : renameNode(design, oldId, to);
    case "store":
      if (oldId === to) return design;
      return patch(design, {
        stores: design.stores?.map((s) => (s.id === oldId ? { ...s, id: to } : s)),
        operations: design.operations?.map((o) => (o.store === oldId ? { ...o, store: to } : o)),
      });
    case "operation":
      if (oldId === to) return design;
      return patch(design, { operations: design.operations?.map((o) => (o.id === oldId ? { ...o, id: to } : o)) });
  }
}

/** `design` with the fields of `changes` that it has (an omitted list stays omitted). */
function patch(design: Design, changes: Partial<Design>): Design {
  const next: Design = { ...design };
  for (const [key, value] of Object.entries(changes) as [keyof Design, unknown][]) if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  return next;
}

function renameRegion(design: Design, from: string, to: string): Design {
  const id = (x: string) => swap(x, from, to);
  const zone = (key: string) => (key.startsWith(`${from}/`) ? `${to}${key.slice(from.length)}` : key);
  return patch(design, {
    regions: design.regions?.map((r) => (r.id === from ? { ...r, id: to } : r)),
    nodes: design.nodes?.map((n) => (n.region === from ? { ...n, region: to } : n)),
    operations: design.operations?.map((o) => (o.clientRegion === from ? { ...o, clientRegion: to } : o)),
    links: design.links?.map((l) => (l.a === from || l.b === from ? { ...l, a: id(l.a), b: id(l.b) } : l)),
    layout: renameLayout(design.layout, { regions: id, zones: zone }),
    scenarios: renameScenarios(design.scenarios, { region: id, zone }),
  });
}

function renameZone(design: Design, fromKey: string, to: string): Design {
  const [regionId, from] = splitZone(fromKey);
  if (from === to) return design;
  const key = (k: string) => swap(k, fromKey, zoneKey(regionId, to));
  return patch(design, {
    regions: design.regions?.map((r) => (r.id === regionId && r.zones ? { ...r, zones: r.zones.map((z) => swap(z, from, to)) } : r)),
    nodes: design.nodes?.map((n) => (n.region === regionId && n.zone === from ? { ...n, zone: to } : n)),
    layout: renameLayout(design.layout, { zones: key }),
    scenarios: renameScenarios(design.scenarios, { zone: key }),
  });
}

function renameNode(design: Design, from: string, to: string): Design {
  const id = (x: string) => swap(x, from, to);
  return patch(design, {
    nodes: design.nodes?.map((n) => (n.id === from ? { ...n, id: to } : n)),
    stores: design.stores?.map((s) => {
      if (!s.replicas.includes(from) && s.leader !== from && !s.learners?.includes(from)) return s;
      const store = { ...s, replicas: s.replicas.map(id) };
      if (s.leader !== undefined) store.leader = id(s.leader);
      if (s.learners) store.learners = s.learners.map(id);
      return store;
    }),
    layout: renameLayout(design.layout, { nodes: id }),
    scenarios: renameScenarios(design.scenarios, { node: id }),
  });
}
