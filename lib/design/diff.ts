/**
 * What changed between two versions of a design, element by element (matched by id), for the
 * History panel's one-line summaries. Pure: no analysis here (see lib/analysis/diff.ts).
 */
import type { Design } from "./schema";

export type ElementKind = "regions" | "nodes" | "stores" | "operations" | "links";

export interface ElementChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface DesignChanges {
  renamed: { from: string; to: string } | null;
  /** Per collection, the ids (names for the summary are looked up by the caller) that changed. */
  elements: Record<ElementKind, ElementChanges>;
  context: boolean;
  defaults: boolean;
  /** Only positions or frame sizes moved. */
  layout: boolean;
  scenarios: boolean;
}

const KINDS: readonly ElementKind[] = ["regions", "nodes", "stores", "operations", "links"];

/** Elements by id; a latency link by its two ends in either order (a↔b is b↔a). */
function keyed(kind: ElementKind, items: readonly object[] | undefined): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const item of items ?? []) {
    if (kind === "links") {
      const { a, b, ...rest } = item as { a: string; b: string };
      const ends = [a, b].sort();
      map.set(ends.join("↔"), { ...rest, ends });
    } else map.set(String((item as { id: string }).id), item);
  }
  return map;
}

/** Stable JSON (keys sorted) so that reordered keys are not a change. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function compare(kind: ElementKind, before: readonly object[] | undefined, after: readonly object[] | undefined): ElementChanges {
  const a = keyed(kind, before);
  const b = keyed(kind, after);
  const changes: ElementChanges = { added: [], removed: [], changed: [] };
  for (const [id, item] of b) {
    const old = a.get(id);
    if (old === undefined) changes.added.push(id);
    else if (old !== item && stable(old) !== stable(item)) changes.changed.push(id);
  }
  for (const id of a.keys()) if (!b.has(id)) changes.removed.push(id);
  return changes;
}

/** Element-level differences from `before` to `after`. */
export function diffDesigns(before: Design, after: Design): DesignChanges {
  const elements = Object.fromEntries(KINDS.map((kind) => [kind, compare(kind, before[kind], after[kind])])) as Record<ElementKind, ElementChanges>;
  return {
    renamed: before.name === after.name ? null : { from: before.name, to: after.name },
    elements,
    context: stable(before.context) !== stable(after.context),
    defaults: stable(before.defaults) !== stable(after.defaults),
    layout: stable(before.layout) !== stable(after.layout),
    scenarios: stable(before.scenarios) !== stable(after.scenarios),
  };
}

const NOUNS: Record<ElementKind, [string, string]> = {
  regions: ["region", "regions"],
  nodes: ["node", "nodes"],
  stores: ["store", "stores"],
  operations: ["operation", "operations"],
  links: ["latency link", "latency links"],
};

const count = (n: number, kind: ElementKind) => `${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`;

/** The change line of two identical documents. */
export const NO_CHANGES = "No changes";

/**
 * One line for the History panel, most significant first, e.g.
 * `+2 nodes, −1 store, 3 operations changed, layout`. "No changes" when nothing differs.
 */
export function summarizeChanges(changes: DesignChanges): string {
  const parts: string[] = [];
  if (changes.renamed) parts.push(`renamed to “${changes.renamed.to}”`);
  for (const kind of KINDS) {
    const { added, removed, changed } = changes.elements[kind];
    if (added.length) parts.push(`+${count(added.length, kind)}`);
    if (removed.length) parts.push(`−${count(removed.length, kind)}`);
    if (changed.length) parts.push(`${count(changed.length, kind)} changed`);
  }
  if (changes.context) parts.push("context");
  if (changes.defaults) parts.push("defaults");
  if (changes.scenarios) parts.push("scenarios");
  if (changes.layout && parts.length === 0) parts.push("layout only");
  else if (changes.layout) parts.push("layout");
  return parts.length ? parts.join(", ") : NO_CHANGES;
}

/**
 * True when nothing but positions or frame sizes differ (or nothing at all): such a save never
 * makes a version of its own (docs/adr/0003-revision-coalescing.md).
 */
export function onlyLayoutChanged(changes: DesignChanges): boolean {
  return (
    changes.renamed === null &&
    !changes.context &&
    !changes.defaults &&
    !changes.scenarios &&
    KINDS.every((kind) => {
      const { added, removed, changed } = changes.elements[kind];
      return added.length === 0 && removed.length === 0 && changed.length === 0;
    })
  );
}
