import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPatch, diff, PatchReceiver, PatchSender, sameIdentity, sameStructure } from "./patch";

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.boolean(), fc.constant(null)),
  node: fc.oneof({ depthSize: "small" }, tie("leaf"), fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 3 }), tie("node"), { maxKeys: 4 })),
})).node;
const record = fc.dictionary(fc.constantFrom("a", "b", "c", "list", "other"), fc.oneof(value, fc.array(value, { maxLength: 6 })), { maxKeys: 5 });

describe("patches between the studio and its worker", () => {
  it("rebuild the object sent, whatever the previous one was (structure or identity)", () => {
    fc.assert(
      fc.property(fc.option(record, { nil: null }), record, (prev, next) => {
        for (const same of [sameStructure, sameIdentity]) {
          const rebuilt = applyPatch(prev === null ? null : structuredClone(prev), structuredClone(diff(prev, next, same)));
          expect(sameStructure(rebuilt, next)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("carry only what changed, and the receiver keeps its own objects for the rest", () => {
    const sender = new PatchSender<{ items: { n: number }[]; title: string; meta: { v: number } }>(sameStructure);
    const receiver = new PatchReceiver<{ items: { n: number }[]; title: string; meta: { v: number } }>();
    const items = Array.from({ length: 1000 }, (_, n) => ({ n }));
    const first = receiver.receive(structuredClone(sender.send({ items, title: "x", meta: { v: 1 } })));
    const patch = sender.send({ items: items.map((it) => (it.n === 500 ? { n: -1 } : { ...it })), title: "x", meta: { v: 1 } });
    // A fresh analysis equal but for one element: one element crosses.
    expect(patch.set).toEqual({});
    expect(patch.arrays.items.fresh).toEqual([{ n: -1 }]);
    const second = receiver.receive(structuredClone(patch));
    expect(second.items[499]).toBe(first.items[499]);
    expect(second.items[500]).toEqual({ n: -1 });
    expect(second.meta).toBe(first.meta);
  });

  it("tells NaN from null and 0 from -0, which JSON would not", () => {
    expect(sameStructure({ a: NaN }, { a: NaN })).toBe(true);
    expect(sameStructure({ a: NaN }, { a: null })).toBe(false);
    expect(sameStructure([0], [-0])).toBe(false);
    expect(sameStructure({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameStructure([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});
