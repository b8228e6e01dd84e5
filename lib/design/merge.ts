/**
 * Three-way merge of design documents, for a save refused because the design changed elsewhere
 * (409): `base` is the version both sides started from, `theirs` the version saved meanwhile,
 * `mine` the edits made here. Elements are matched by id (regions, nodes, stores, operations),
 * latency links by their two ends, scenarios by name; inside an element, field by field. A field
 * changed on one side takes that side's value; changed on both sides to different values, it is a
 * conflict, resolved by `prefer` (mine by default) and reported with the element's name. Lists of
 * ids (a store's replicas, a region's zones) merge as sets: what either side added or removed.
 * Layout (positions, frame sizes) never conflicts: where both moved the same thing, `prefer` wins
 * silently. Pure: no React, no DOM.
 *
 * @example
 * const { design, conflicts } = mergeDesigns(base, theirs, mine);
 * if (conflicts.length === 0) save(design); // both edits kept
 */
import type { Design } from "./schema";

export type MergeSection = "design" | "context" | "defaults" | "regions" | "nodes" | "stores" | "operations" | "links" | "scenarios";

export interface MergeConflict {
  section: MergeSection;
  /** The element's key (id, "a↔b" for a link, the name of a scenario); "" for the design itself, its context and defaults. */
  key: string;
  /** The element as people name it ("Orders DB"), or the section ("System context"). */
  element: string;
  /** The field inside the element ("replication", "quorum.write"); "(deleted)" when one side deleted what the other edited. */
  field: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult {
  design: Design;
  conflicts: MergeConflict[];
}

type Json = unknown;
type Obj = Record<string, Json>;

const isObject = (v: Json): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Stable JSON (keys sorted, undefined keys left out) so key order is never a difference. */
function stable(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(value[k])}`)
      .join(",")}}`;
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}
const same = (a: Json, b: Json) => a === b || stable(a) === stable(b);

/** Collections merged element by element, and how an element is keyed. */
const KEYED: Record<string, (item: Obj) => string> = {
  regions: (r) => String(r.id),
  nodes: (n) => String(n.id),
  stores: (s) => String(s.id),
  operations: (o) => String(o.id),
  scenarios: (s) => String(s.name),
  links: (l) => [String(l.a), String(l.b)].sort().join("↔"),
};

interface Context {
  prefer: "mine" | "theirs";
  conflicts: MergeConflict[];
  /** Where a conflict is reported; null: resolved silently (layout). */
  report: { section: MergeSection; key: string } | null;
}

const isPrimitiveList = (v: Json): v is (string | number | boolean)[] => Array.isArray(v) && v.every((x) => typeof x !== "object" || x === null);

/** What either side added or removed, in mine's order then theirs' additions. */
function mergeSet(base: readonly Json[], theirs: readonly Json[], mine: readonly Json[]): Json[] {
  const has = (list: readonly Json[], x: Json) => list.some((y) => same(x, y));
  const removedByThem = base.filter((x) => !has(theirs, x));
  const out = mine.filter((x) => !has(removedByThem, x));
  for (const x of theirs) if (!has(base, x) && !has(out, x)) out.push(x);
  return out;
}

function conflict(ctx: Context, path: string[], base: Json, theirs: Json, mine: Json): Json {
  if (ctx.report) ctx.conflicts.push({ ...ctx.report, element: "", field: path.join(".") || "(value)", base, mine, theirs });
  return ctx.prefer === "mine" ? mine : theirs;
}

/** The three-way merge of one value (undefined: absent). */
function merge(base: Json, theirs: Json, mine: Json, path: string[], ctx: Context): Json {
  if (same(theirs, mine)) return mine;
  if (same(base, theirs)) return mine;
  if (same(base, mine)) return theirs;
  // Both sides changed it, differently.
  if (isObject(theirs) && isObject(mine) && (base === undefined || isObject(base))) {
    const b = (base ?? {}) as Obj;
    const out: Obj = {};
    const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs), ...Object.keys(b)])];
    for (const key of keys) {
      const value = merge(b[key], theirs[key], mine[key], [...path, key], ctx);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  if (isPrimitiveList(theirs) && isPrimitiveList(mine) && (base === undefined || isPrimitiveList(base))) {
    return mergeSet((base ?? []) as Json[], theirs, mine);
  }
  return conflict(ctx, path, base, theirs, mine);
}

