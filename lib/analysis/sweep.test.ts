/** The what-if sweep: the Cassandra calculator's figures, on the drawn topology. */
import { describe, expect, it } from "vitest";
import { parseDesign } from "../design/validate";
import { applySweepRow, sweep } from "./sweep";
import { oneStore } from "./testing";

const cassandra = () =>
  oneStore({
    n: 3,
    replication: "leaderless",
    store: { conflictResolution: "lww" },
    operations: [
      { id: "w", name: "Write", type: "write", consistency: "eventual" },
      { id: "r", name: "Read", type: "read", consistency: "linearizable" },
    ],
  });

describe("what-if sweep", () => {
  it("leaderless: every (n, R, W) around the drawn n, current first", () => {
    const rows = sweep(cassandra(), "s");
    expect(rows[0]).toMatchObject({ current: true, key: "n=3 R=2 W=2" });
    // n = 1..5 with R, W in 1..n: 1 + 4 + 9 + 16 + 25 rows (one region: no LOCAL/EACH_QUORUM).
    expect(rows).toHaveLength(55);
    expect(rows.filter((r) => r.current)).toHaveLength(1);
  });

  it("the Cassandra calculator's answers: R + W > n is consistent; failures tolerated are n − max(R, W)", () => {
    const rows = sweep(cassandra(), "s");
    const row = (key: string) => rows.find((r) => r.key === key)!;
    expect(row("n=3 R=2 W=2")).toMatchObject({ staleReadProbability: 0, satisfied: 2, survives: { nodeFailures: 1 } });
    expect(row("n=3 R=1 W=1").staleReadProbability).toBeCloseTo(2 / 3, 12); // C(2,1)/C(3,1)
    expect(row("n=3 R=1 W=1")).toMatchObject({ satisfied: 1, survives: { nodeFailures: 2 } });
    expect(row("n=3 R=1 W=3")).toMatchObject({ staleReadProbability: 0, survives: { nodeFailures: 0 } });
    expect(row("n=5 R=3 W=3")).toMatchObject({ staleReadProbability: 0, survives: { nodeFailures: 2 } });
    // A stale linearizable read is an error: the verdict says so.
    expect(row("n=3 R=1 W=1").verdict).toBe("NEEDS_REVISION");
  });

  it("applying a row with a larger n adds replicas in the store's regions; the design stays valid", () => {
    const d = cassandra();
    const rows = sweep(d, "s");
    const applied = applySweepRow(d, "s", rows.find((r) => r.key === "n=5 R=3 W=3")!);
    expect(parseDesign(applied).ok).toBe(true);
    const store = applied.stores!.find((s) => s.id === "s")!;
    expect(store).toMatchObject({ readQuorum: 3, writeQuorum: 3 });
    expect(store.replicas).toHaveLength(5);
    // A smaller n keeps the first replicas and stays valid too.
    const shrunk = applySweepRow(d, "s", rows.find((r) => r.key === "n=1 R=1 W=1")!);
    expect(parseDesign(shrunk).ok).toBe(true);
    expect(shrunk.stores![0].replicas).toHaveLength(1);
  });

  it("consensus: n × read mode; a follower read is not linearizable", () => {
    const d = oneStore({
      n: 3,
      replication: "consensus",
      operations: [
        { id: "w", name: "Write", type: "write", consistency: "linearizable" },
        { id: "r", name: "Read", type: "read", consistency: "linearizable" },
      ],
    });
    const rows = sweep(d, "s");
    expect(rows[0].key).toBe("n=3 quorum");
    expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(["n=1 lease", "n=5 follower", "n=4 quorum"]));
    expect(rows.find((r) => r.key === "n=3 follower")!.satisfied).toBe(1);
    expect(rows.find((r) => r.key === "n=3 lease")!.satisfied).toBe(2);
    expect(rows.find((r) => r.key === "n=5 quorum")!.survives.nodeFailures).toBe(2);
    for (const r of rows) expect(parseDesign(applySweepRow(d, "s", r)).ok).toBe(true);
  });

  it("multi-region leaderless stores also try LOCAL_QUORUM and EACH_QUORUM", () => {
    const d = oneStore({
      n: 4,
      replication: "leaderless",
      regions: ["a", "a", "b", "b"],
      links: [{ a: "a", b: "b", rttMs: 80 }],
      store: { conflictResolution: "lww" },
      operations: [{ id: "w", name: "Write", type: "write", consistency: "eventual", clientRegion: "a" }],
    });
    const keys = sweep(d, "s").map((r) => r.key);
    expect(keys).toContain("n=4 R=local-quorum W=local-quorum");
    expect(keys).toContain("n=4 R=each-quorum W=2");
    const local = sweep(d, "s").find((r) => r.key === "n=4 R=1 W=local-quorum")!;
    expect(local.latencyMs.w).toBe(1 + 1); // callers → local coordinator, then the local majority
  });
});
