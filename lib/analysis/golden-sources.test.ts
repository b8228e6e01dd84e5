/**
 * Golden tests from PUBLISHED SOURCES for analysis-model.md, version 2.
 *
 * Every case names its source (URL) and quotes, in a comment right above it, the sentence, table
 * row or line of code its numbers come from. The expected values are taken from those sources (or
 * from the source's own formula applied to the case's inputs), never from running the engine.
 * Where the stored copy that was actually read differs from the canonical URL (a GitHub source of
 * the page, a draft of the paper), both are given.
 *
 * Where a source disagrees with analysis-model.md the case is written from the source and skipped,
 * with the disagreement spelled out (see "MongoDB" under Abadi): the spec wins until it is changed on
 * purpose, but the disagreement stays visible here.
 *
 * Round-trip times in multi-region designs are illustrative inputs; the sources' claims about them
 * are relational ("at least as much as the round-trip time to the nearest region") and are tested
 * as such.
 */
import { describe, expect, it } from "vitest";
import type { ConsistencyLevel, Design } from "../design/schema";
import { formatProblem, parseDesign } from "../design/validate";
import { analyze, type Analysis } from "./index";
import { oneStore, type OneStoreOptions } from "./testing";

/** The design, after checking it validates; a design that does not fails the test with every problem listed. */
function valid(design: Design): Design {
  const result = parseDesign(design);
  if (!result.ok) throw new Error(`the design does not validate:\n${result.problems.map(formatProblem).join("\n")}`);
  return design;
}

/** Analyzes a validated one-store design (nodes n1..nN, store "s"). */
function run(options: OneStoreOptions): Analysis {
  return analyze(valid(oneStore(options)));
}

function op(analysis: Analysis, id: string) {
  const found = analysis.operations.find((o) => o.id === id);
  if (!found) throw new Error(`no operation "${id}" in the analysis (have: ${analysis.operations.map((o) => o.id).join(", ")})`);
  return found;
}

