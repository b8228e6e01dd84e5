import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("single-region-store", () => {
  it("warns when partitions must be handled and a store sits in one region", () => {
    const d = oneStore({ n: 3, replication: "consensus", store: { fencing: true }, context: { partitionTolerance: "must-handle" } });
    expect(findingsOf("single-region-store", d)).toMatchObject([{ severity: "warning", target: "s" }]);
  });
  it("is silent for single-datacenter designs and multi-region stores", () => {
    expect(findingsOf("single-region-store", oneStore({ n: 3, replication: "consensus", store: { fencing: true }, context: { partitionTolerance: "single-datacenter" } }))).toEqual([]);
    const spread = oneStore({ n: 3, replication: "consensus", regions: ["a", "b", "c"], links: [{ a: "a", b: "b", rttMs: 1 }, { a: "a", b: "c", rttMs: 1 }, { a: "b", b: "c", rttMs: 1 }], store: { fencing: true }, context: { partitionTolerance: "must-handle" } });
    expect(findingsOf("single-region-store", spread)).toEqual([]);
  });
});
