import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("redlock-correctness", () => {
  it("warns on a lock held on a leaderless store", () => {
    expect(findingsOf("redlock-correctness", oneStore({ n: 5, replication: "leaderless", store: { purpose: "lock", fencing: true, conflictResolution: "lww" } }))).toMatchObject([{ severity: "warning", target: "s" }]);
  });
  it("is silent for consensus locks", () => {
    expect(findingsOf("redlock-correctness", oneStore({ n: 3, replication: "consensus", store: { purpose: "lock", fencing: true } }))).toEqual([]);
  });
});
