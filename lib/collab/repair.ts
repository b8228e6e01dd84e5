/**
 * Deterministic repair of a document merged from concurrent edits (docs/adr/0007-live-sessions.md).
 *
 * Each edit is valid on its own, but two valid edits made at once can merge into a document the
 * format refuses: a replica whose node someone else deleted, two nodes added under the same id, a
 * leader that is no longer a replica, a quorum larger than the replicas left. `repairDesign`
 * reads the problems `parseDesign` reports (by JSON path) and fixes each the least destructive
 * way: it drops a dangling reference from a list, resets a field that no longer fits to its
 * default, renames a duplicate, and drops an element only when it cannot stand without what was
 * deleted (a node without its region, an operation without its store, a store left with no
 * replica). Every change a person would notice comes with a note in words, by name.
 *
 * The same input always gives the same output, so every replica that repairs the same merge
 * writes the same changes. Shape problems (a wrong type, an unknown field) are not merges and are
 * not repaired: the result says which, and the caller refuses the update.
 *
 * @example
 * const { design, notes } = repairDesign(merged);
 * if (design) show(design, notes); else refuse(problems);
 */
import type { Design } from "../design/schema";
import { parseDesign, type Problem } from "../design/validate";

type Obj = Record<string, unknown>;
export type RepairResult =
  | { ok: true; design: Design; notes: string[]; changed: boolean }
  | { ok: false; problems: Problem[] };

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** `stores[1].replicas[2]` → `["stores", 1, "replicas", 2]`; `layout.nodes["a b"]` → `["layout", "nodes", "a b"]`. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]) as string);
  }
  return out;
}

const FIELD_WORDS: Record<string, string> = {
  leader: "leader",
  readQuorum: "read quorum",
  writeQuorum: "write quorum",
  quorum: "quorum",
  readMode: "read mode",
  clientRegion: "client region",
  zone: "zone",
};
const words = (field: string) => FIELD_WORDS[field] ?? field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
const KIND: Record<string, string> = { regions: "Region", nodes: "Node", stores: "Store", operations: "Operation", scenarios: "Scenario" };

function nameOf(item: unknown): string {
  if (!isObj(item)) return "an element";
  const name = typeof item.name === "string" ? item.name : typeof item.id === "string" ? item.id : "an element";
  return `“${name}”`;
}

interface Fix {
  /**
   * Order of application, highest first: field changes (3), then removals of list items (2), then
   * elements dropped (1), each from the highest index down, so no fix moves another's index.
   */
  sort: number[];
  apply: (doc: Obj) => void;
  note?: string;
}

function idsIn(doc: Obj): Set<string> {
  const ids = new Set<string>();
  for (const list of ["regions", "nodes", "stores", "operations"]) {
    for (const item of (doc[list] as unknown[] | undefined) ?? []) if (isObj(item) && typeof item.id === "string") ids.add(item.id);
  }
  return ids;
}

