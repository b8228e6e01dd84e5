import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import type { Design } from "../design/schema";
import { designArbitrary } from "./arbitraries";
import { diffAnalyses } from "./diff";
import { analyze } from "./index";

describe("diffAnalyses", () => {
  it("is empty between a design and itself", () => {
    fc.assert(
      fc.property(designArbitrary, (design) => {
        expect(diffAnalyses(analyze(design), analyze(design)).same).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("names the finding a change introduced, the verdict change, and the figures that moved", () => {
    // Moving the Raft leader to Singapore puts the US transfer's commit over its 250 ms SLO.
    const moved: Design = { ...raftLedger, stores: raftLedger.stores!.map((s) => ({ ...s, leader: "ledger-3" })) };
    const before = analyze(raftLedger);
    const after = analyze(moved);
    const diff = diffAnalyses(before, after);
    expect(diff.appeared).toContainEqual(expect.objectContaining({ rule: "latency-slo", target: "transfer" }));
    expect(diff.verdict).toEqual({ before: "SOUND", after: "NEEDS_REVISION" });
    // And back: the same finding disappears.
    expect(diffAnalyses(after, before).disappeared).toContainEqual(expect.objectContaining({ rule: "latency-slo", target: "transfer" }));
    expect(diff.same).toBe(false);
  });

  it("reports per-operation latency and satisfaction changes when the leader moves", () => {
    const moved: Design = { ...raftLedger, stores: raftLedger.stores!.map((s) => ({ ...s, leader: "ledger-3" })) };
    const before = analyze(raftLedger);
    const after = analyze(moved);
    const diff = diffAnalyses(before, after);
    const transfer = diff.operations.find((o) => o.id === "transfer");
    expect(transfer?.status).toBe("changed");
    expect(transfer?.latencyMs).toEqual({
      before: before.operations.find((o) => o.id === "transfer")!.latencyMs,
      after: after.operations.find((o) => o.id === "transfer")!.latencyMs,
    });
    expect(transfer!.latencyMs!.after!).toBeGreaterThan(transfer!.latencyMs!.before!);
    if (before.verdict !== after.verdict) expect(diff.verdict).toEqual({ before: before.verdict, after: after.verdict });
  });

  it("lists added and removed operations", () => {
    const fewer: Design = { ...raftLedger, operations: raftLedger.operations!.filter((o) => o.id !== "statement") };
    const diff = diffAnalyses(analyze(raftLedger), analyze(fewer));
    expect(diff.operations).toContainEqual({ id: "statement", name: "Monthly statement", status: "removed" });
    expect(diffAnalyses(analyze(fewer), analyze(raftLedger)).operations).toContainEqual({ id: "statement", name: "Monthly statement", status: "added" });
  });
});
