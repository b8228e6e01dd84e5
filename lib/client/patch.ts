/**
 * What crosses between the studio and its analysis worker, sent as a difference from the last
 * object sent the same way. A 1,000-node design's analysis is ~6 MB of structured clone (about
 * 17 ms to read on the main thread of the 2-core bench machine, per keystroke); an edit changes
 * a few of its elements. Each side keeps the last object of its channel: a message carries the
 * top-level fields that changed and, in arrays, only the elements that changed — the receiver
 * keeps its own objects for the rest, so what did not change keeps its identity (memoised views
 * downstream see the same objects).
 *
 * Pure and synchronous; both sides must apply every message, in order (a worker's messages are).
 */

type Obj = Record<string, unknown>;

export interface Patch {
  /** Top-level fields replaced whole. */
  set: Obj;
  /** Array fields: each element is the previous one at `reuse[i]`, or the next of `fresh` where `reuse[i]` is -1. */
  arrays: Record<string, { reuse: number[]; fresh: unknown[] }>;
  /** Top-level fields gone. */
  removed: string[];
}

/** Same value: `===`. The sender's test, where unchanged parts are the same objects (the design). */
export const sameIdentity = (a: unknown, b: unknown) => a === b;

/**
 * Same value, by structure (`Object.is` on leaves, so NaN equals NaN and 0 differs from -0):
 * the worker's test, whose analyses are fresh objects every time.
 */
export function sameStructure(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameStructure(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !sameStructure((a as Obj)[k], (b as Obj)[k])) return false;
  return true;
}

/** `next` as a difference from `prev` (null: all of it). */
export function diff(prev: Obj | null, next: Obj, same: (a: unknown, b: unknown) => boolean): Patch {
  const patch: Patch = { set: {}, arrays: {}, removed: [] };
  for (const [key, value] of Object.entries(next)) {
    const before = prev?.[key];
    if (prev && Object.hasOwn(prev, key) && same(before, value)) continue;
    if (Array.isArray(value) && Array.isArray(before)) {
      const reuse: number[] = [];
      const fresh: unknown[] = [];
      value.forEach((item, i) => {
        if (i < before.length && same(before[i], item)) reuse.push(i);
        else {
          reuse.push(-1);
          fresh.push(item);
        }
      });
      patch.arrays[key] = { reuse, fresh };
    } else patch.set[key] = value;
  }
  if (prev) for (const key of Object.keys(prev)) if (!Object.hasOwn(next, key)) patch.removed.push(key);
  return patch;
}

/** The object `patch` describes, from `prev` (the object the sender's `prev` was). */
export function applyPatch<T extends object>(prev: T | null, patch: Patch): T {
  const before = (prev ?? {}) as Obj;
  const out: Obj = { ...before };
  for (const key of patch.removed) delete out[key];
  Object.assign(out, patch.set);
  for (const [key, { reuse, fresh }] of Object.entries(patch.arrays)) {
    const old = before[key];
    if (!Array.isArray(old)) throw new Error(`patch: "${key}" was not an array on this side`);
    let f = 0;
    out[key] = reuse.map((r) => (r >= 0 ? old[r] : fresh[f++]));
  }
  return out as T;
}

/** One direction of a channel: remembers what was last sent or received. */
export class PatchSender<T extends object> {
  private last: T | null = null;
  constructor(private readonly same: (a: unknown, b: unknown) => boolean) {}
  send(next: T): Patch {
    const patch = diff(this.last as Obj | null, next as Obj, this.same);
    this.last = next;
    return patch;
  }
}

export class PatchReceiver<T extends object> {
  private last: T | null = null;
  receive(patch: Patch): T {
    this.last = applyPatch(this.last, patch);
    return this.last;
  }
}
