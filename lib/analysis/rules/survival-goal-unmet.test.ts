import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

const links = [
  { a: "r1", b: "r2", rttMs: 10 },
  { a: "r1", b: "r3", rttMs: 20 },
  { a: "r2", b: "r3", rttMs: 15 },
];

describe("survival-goal-unmet", () => {
  it("zone (the default): errors on an operation that a zone loss stops, naming the zone", () => {
    const d = oneStore({ n: 3, replication: "consensus", zones: ["a", "a", "b"], operations: [{ id: "w", name: "Write", type: "write" }] });
    const [f] = findingsOf("survival-goal-unmet", d);
    expect(f).toMatchObject({ severity: "error", target: "w" });
    expect(f.message).toContain("does not survive the loss of zone r1/a (survival goal: zone, the default)");
    expect(f.message).toContain("one in each of 3 zones");
  });
  it("region: errors unless the voters are spread so a region loss leaves a majority (2 + 2 + 1)", () => {
    const threeTwo = oneStore({ n: 5, replication: "consensus", regions: ["r1", "r1", "r1", "r2", "r2"], links: links.slice(0, 1), context: { survivalGoal: "region" }, operations: [{ id: "w", type: "write" }] });
    const [f] = findingsOf("survival-goal-unmet", threeTwo);
    expect(f.message).toContain("does not survive the loss of region r1 (survival goal: region)");
    expect(f.message).toContain("voters in at least 3 regions (the design has 2)");
    const spread = oneStore({ n: 5, replication: "consensus", regions: ["r1", "r1", "r2", "r2", "r3"], links, context: { survivalGoal: "region" }, operations: [{ id: "w", type: "write" }] });
    expect(findingsOf("survival-goal-unmet", spread)).toEqual([]);
  });
  it("none: never; and an unknown survival (nodes without zones) raises nothing", () => {
    expect(findingsOf("survival-goal-unmet", oneStore({ n: 1, replication: "consensus", zones: ["a"], context: { survivalGoal: "none" } }))).toEqual([]);
    expect(findingsOf("survival-goal-unmet", oneStore({ n: 1, replication: "consensus" }))).toEqual([]);
  });
});