/** What to do about one problem, or null when it is not something a merge makes. */
function planFix(doc: Obj, problem: Problem): Fix | null {
  const path = parsePath(problem.path);
  const [list, index, field, k, j] = path;
  if (typeof list !== "string") return null;
  const items = doc[list];
  if (list === "layout" && typeof index === "string" && typeof field === "string") {
    return { sort: [3], apply: (d) => delete ((d.layout as Obj)[index] as Obj)[field] };
  }
  if (!Array.isArray(items) || typeof index !== "number") return null;
  const item = items[index];
  if (!isObj(item)) return null;
  const drop = (note?: string): Fix => ({ sort: [1, index], apply: (d) => (d[list] as unknown[]).splice(index, 1), note });
  const removeItem = (note?: string): Fix | null =>
    typeof field === "string" && typeof k === "number"
      ? { sort: [2, index, k], apply: (d) => ((d[list] as Obj[])[index][field] as unknown[]).splice(k, 1), note }
      : null;

  if (field === "id" && problem.message.startsWith("duplicate")) {
    const taken = idsIn(doc);
    const base = String(item.id);
    // The k-th repeat of an id becomes id-(k+1), so repeats fixed in one round stay distinct.
    let n = 1 + items.slice(0, index).filter((other) => isObj(other) && other.id === item.id).length;
    while (taken.has(`${base}-${n}`)) n++;
    const id = `${base}-${n}`;
    return {
      sort: [3, index],
      apply: (d) => ((d[list] as Obj[])[index].id = id),
      note: `${KIND[list] ?? "Element"} ${nameOf(item)} was added by two people at once under the same id; this one is now “${id}”.`,
    };
  }
  switch (list) {
    case "links":
      return drop();
    case "scenarios":
      if (field === "name") {
        const names = new Set(items.map((s) => (isObj(s) ? s.name : undefined)));
        let n = 2;
        while (names.has(`${String(item.name)} (${n})`)) n++;
        const name = `${String(item.name)} (${n})`;
        return { sort: [3, index], apply: (d) => ((d.scenarios as Obj[])[index].name = name), note: `Two scenarios named ${nameOf(item)} were saved at once; one is now “${name}”.` };
      }
      if (field === "split" && typeof k === "number" && typeof j === "number") {
        return { sort: [2, index, k, j], apply: (d) => (((d.scenarios as Obj[])[index].split as unknown[][])[k] as unknown[]).splice(j, 1) };
      }
      return removeItem();
    case "regions":
      return field === "zones" ? removeItem() : null;
    case "nodes":
      if (field === "region") return drop(`Node ${nameOf(item)} was removed: its region was deleted at the same time.`);
      if (field === "zone") {
        return { sort: [3, index], apply: (d) => delete (d.nodes as Obj[])[index].zone, note: `Node ${nameOf(item)} now sits in its region without a zone: its zone was deleted at the same time.` };
      }
      return null;
    case "stores": {
      if ((field === "replicas" || field === "learners") && typeof k === "number") {
        const gone = problem.message.startsWith("unknown node");
        return removeItem(gone && field === "replicas" ? `Store ${nameOf(item)} lost replica “${String((item[field] as unknown[])[k])}”: that node was deleted at the same time.` : undefined);
      }
      if (field === "replicas" && Array.isArray(item.replicas) && item.replicas.length === 0) {
        return drop(`Store ${nameOf(item)} was removed: every one of its replicas was deleted at the same time.`);
      }
      if (typeof field === "string" && field !== "id" && field !== "name" && field !== "replication" && field !== "replicas" && k === undefined) {
        return { sort: [3, index], apply: (d) => delete (d.stores as Obj[])[index][field], note: `Store ${nameOf(item)}: its ${words(field)} no longer fitted after edits made at the same time, so it is back to the default.` };
      }
      return null;
    }
    case "operations":
      if (field === "store") return drop(`Operation ${nameOf(item)} was removed: its store was deleted at the same time.`);
      if (typeof field === "string" && k === undefined && ["clientRegion", "quorum", "readMode"].includes(field)) {
        return { sort: [3, index], apply: (d) => delete (d.operations as Obj[])[index][field], note: `Operation ${nameOf(item)}: its ${words(field)} no longer fitted after edits made at the same time, so it is back to the default.` };
      }
      return null;
    default:
      return null;
  }
}

/** A deep copy of a JSON document (the repair edits the copy). */
const copy = (design: Design): Obj => JSON.parse(JSON.stringify(design)) as Obj;

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? -1) - (a[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Repairs what concurrent edits broke in `input`; valid input comes back as it is (same object,
 * `changed: false`). Problems that are not merge artefacts make the result `ok: false`.
 */
export function repairDesign(input: Design): RepairResult {
  let current = input as unknown as Obj;
  const notes: string[] = [];
  for (let round = 0; round < 8; round++) {
    const parsed = parseDesign(current);
    if (parsed.ok) return { ok: true, design: round === 0 ? input : parsed.design, notes, changed: round > 0 };
    const fixes = parsed.problems.map((p) => planFix(current, p));
    if (fixes.some((f) => f === null)) return { ok: false, problems: parsed.problems.filter((_, i) => fixes[i] === null) };
    const next = copy(current as unknown as Design);
    // One fix per element and field (a dropped element makes its other problems moot); removals from the end.
    const seen = new Set<string>();
    const planned = (fixes as Fix[]).map((fix, i) => ({ fix, list: parsePath(parsed.problems[i].path)[0], path: parsed.problems[i].path }));
    for (const { fix, list, path } of planned.sort((a, b) => compare(a.fix.sort, b.fix.sort))) {
      // A list item or an element is removed once, however many problems point at it.
      const key = fix.sort[0] === 3 ? path : `${String(list)}:${fix.sort.join(".")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fix.apply(next);
      if (fix.note && !notes.includes(fix.note)) notes.push(fix.note);
    }
    // Fixing one problem can reveal another (a store that lost its last replica): read them again.
    current = next;
  }
  const parsed = parseDesign(current);
  return parsed.ok ? { ok: true, design: parsed.design, notes, changed: true } : { ok: false, problems: parsed.problems };
}
