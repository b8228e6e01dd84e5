import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("even-consensus-size", () => {
  it("warns on an even number of voters and suggests n−1 or n+1", () => {
    const [f] = findingsOf("even-consensus-size", oneStore({ n: 4, replication: "consensus", store: { fencing: true } }));
    expect(f).toMatchObject({ severity: "warning", target: "s" });
    expect(f.message).toContain("tolerates 1 failures, the same as 3");
    expect(f.message).toContain("Use 3 or 5 replicas");
  });
  it("is silent for odd sizes and for non-consensus stores", () => {
    expect(findingsOf("even-consensus-size", oneStore({ n: 5, replication: "consensus", store: { fencing: true } }))).toEqual([]);
    expect(findingsOf("even-consensus-size", oneStore({ n: 4, replication: "leaderless", store: { conflictResolution: "lww" } }))).toEqual([]);
  });
});
