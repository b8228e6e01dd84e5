import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("lock-without-fencing", () => {
  it("errors on a lock store without fencing, whatever its replication", () => {
    const [f] = findingsOf("lock-without-fencing", oneStore({ n: 3, replication: "leaderless", store: { purpose: "lock", conflictResolution: "lww" } }));
    expect(f).toMatchObject({ severity: "error", target: "s" });
    expect(f.message).toContain('grants locks without fencing tokens');
  });
  it("errors on a leader-elected store without fencing", () => {
    for (const replication of ["consensus", "primary-sync", "primary-async"] as const) {
      expect(findingsOf("lock-without-fencing", oneStore({ n: 3, replication }))[0].message).toContain("elects a leader");
    }
  });
  it("is silent with fencing, and for leaderless data stores", () => {
    expect(findingsOf("lock-without-fencing", oneStore({ n: 3, replication: "consensus", store: { fencing: true, purpose: "lock" } }))).toEqual([]);
    expect(findingsOf("lock-without-fencing", oneStore({ n: 3, replication: "leaderless", store: { conflictResolution: "lww" } }))).toEqual([]);
  });
});