function findings(analysis: Analysis, rule: string) {
  return analysis.findings.filter((f) => f.rule === rule);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// 1. etcd FAQ, tuning guide and failure modes
// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe("etcd FAQ: majority and failure tolerance by cluster size (consensus store)", () => {
  // Source: https://etcd.io/docs/v3.5/faq/#what-is-failure-tolerance
  // (read from github.com/etcd-io/website, content/en/docs/v3.5/faq.md)
  // "An etcd cluster needs a majority of nodes, a quorum, to agree on updates to the cluster state.
  //  For a cluster with n members, quorum is (n/2)+1."
  // Table "| Cluster Size | Majority | Failure Tolerance |", one row per case below.
  const rows: { n: number; majority: number; tolerance: number }[] = [
    // | 1 | 1 | 0 |
    { n: 1, majority: 1, tolerance: 0 },
    // | 2 | 2 | 0 |
    { n: 2, majority: 2, tolerance: 0 },
    // | 3 | 2 | 1 |
    { n: 3, majority: 2, tolerance: 1 },
    // | 4 | 3 | 1 |
    { n: 4, majority: 3, tolerance: 1 },
    // | 5 | 3 | 2 |
    { n: 5, majority: 3, tolerance: 2 },
    // | 6 | 4 | 2 |
    { n: 6, majority: 4, tolerance: 2 },
    // | 7 | 4 | 3 |
    { n: 7, majority: 4, tolerance: 3 },
    // | 8 | 5 | 3 |
    { n: 8, majority: 5, tolerance: 3 },
    // | 9 | 5 | 4 |
    { n: 9, majority: 5, tolerance: 4 },
  ];
  for (const row of rows) {
    it(`| ${row.n} | ${row.majority} | ${row.tolerance} |: majority, tolerated write and read failures`, () => {
      const store = run({ n: row.n, replication: "consensus" }).stores[0];
      expect(store.n).toBe(row.n);
      expect(store.majority).toBe(row.majority);
      expect(store.toleratedWriteFailures).toBe(row.tolerance);
      expect(store.toleratedReadFailures).toBe(row.tolerance);
    });
  }

  // Same page: "It is recommended to have an odd number of members in a cluster. An odd-size
  // cluster tolerates the same number of failures as an even-size cluster but with fewer nodes."
  // and "Adding a member to bring the size of cluster up to an even number doesn't buy additional
  // fault tolerance." A recommendation, so a warning on the store (rule "even-consensus-size").
  for (let n = 1; n <= 9; n++) {
    const even = n % 2 === 0;
    it(`n = ${n}: ${even ? "even → even-consensus-size warning on the store" : "odd → no even-consensus-size finding"}`, () => {
      const found = findings(run({ n, replication: "consensus" }), "even-consensus-size");
      if (even) {
        expect(found).toHaveLength(1);
        expect(found[0].severity).toBe("warning");
        expect(found[0].target).toBe("s");
      } else {
        expect(found).toEqual([]);
      }
    });
  }

  // Source: https://etcd.io/docs/v3.5/tuning/ (read from etcd-io/website, content/en/docs/v3.5/tuning.md)
  // "By default, etcd uses a `1000ms` election timeout."
  // Source: https://etcd.io/docs/v3.4/op-guide/failures/ (stored docs page)
  // "It takes about an election timeout to elect a new leader since the failure detection model is
  //  timeout based." and "During the leader election the cluster cannot process any writes."
  it("a consensus write is unavailable for one default election timeout (1000 ms) when the leader dies", () => {
    const a = run({ n: 3, replication: "consensus", operations: [{ id: "w", type: "write" }] });
    expect(op(a, "w").leaderFailoverMs).toBe(1000);
  });

  // Source: https://etcd.io/docs/v3.5/faq/ (same file as above)
  // "Requests that do not require consensus (e.g., serialized reads) can be processed by any
  //  cluster member." A follower read does not wait for a new leader.
  it("a serialized (follower) read does not wait for the election: leaderFailoverMs 0", () => {
    const a = run({ n: 3, replication: "consensus", operations: [{ id: "r", type: "read", readMode: "follower" }] });
    expect(op(a, "r").leaderFailoverMs).toBe(0);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// 2. The Cassandra consistency calculator ("Cassandra Parameters for Dummies")
// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe("Cassandra consistency calculator: RF 1–5 × every R, W in 1..RF (leaderless, n = RF)", () => {
  // Live page: http://www.ecyrd.com/cassandracalculator/ (stored copy: its text, not its script).
  // Its logic, read from the source: https://github.com/jalkanen/cassandracalculator/blob/master/index.html
  // (stored versions 5256dc26468cae40930273e3264bf538f323b99e and 0f44c5cef993b33e3cac0e33b3777dab051346de):
  //   if( r + w > rf ) $('#consistency').text('consistent');
  //   else $('#consistency').text('eventually consistent');
  //   $('#read').text( r > 1 ? r+" nodes" : "1 node");
  //   $('#write').text( w > 1 ? w+" nodes" : "1 node" );
  //   var survivable = rf-Math.max(r,w);
  // and its help texts: "Cassandra read operation won't return until at least this many nodes have
  // responded with the same data value." / "Cassandra write operation won't return until at least
  // this many nodes have acknowledged receiving the data."
  // The live page adds: "You can survive the loss of [X] without impacting the application." and
  // "You can survive the loss of [X] without data loss. How many nodes can go down without
  // physically losing data?" (the stored source has no formula for the second line: an
  // acknowledged write is on at least w nodes, so it survives w − 1 losses).
  // The page's menus offer ONE / QUORUM (Math.floor(n/2+1)) / ALL; the formulas above are applied
  // to every R and W in 1..RF. Design: leaderless, readRepair "blocking" (the default, Cassandra
  // 4.0's default), conflictResolution "lww" (Cassandra's last-write-wins).
  for (let rf = 1; rf <= 5; rf++) {
    for (let r = 1; r <= rf; r++) {
      for (let w = 1; w <= rf; w++) {
        const consistent = r + w > rf;
        const survivable = rf - Math.max(r, w);
        it(`RF ${rf}, R ${r}, W ${w}: ${consistent ? "consistent" : "eventually consistent"}, survives ${survivable}`, () => {
          const a = run({
            n: rf,
            replication: "leaderless",
            store: { readQuorum: r, writeQuorum: w, readRepair: "blocking", conflictResolution: "lww" },
            operations: [
              { id: "write", type: "write" },
              { id: "read", type: "read" },
            ],
          });
          const store = a.stores[0];
          const write = op(a, "write");
          const read = op(a, "read");
          // "You are really reading from [r] nodes every time." / "You are really writing to [w] nodes every time."
          expect(store.readQuorum).toBe(r);
          expect(store.writeQuorum).toBe(w);
          // "Your reads are consistent" exactly when r + w > rf.
          expect(store.strongReads).toBe(consistent);
          // With blocking read repair, a consistent read is provided linearizable (analysis-model.md v2); otherwise eventual.
          expect(read.providedConsistency).toBe(consistent ? "linearizable" : "eventual");
          // "You can survive the loss of [rf − max(r, w)] without impacting the application": the
          // application is its reads and writes together.
          expect(Math.min(read.survivesNodeFailures!, write.survivesNodeFailures!)).toBe(survivable);
          // The write waits for w acknowledgements of rf: it survives rf − w losses.
          expect(write.survivesNodeFailures).toBe(rf - w);
          // The read waits for r responses of rf: it cannot survive more than rf − r losses.
          expect(read.survivesNodeFailures!).toBeLessThanOrEqual(rf - r);
          // "You can survive the loss of [w − 1] without data loss."
          expect(write.durableAgainstFailures).toBe(w - 1);
        });
      }
    }
  }
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// 3. PBS: Bailis et al., "Probabilistically Bounded Staleness for Practical Partial Quorums", VLDB 2012
// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe("PBS (Bailis et al., VLDB 2012): k-staleness closed form", () => {
  // Published: http://vldb.org/pvldb/vol5/p776_peterbailis_vldb2012.pdf (not stored). Read from the
  // authors' paper source: https://github.com/pbailis/pbs-vldb-historical-paper-material/blob/84793690bd23e6571988429fff744db631b7d2e2/writeup/ernst.tex
  // Equation 1: "p_{stale}=\frac{{N-W \choose R}}{{N \choose R}}"
  // Equation 2: "p_{s} = \left(\frac{{N-W \choose R}}{{N \choose R}}\right)^k" (the probability of
  // NOT returning one of the last k versions), so P(within k versions) = 1 − p^k.
  // "We begin by considering a model without anti-entropic processes." → readRepair "none".
  const pbs = (n: number, r: number, w: number) =>
    run({
      n,
      replication: "leaderless",
      store: { readQuorum: r, writeQuorum: w, readRepair: "none", conflictResolution: "lww" },
      operations: [
        { id: "write", type: "write" },
        { id: "read", type: "read" },
      ],
    });
  const withinK = (p: number) => [1, 2, 3, 4, 5].map((k) => 1 - p ** k);

  // "However, with $N=3$, $R=W=1$, $p_{stale} = .\overline{6}$."
  it("N=3, R=W=1: p_stale = 2/3 (operation and store)", () => {
    const a = pbs(3, 1, 1);
    expect(op(a, "read").staleReadProbability).toBeCloseTo(2 / 3, 12);
    expect(a.stores[0].staleReadProbability).toBeCloseTo(2 / 3, 12);
  });

  // "For the $N=3, R=W=1$ case, this means that the probability of returning a version within $2$
  //  versions is $.\overline{5}$, within $3$ versions $.\overline{703}$, and within $5$ versions
  //  $> .868$, and $10$ versions $>.98$."
  it("N=3, R=W=1: within 2 versions 5/9, within 3 versions 19/27 (.703…), within 5 versions > .868", () => {
    const fresh = op(pbs(3, 1, 1), "read").freshWithinVersions!;
    expect(fresh).toHaveLength(5);
    expect(fresh[1]).toBeCloseTo(5 / 9, 12);
    expect(fresh[2]).toBeCloseTo(19 / 27, 12);
    expect(fresh[4]).toBeGreaterThan(0.868);
    // Equation 2 for every k = 1..5 with p = 2/3.
    fresh.forEach((value, i) => expect(value).toBeCloseTo(withinK(2 / 3)[i], 12));
  });

  // "With $N=3, R=1, W=2$ (alternatively, $R=2, W=1$), these probabilities increase:
  //  $k=1 \rightarrow .\overline{6}$, $k=2 \rightarrow .\overline{8}, k=5 \rightarrow > .995$."
  for (const [r, w] of [
    [1, 2],
    [2, 1],
  ]) {
    it(`N=3, R=${r}, W=${w}: p_stale = 1/3; within 1 version 2/3, within 2 versions 8/9, within 5 > .995`, () => {
      const read = op(pbs(3, r, w), "read");
      expect(read.staleReadProbability).toBeCloseTo(1 / 3, 12);
      const fresh = read.freshWithinVersions!;
      expect(fresh[0]).toBeCloseTo(2 / 3, 12);
      expect(fresh[1]).toBeCloseTo(8 / 9, 12);
      expect(fresh[4]).toBeGreaterThan(0.995);
      fresh.forEach((value, i) => expect(value).toBeCloseTo(withinK(1 / 3)[i], 12));
    });
  }

  // "With $N=100$, $R=W=30$, $p_{stale} = 1.88 \times 10^{-6}$"
  it("N=100, R=W=30: p_stale = 1.88e-6 (to the three figures quoted)", () => {
    const p = op(pbs(100, 30, 30), "read").staleReadProbability!;
    expect(Number(p.toPrecision(3))).toBe(1.88e-6);
  });

  // Same source: "Dynamo-style systems are guaranteed to be consistent when $R+W > N$."
  it("N=3, R=W=2: p_stale = 0 and every k is fresh", () => {
    const read = op(pbs(3, 2, 2), "read");
    expect(read.staleReadProbability).toBe(0);
    expect(read.freshWithinVersions).toEqual([1, 1, 1, 1, 1]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// 4. CockroachDB survival goals
// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe("CockroachDB survival goals (context.survivalGoal, finding survival-goal-unmet)", () => {
  const ops = [
    { id: "write", type: "write" as const, consistency: "linearizable" as const },
    { id: "read", type: "read" as const, consistency: "linearizable" as const },
  ];
  // CockroachDB reads are served by the leaseholder: store readMode "lease".
  const zoneGoal = (survivalGoal?: "zone" | "region", zones = ["a", "b", "c"]) =>
    run({
      n: 3,
      replication: "consensus",
      regions: ["us-east", "us-east", "us-east"],
      zones,
      store: { readMode: "lease" },
      operations: ops,
      ...(survivalGoal ? { context: { survivalGoal } } : {}),
    });
  const regionLinks = [
    { a: "us-east", b: "us-central", rttMs: 30 },
    { a: "us-east", b: "us-west", rttMs: 70 },
    { a: "us-central", b: "us-west", rttMs: 40 },
  ];
  const regionGoal = (regions: string[], zones: string[]) =>
    run({
      n: regions.length,
      replication: "consensus",
      regions,
      zones,
      links: regionLinks.filter((l) => regions.includes(l.a) && regions.includes(l.b)),
      store: { readMode: "lease" },
      operations: ops,
      context: { survivalGoal: "region" },
    });
  const unmetTargets = (a: Analysis) => findings(a, "survival-goal-unmet").map((f) => f.target).sort();

  // Source: https://www.cockroachlabs.com/docs/v22.2/when-to-use-zone-vs-region-survival-goals
  // "ZONE (default): Databases configured to survive zone failures have 3 voting replicas for every
  //  range, all in the home region."
  // Source: https://www.cockroachlabs.com/docs/v23.1/multiregion-survival-goals
  // (read from github.com/cockroachdb/docs, src/current/v23.1/multiregion-survival-goals.md)
  // "With the zone level survival goal, the database will remain fully available for reads and
  //  writes, even if a zone becomes unavailable. However, the database may not remain fully
  //  available if multiple zones in the same region fail."
  it("ZONE: 3 voters in 3 zones of the home region survive a zone (and one node, not two); goal met", () => {
    const a = zoneGoal("zone");
    for (const id of ["write", "read"]) {
      expect(op(a, id).survivesZoneLoss).toBe(true);
      expect(op(a, id).survivesNodeFailures).toBe(1);
    }
    expect(findings(a, "survival-goal-unmet")).toEqual([]);
  });

  // v23.1 page: "The zone failure survival goal is the default." Same placement, no survivalGoal set.
  it("ZONE is the default goal: the 3-zone placement raises nothing without context.survivalGoal", () => {
    expect(findings(zoneGoal(undefined), "survival-goal-unmet")).toEqual([]);
  });

  // v23.1 page: "... the database will remain fully available for reads and writes, even if a zone
  // becomes unavailable." Two of the three voters share zone "a": losing it loses the majority, so
  // the default ZONE goal is not met by this placement.
  it("ZONE (default goal): 3 voters in only 2 zones (a, a, b) do not survive losing zone a → survival-goal-unmet errors", () => {
    const a = zoneGoal(undefined, ["a", "a", "b"]);
    expect(op(a, "write").survivesZoneLoss).toBe(false);
    expect(op(a, "read").survivesZoneLoss).toBe(false);
    expect(unmetTargets(a)).toEqual(["read", "write"]);
    for (const f of findings(a, "survival-goal-unmet")) expect(f.severity).toBe("error");
  });

  // v22.2 page: "ZONE ... 3 voting replicas for every range, all in the home region. To support
  // low-latency reads from other regions, one non-voting replica is placed in each non-home region."
  it("ZONE with a non-voting replica (learner) in each non-home region: still n = 3, majority 2; goal met", () => {
    const a = run({
      n: 5,
      replication: "consensus",
      regions: ["us-east", "us-east", "us-east", "us-central", "us-west"],
      zones: ["a", "b", "c", "a", "a"],
      links: regionLinks,
      store: { replicas: ["n1", "n2", "n3"], learners: ["n4", "n5"], readMode: "lease" },
      operations: ops,
      context: { survivalGoal: "zone" },
    });
    expect(a.stores[0].n).toBe(3);
    expect(a.stores[0].majority).toBe(2);
    expect(a.stores[0].toleratedWriteFailures).toBe(1);
    expect(op(a, "write").survivesZoneLoss).toBe(true);
    expect(findings(a, "survival-goal-unmet")).toEqual([]);
  });

  // v23.1 page: "Setting this goal on a database in a cluster with 3 cluster regions will
  // automatically increase the replication factor ... from 3 (the default) to 5. This ensures that
  // there will be 5 replicas of each range spread across the 3 regions (2+2+1=5)." and "The region
  // level survival goal has the property that the database will remain fully available for reads
  // and writes, even if an entire region becomes unavailable."
  // v22.2 page: "REGION: Databases configured to survive region failures have 2 voting replicas in
  // the home region, and 3 voting replicas in non-home regions."
  it("REGION: 5 voters as 2 + 2 + 1 across 3 regions survive a region; goal met", () => {
    const a = regionGoal(["us-east", "us-east", "us-central", "us-central", "us-west"], ["a", "b", "a", "b", "a"]);
    expect(a.stores[0].n).toBe(5);
    expect(a.stores[0].majority).toBe(3);
    for (const id of ["write", "read"]) expect(op(a, id).survivesRegionLoss).toBe(true);
    expect(findings(a, "survival-goal-unmet")).toEqual([]);
  });

  // v23.1 page: "This added survival comes at a cost: write latency will be increased by at least
  // as much as the round-trip time to the nearest region. Read performance will be unaffected."
  // and "For writes, CockroachDB will need to coordinate across 2 of the 3 regions".
  // Nearest region to the home region us-east: us-central, 30 ms.
  it("REGION: a write waits at least the round trip to the nearest region; a leaseholder read is as fast as under ZONE", () => {
    const region = regionGoal(["us-east", "us-east", "us-central", "us-central", "us-west"], ["a", "b", "a", "b", "a"]);
    const zone = zoneGoal("zone");
    expect(op(region, "write").latencyMs!).toBeGreaterThanOrEqual(30);
    expect(op(region, "write").latencyMs!).toBeGreaterThan(op(zone, "write").latencyMs!);
    expect(op(region, "read").latencyMs).toBe(op(zone, "read").latencyMs);
  });

  // v23.1 page: "To survive region failures, you must add at least 3 database regions." and
  // "At least three database regions are required to survive region failures."
  // https://www.cockroachlabs.com/docs/v22.1/survive-failure: "ERROR: at least 3 regions are
  // required for surviving a region failure".
  it("REGION goal with the ZONE placement (3 voters, all in one region) → survival-goal-unmet errors naming that region", () => {
    const a = zoneGoal("region");
    for (const id of ["write", "read"]) expect(op(a, id).survivesRegionLoss).toBe(false);
    expect(unmetTargets(a)).toEqual(["read", "write"]);
    for (const f of findings(a, "survival-goal-unmet")) {
      expect(f.severity).toBe("error");
      expect(f.message).toContain("us-east");
    }
  });

  it("REGION goal with 5 voters in only 2 regions (3 + 2) → survival-goal-unmet errors", () => {
    const a = regionGoal(["us-east", "us-east", "us-east", "us-central", "us-central"], ["a", "b", "c", "a", "b"]);
    for (const id of ["write", "read"]) expect(op(a, id).survivesRegionLoss).toBe(false);
    expect(unmetTargets(a)).toEqual(["read", "write"]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// 5. Kleppmann 2016, "How to do distributed locking" (Redlock)
// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe("Kleppmann 2016, How to do distributed locking: Redlock (leaderless lock store, R = W = 3 of 5)", () => {
  // Source: https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html
  // (read from the post's Jekyll source, stored in the code index)
  // "the Redlock algorithm, with its 5 replicas and majority voting, looks at first glance as though
  //  it is suitable for situations in which your locking is important for *correctness*. I will
  //  argue in the following sections that it is *not* suitable for that purpose."
  const redlock = (consistency: ConsistencyLevel, fencing?: boolean) =>
    run({
      n: 5,
      replication: "leaderless",
      store: { purpose: "lock", readQuorum: 3, writeQuorum: 3, ...(fencing === undefined ? {} : { fencing }) },
      operations: [
        { id: "acquire", type: "write", consistency },
        { id: "check", type: "read", consistency },
      ],
    });

  // "Acquiring a lock is like a compare-and-set operation, which requires consensus" and
  // "It is unlikely that Redlock would survive a Jepsen test." → never linearizable, whatever the quorums.
  it("its operations are provided eventual, never linearizable, so a correctness lock is unsatisfied", () => {
    const a = redlock("linearizable");
    for (const id of ["acquire", "check"]) {
      expect(op(a, id).providedConsistency).toBe("eventual");
      expect(op(a, id).satisfied).toBe(false);
    }
  });

  // "I think the Redlock algorithm is a poor choice because it is "neither fish nor fowl": it is
  //  unnecessarily heavyweight and expensive for efficiency-optimization locks, but it is not
  //  sufficiently safe for situations in which correctness depends on the lock."
  // "On the other hand, if you need locks for correctness, please don't use Redlock."
  it("a correctness lock (an operation requires linearizable) → redlock-correctness error on the store", () => {
    const found = findings(redlock("linearizable"), "redlock-correctness");
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("error");
    expect(found[0].target).toBe("s");
  });

  // "And please enforce use of fencing tokens on all resource accesses under the lock."
  it("a correctness lock without fencing → lock-without-fencing error", () => {
    const found = findings(redlock("linearizable", false), "lock-without-fencing");
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("error");
    expect(found[0].target).toBe("s");
  });

  // "However, this leads us to the first big problem with Redlock: *it does not have any facility
  //  for generating fencing tokens*." and "Moreover, it lacks a facility for generating fencing
  //  tokens (which protect a system against long delays in the network or in paused processes)."
  it("fencing: true on the Redlock store → fencing-unsupported error (and still redlock-correctness error)", () => {
    const a = redlock("linearizable", true);
    const unsupported = findings(a, "fencing-unsupported");
    expect(unsupported).toHaveLength(1);
    expect(unsupported[0].severity).toBe("error");
    expect(unsupported[0].target).toBe("s");
    expect(findings(a, "redlock-correctness").map((f) => f.severity)).toEqual(["error"]);
    for (const id of ["acquire", "check"]) expect(op(a, id).providedConsistency).toBe("eventual");
  });

  // "I will argue that if you are using locks merely for efficiency purposes, it is unnecessary to
  //  incur the cost and complexity of Redlock, running 5 Redis servers and checking for a majority
  //  to acquire your lock. You are better off just using a single Redis instance"
  // and "If you need locks only on a best-effort basis (as an efficiency optimization, not for
  //  correctness), I would recommend sticking with the straightforward single-node locking
  //  algorithm for Redis ... Don't bother with setting up a cluster of five Redis nodes."
  it("an efficiency lock (every operation requires eventual) → redlock-correctness warning only, no fencing error", () => {
    const a = redlock("eventual");
    expect(findings(a, "redlock-correctness").map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(a, "lock-without-fencing")).toEqual([]);
    expect(findings(a, "fencing-unsupported")).toEqual([]);
    for (const id of ["acquire", "check"]) expect(op(a, id).providedConsistency).toBe("eventual");
  });

  // "Instead, please use a proper consensus system such as ZooKeeper ... And please enforce use of
  //  fencing tokens on all resource accesses under the lock." and "if you are using ZooKeeper as
  //  lock service, you can use the `zxid` or the znode version number as fencing token"
  it("the recommended alternative — a consensus lock store with fencing — is linearizable and raises none of these", () => {
    const a = run({
      n: 5,
      replication: "consensus",
      store: { purpose: "lock", fencing: true },
      operations: [
        { id: "acquire", type: "write", consistency: "linearizable" },
        { id: "check", type: "read", consistency: "linearizable" },
      ],
    });
    for (const id of ["acquire", "check"]) {
      expect(op(a, id).providedConsistency).toBe("linearizable");
      expect(op(a, id).satisfied).toBe(true);
    }
    for (const rule of ["redlock-correctness", "fencing-unsupported", "lock-without-fencing"]) expect(findings(a, rule)).toEqual([]);
  });

  it("a consensus lock store WITHOUT fencing → lock-without-fencing error (fencing tokens are still required)", () => {
    const a = run({
      n: 5,
      replication: "consensus",
      store: { purpose: "lock" },
      operations: [{ id: "acquire", type: "write", consistency: "linearizable" }],
    });
    expect(findings(a, "lock-without-fencing").map((f) => f.severity)).toEqual(["error"]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// 6. Abadi 2012, "Consistency Tradeoffs in Modern Distributed Database System Design" (PACELC)
// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe("Abadi 2012 (IEEE Computer): PACELC ratings → stores[].pacelc / pacelcPartition / pacelcElse", () => {
  // Source: D. J. Abadi, "Consistency Tradeoffs in Modern Distributed Database System Design: CAP is
  // Only Part of the Story", IEEE Computer 45(2), 2012; https://www.cs.umd.edu/~abadi/papers/abadi-pacelc.pdf
  // The PDF is not stored; the sentences below were read verbatim in stored notes on the paper and
  // in copies of the Wikipedia "PACELC" article, which quote it (section "PACELC" of the paper).
  const pacelcOf = (a: Analysis) => {
    const s = a.stores[0];
    return { pacelc: s.pacelc, pacelcPartition: s.pacelcPartition, pacelcElse: s.pacelcElse };
  };
  const readWrite = [
    { id: "write", type: "write" as const },
    { id: "read", type: "read" as const },
  ];

  // Abadi: "The default versions of Dynamo, Cassandra, and Riak are PA/EL systems: if a partition
  //  occurs, they give up consistency for availability, and under normal operation they give up
  //  consistency for lower latency."
  // Dynamo (https://www.allthingsdistributed.com/files/amazon-dynamo-sosp2007.pdf, read in stored
  // copies): "The common (N,R,W) configuration used by several instances of Dynamo is (3,2,2)." and
  // "it does not enforce strict quorum membership and instead it uses a “sloppy quorum”; all read
  // and write operations are performed on the first N healthy nodes from the preference list".
  // Read repair is asynchronous (PBS source above): "When a read coordinator receives multiple
  // versions of a data item from different replicas in response to a read request, it will attempt
  // to (asynchronously) update the out-of-date replicas with the most recent version."
  it("Dynamo default, N=3 R=W=2, sloppy quorum, async read repair, vector clocks → PA/EL", () => {
    const a = run({
      n: 3,
      replication: "leaderless",
      store: { readQuorum: 2, writeQuorum: 2, sloppyQuorum: true, readRepair: "async", conflictResolution: "vector-clocks" },
      operations: readWrite,
    });
    expect(pacelcOf(a)).toEqual({ pacelc: "PA/EL", pacelcPartition: "PA", pacelcElse: "EL" });
  });

  // Abadi: same sentence as above (Riak). PBS source above: "Riak defaults to $N$$=$$3$,
  // $R$$=$$W$$=$$2$". Riak's annotated Dynamo paper (docs.riak.com, riak/kv/2.9.0p5/learn/dynamo):
  // "Hinted handoff is built into Riak KV's core."
  it("Riak default, N=3 R=W=2, sloppy quorum (hinted handoff), async read repair → PA/EL", () => {
    const a = run({
      n: 3,
      replication: "leaderless",
      store: { readQuorum: 2, writeQuorum: 2, sloppyQuorum: true, readRepair: "async", conflictResolution: "vector-clocks" },
      operations: readWrite,
    });
    expect(pacelcOf(a)).toEqual({ pacelc: "PA/EL", pacelcPartition: "PA", pacelcElse: "EL" });
  });

  // Abadi: same sentence as above (Cassandra). PBS source above: "Cassandra's default operation
  // configuration is $N$$=$$3$, $R$$=$$W$$=$$1$". Cassandra docs (architecture/dynamo): "Cassandra
  // uses a simpler last write wins model".
  it("Cassandra default, N=3 CL ONE (R=W=1), last write wins → PA/EL", () => {
    const a = run({
      n: 3,
      replication: "leaderless",
      store: { readQuorum: 1, writeQuorum: 1, conflictResolution: "lww" },
      operations: readWrite,
    });
    expect(pacelcOf(a)).toEqual({ pacelc: "PA/EL", pacelcPartition: "PA", pacelcElse: "EL" });
  });

  // Abadi: "PNUTS is a PC/EL system." "PNUTS can serve reads from any replica" and, when a data
  // item's master is cut off, "the system by default makes the data item unavailable for updates."
  // "In other words, the PNUTS default configuration is actually CP". PNUTS replicates from the
  // per-record master asynchronously: primary-async, reads from followers.
  it("PNUTS: primary (master) writes, asynchronous replication, reads from any replica → PC/EL", () => {
    const a = run({
      n: 3,
      replication: "primary-async",
      regions: ["us-west", "us-east", "eu"],
      links: [
        { a: "us-west", b: "us-east", rttMs: 70 },
        { a: "us-west", b: "eu", rttMs: 140 },
        { a: "us-east", b: "eu", rttMs: 80 },
      ],
      store: { readMode: "follower" },
      operations: readWrite,
    });
    expect(pacelcOf(a)).toEqual({ pacelc: "PC/EL", pacelcPartition: "PC", pacelcElse: "EL" });
  });

  // Abadi: "Fully ACID systems such as VoltDB/H-Store and Megastore are PC/EC: they refuse to give up
  //  consistency, and will pay the availability and latency costs to achieve it. BigTable and
  //  related systems such as HBase are also PC/EC."
  it("a consensus store with quorum reads (Megastore-style Paxos) → PC/EC", () => {
    const a = run({ n: 3, replication: "consensus", operations: readWrite });
    expect(pacelcOf(a)).toEqual({ pacelc: "PC/EC", pacelcPartition: "PC", pacelcElse: "EC" });
  });

  // DISAGREES WITH analysis-model.md: the engine follows the spec (docs/analysis.md, "where the
  // published sources disagree with the spec"); this test pins that reading so a change is deliberate.
  // Abadi: "MongoDB can be classified as a PA/EC system." "In the baseline case, the system
  // guarantees reads and writes to be consistent." PA because, when the master fails or is
  // partitioned away, "it stores all writes that have been sent to the master node but not yet
  // replicated in a local rollback directory" while the rest elects a new master.
  // The spec rates every primary-async write CP (it needs the leader, and is "provided
  // linearizable"), so this design is "PC/EC" under the spec, not Abadi's "PA/EC".
  it("MongoDB (as of 2012): Abadi says PA/EC; the spec (which the engine follows) rates it PC/EC", () => {
    const a = run({ n: 3, replication: "primary-async", store: { readMode: "leader" }, operations: readWrite });
    // Abadi's "EC" half agrees: reads and writes go through the primary.
    expect(pacelcOf(a).pacelcElse).toBe("EC");
    // The spec's partition half: every primary-async write needs the primary and is provided
    // linearizable, so it is CP and the store PC — not Abadi's PA.
    expect(pacelcOf(a)).toEqual({ pacelc: "PC/EC", pacelcPartition: "PC", pacelcElse: "EC" });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// 7. Apache Cassandra docs: LOCAL_QUORUM / EACH_QUORUM across two datacenters
// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe("Apache Cassandra docs: LOCAL_QUORUM and EACH_QUORUM, two datacenters of 3 replicas", () => {
  // Source: https://cassandra.apache.org/doc/latest/cassandra/architecture/dynamo.html
  // (read from github.com/apache/cassandra, doc/modules/cassandra/pages/architecture/dynamo.adoc)
  // "`LOCAL_QUORUM`:: A majority of the replicas in the local datacenter (whichever datacenter the
  //  coordinator is in) must respond."
  // "`EACH_QUORUM`:: A majority of the replicas in each datacenter must respond."
  // "`QUORUM`:: A majority (n/2 + 1) of the replicas must respond."
  // "In a multi-datacenter environment, `LOCAL_QUORUM` can be used to provide a weaker but still
  //  useful guarantee: reads are guaranteed to see the latest write from within the same datacenter."
  // Source: https://cassandra.apache.org/doc/latest/cassandra/operating/read_repair.html
  // (doc/modules/cassandra/pages/operating/read_repair.adoc): "The `read_repair` table option has
  //  been added to table schema, with the options `blocking` (default), and `none`."
  // Design: nodes n1..n3 in dc1, n4..n6 in dc2; every quorum here is per datacenter majority(3) = 2.
  const twoDcs = (store: OneStoreOptions["store"], operations: OneStoreOptions["operations"]) =>
    run({
      n: 6,
      replication: "leaderless",
      regions: ["dc1", "dc1", "dc1", "dc2", "dc2", "dc2"],
      links: [{ a: "dc1", b: "dc2", rttMs: 80 }],
      store: { conflictResolution: "lww", readRepair: "blocking", ...store },
      operations,
    });
  const localOps = [
    { id: "write-dc1", type: "write" as const, clientRegion: "dc1" },
    { id: "read-dc1", type: "read" as const, clientRegion: "dc1" },
    { id: "read-dc2", type: "read" as const, clientRegion: "dc2" },
  ];

  // LOCAL_QUORUM: 2 of the 3 replicas in the local datacenter → 1 local failure tolerated.
  it("LOCAL_QUORUM (store readQuorum/writeQuorum): 2 of 3 local replicas; tolerates 1 local failure", () => {
    const a = twoDcs({ readQuorum: "local-quorum", writeQuorum: "local-quorum" }, localOps);
    const store = a.stores[0];
    expect(store.readQuorum).toBe("local-quorum");
    expect(store.writeQuorum).toBe("local-quorum");
    expect(store.toleratedWriteFailures).toBe(1);
    expect(store.toleratedReadFailures).toBe(1);
    const write = op(a, "write-dc1");
    expect(write.survivesNodeFailures).toBe(1);
    // Acknowledged by the 2 local replicas: survives the loss of 1 of them.
    expect(write.durableAgainstFailures).toBe(1);
    expect(op(a, "read-dc1").survivesNodeFailures).toBe(1);
  });

  // LOCAL_QUORUM needs the local datacenter itself: losing it (every region holding a replica is
  // lost in turn, analysis-model.md) leaves no local majority.
  it("LOCAL_QUORUM does not survive the loss of the local datacenter", () => {
    const a = twoDcs({ readQuorum: "local-quorum", writeQuorum: "local-quorum" }, localOps);
    for (const id of ["write-dc1", "read-dc1", "read-dc2"]) expect(op(a, id).survivesRegionLoss).toBe(false);
  });

  // "reads are guaranteed to see the latest write from within the same datacenter": a LOCAL_QUORUM
  // read from dc1 sees a LOCAL_QUORUM write from dc1 (strong; with blocking read repair, provided
  // linearizable by analysis-model.md v2); from dc2 it is not guaranteed (eventual).
  it("LOCAL_QUORUM write + LOCAL_QUORUM read: strong in the same datacenter, not from the other one", () => {
    const a = twoDcs({ readQuorum: "local-quorum", writeQuorum: "local-quorum" }, localOps);
    expect(op(a, "read-dc1").providedConsistency).toBe("linearizable");
    expect(op(a, "read-dc2").providedConsistency).toBe("eventual");
  });

  // The same, written as per-operation consistency levels (each operation's `quorum`).
  it("LOCAL_QUORUM as operation quorums: same figures", () => {
    const a = twoDcs(
      { writeQuorum: "local-quorum" },
      localOps.map((o) => ({ ...o, quorum: "local-quorum" as const })),
    );
    expect(op(a, "write-dc1").durableAgainstFailures).toBe(1);
    expect(op(a, "write-dc1").survivesNodeFailures).toBe(1);
    expect(op(a, "write-dc1").survivesRegionLoss).toBe(false);
    expect(op(a, "read-dc1").providedConsistency).toBe("linearizable");
    expect(op(a, "read-dc2").providedConsistency).toBe("eventual");
  });

  // EACH_QUORUM: 2 of 3 in dc1 AND 2 of 3 in dc2. Any datacenter's loss stops it; one failure in
  // either datacenter does not; acknowledged on 2 + 2 replicas.
  it("EACH_QUORUM write: 2 in each datacenter; survives 1 node failure, not a datacenter; durable against 3", () => {
    const a = twoDcs({ readQuorum: "local-quorum", writeQuorum: "each-quorum" }, localOps);
    const write = op(a, "write-dc1");
    expect(write.survivesNodeFailures).toBe(1);
    expect(write.survivesRegionLoss).toBe(false);
    expect(write.durableAgainstFailures).toBe(3);
  });

  // An EACH_QUORUM write holds a majority of every datacenter, so a LOCAL_QUORUM read in either
  // datacenter meets it: strong from both.
  it("EACH_QUORUM write + LOCAL_QUORUM read: strong (linearizable with blocking read repair) from both datacenters", () => {
    const a = twoDcs({ readQuorum: "local-quorum", writeQuorum: "each-quorum" }, localOps);
    expect(op(a, "read-dc1").providedConsistency).toBe("linearizable");
    expect(op(a, "read-dc2").providedConsistency).toBe("linearizable");
  });

  // "`QUORUM`:: A majority (n/2 + 1) of the replicas must respond." n = 6 → 4: tolerates 2 failures
  // anywhere, but not a whole datacenter (3 left < 4); QUORUM + QUORUM intersect (4 + 4 > 6).
  it("QUORUM across both datacenters: 4 of 6; survives 2 node failures but not a datacenter; strong from both", () => {
    const a = twoDcs({ readQuorum: 4, writeQuorum: 4 }, localOps);
    expect(a.stores[0].majority).toBe(4);
    expect(op(a, "write-dc1").survivesNodeFailures).toBe(2);
    expect(op(a, "write-dc1").survivesRegionLoss).toBe(false);
    expect(op(a, "read-dc1").providedConsistency).toBe("linearizable");
    expect(op(a, "read-dc2").providedConsistency).toBe("linearizable");
  });

  // Same page: "Indeed `ONE` will succeed if a single replica is available in any datacenter."
  it("ONE: succeeds with a single replica in any datacenter — survives 5 node failures and a datacenter", () => {
    const a = twoDcs({ readQuorum: 1, writeQuorum: 1 }, localOps);
    for (const id of ["write-dc1", "read-dc1", "read-dc2"]) {
      expect(op(a, id).survivesNodeFailures).toBe(5);
      expect(op(a, id).survivesRegionLoss).toBe(true);
    }
  });
});