/** A collection merged element by element: mine's order, then elements only theirs added. */
function mergeCollection(section: MergeSection, keyOf: (item: Obj) => string, base: Obj[], theirs: Obj[], mine: Obj[], ctx: Context): Obj[] {
  const index = (list: Obj[]) => new Map(list.map((item) => [keyOf(item), item]));
  const b = index(base);
  const t = index(theirs);
  const m = index(mine);
  const order = [...m.keys(), ...[...t.keys()].filter((k) => !m.has(k) && !b.has(k))];
  // Elements only theirs kept (mine deleted them) come back when theirs edited them: a conflict.
  for (const k of t.keys()) if (!m.has(k) && b.has(k) && !order.includes(k)) order.push(k);
  const out: Obj[] = [];
  for (const key of order) {
    const inBase = b.get(key);
    const inTheirs = t.get(key);
    const inMine = m.get(key);
    const report = { section, key };
    if (inMine && inTheirs) {
      const before = ctx.conflicts.length;
      const merged = merge(inBase, inTheirs, inMine, [], { ...ctx, report }) as Obj;
      for (const c of ctx.conflicts.slice(before)) c.element = nameOf(merged, key);
      out.push(merged);
    } else if (inMine && !inTheirs) {
      if (!inBase) out.push(inMine); // added here
      else if (!same(inBase, inMine)) {
        // Deleted there, edited here.
        ctx.conflicts.push({ section, key, element: nameOf(inMine, key), field: "(deleted)", base: inBase, mine: inMine, theirs: undefined });
        if (ctx.prefer === "mine") out.push(inMine);
      }
      // else: deleted there, untouched here → deleted.
    } else if (inTheirs && !inMine) {
      if (!inBase) out.push(inTheirs); // added there
      else if (!same(inBase, inTheirs)) {
        // Deleted here, edited there.
        ctx.conflicts.push({ section, key, element: nameOf(inTheirs, key), field: "(deleted)", base: inBase, mine: undefined, theirs: inTheirs });
        if (ctx.prefer === "theirs") out.push(inTheirs);
      }
    }
  }
  return out;
}

const nameOf = (item: Obj, key: string) => (typeof item.name === "string" && item.name ? item.name : key);

const SECTION_NAMES: Partial<Record<MergeSection, string>> = { design: "Design", context: "System context", defaults: "Defaults" };

/**
 * Merges `mine` and `theirs`, both edited from `base`. With no conflicts the result holds both
 * sides' edits; each conflict is resolved by `prefer` (both resolutions are one call away).
 */
export function mergeDesigns(base: Design, theirs: Design, mine: Design, options: { prefer?: "mine" | "theirs" } = {}): MergeResult {
  const ctx: Context = { prefer: options.prefer ?? "mine", conflicts: [], report: null };
  const b = base as unknown as Obj;
  const t = theirs as unknown as Obj;
  const m = mine as unknown as Obj;
  const out: Obj = {};
  const keys = [...new Set([...Object.keys(m), ...Object.keys(t), ...Object.keys(b)])];
  for (const key of keys) {
    let value: Json;
    if (key in KEYED && (Array.isArray(t[key]) || Array.isArray(m[key]))) {
      const list = (v: Json) => (Array.isArray(v) ? (v as Obj[]) : []);
      if (same(t[key], m[key])) value = m[key];
      else if (same(b[key], t[key])) value = m[key];
      else if (same(b[key], m[key])) value = t[key];
      else value = mergeCollection(key as MergeSection, KEYED[key], list(b[key]), list(t[key]), list(m[key]), ctx);
    } else {
      const section: MergeSection | null = key === "layout" ? null : key === "context" || key === "defaults" ? key : "design";
      const before = ctx.conflicts.length;
      value = merge(b[key], t[key], m[key], section === "design" ? [key] : [], { ...ctx, report: section ? { section, key: "" } : null });
      for (const c of ctx.conflicts.slice(before)) c.element = SECTION_NAMES[c.section] ?? c.section;
    }
    if (value !== undefined) out[key] = value;
  }
  // A latency link is named by its regions' names, never by their ids.
  const regionName = new Map<string, string>();
  for (const d of [base, theirs, mine, out as unknown as Design]) for (const r of d.regions ?? []) regionName.set(r.id, r.name);
  for (const c of ctx.conflicts) {
    if (c.section !== "links") continue;
    const link = [mine, theirs, base].flatMap((d) => d.links ?? []).find((l) => KEYED.links(l as unknown as Obj) === c.key);
    c.element = (link ? [link.a, link.b] : c.key.split("↔")).map((id) => regionName.get(id) ?? id).join(" ↔ ");
  }
  return { design: out as unknown as Design, conflicts: ctx.conflicts };
}

const SECTION_KIND: Record<MergeSection, string> = {
  design: "design",
  context: "context",
  defaults: "defaults",
  regions: "region",
  nodes: "node",
  stores: "store",
  operations: "operation",
  links: "latency link",
  scenarios: "scenario",
};

const FIELD_WORDS: Record<string, string> = { rttMs: "round-trip time", slo: "SLO", latencySloMs: "latency SLO", availabilitySlo: "availability SLO" };

/** A field path as people read it: `electionTimeoutMs` → "election timeout (ms)", `sharding.shards` → "sharding › shards". */
export function fieldLabel(path: string): string {
  return path
    .split(".")
    .map((key) => FIELD_WORDS[key] ?? key.replace(/Ms$/, " (ms)").replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`))
    .join(" › ");
}

/** One line per conflict, by name: `Node “Orders DB”: name`, `Store “Ledger”: replication`. */
export function describeConflict(c: MergeConflict): string {
  if (c.section === "design" || c.section === "context" || c.section === "defaults") return `${c.element}: ${fieldLabel(c.field)}`;
  const what = `${SECTION_KIND[c.section][0].toUpperCase()}${SECTION_KIND[c.section].slice(1)} “${c.element}”`;
  if (c.field === "(deleted)") return `${what}: ${c.mine === undefined ? "deleted here, edited there" : "deleted there, edited here"}`;
  return `${what}: ${fieldLabel(c.field)}`;
}
