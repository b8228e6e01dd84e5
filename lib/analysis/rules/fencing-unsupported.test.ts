import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("fencing-unsupported", () => {
  it("errors on fencing: true on a leaderless lock", () => {
    const [f] = findingsOf("fencing-unsupported", oneStore({ n: 5, replication: "leaderless", store: { purpose: "lock", fencing: true, conflictResolution: "lww" } }));
    expect(f).toMatchObject({ severity: "error", target: "s" });
    expect(f.message).toContain("no counter");
  });
  it("is silent for fenced consensus locks and leaderless data stores", () => {
    expect(findingsOf("fencing-unsupported", oneStore({ n: 3, replication: "consensus", store: { purpose: "lock", fencing: true } }))).toEqual([]);
    expect(findingsOf("fencing-unsupported", oneStore({ n: 3, replication: "leaderless", store: { fencing: true, conflictResolution: "lww" } }))).toEqual([]);
  });
});
