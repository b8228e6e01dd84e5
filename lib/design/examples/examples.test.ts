/**
 * Each template makes the point it claims, and its figures are what an expert in the system it
 * models would say. Expectations that come from a published source cite it; docs/templates.md has
 * the full story per template.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { analyze, type Analysis } from "../../analysis/index";
import { simulate } from "../../analysis/simulate";
import { serializeDesign } from "../serialize";
import { parseDesign } from "../validate";
import { EXAMPLES, findExample } from "./index";

const cache = new Map<string, Analysis>();
const analysisOf = (slug: string, pbs = false) => {
  const key = `${slug}|${pbs}`;
  if (!cache.has(key)) cache.set(key, analyze(findExample(slug)!.design, pbs ? { pbs: { trials: 20_000 } } : {}));
  return cache.get(key)!;
};
const rules = (slug: string) => analysisOf(slug).findings.map((f) => `${f.rule}:${f.target}`);
const op = (slug: string, id: string, pbs = false) => analysisOf(slug, pbs).operations.find((o) => o.id === id)!;
const store = (slug: string, id: string) => analysisOf(slug).stores.find((s) => s.id === id)!;
const ops = (slug: string) => analysisOf(slug).operations;
const sim = (slug: string, scenario: Parameters<typeof simulate>[1]) =>
  Object.fromEntries(simulate(findExample(slug)!.design, scenario).operations.map((o) => [o.id, o]));

describe("example templates", () => {
  it("eight templates including a level-0 design, all valid, each in examples/<slug>.json", async () => {
    expect(EXAMPLES.map((e) => e.slug)).toEqual([
      "raft-ledger",
      "cockroach-multi-region",
      "dynamo-ring",
      "cassandra-two-dc",
      "postgres-primary",
      "job-scheduler",
      "crdt-counters",
      "single-node",
    ]);
    for (const e of EXAMPLES) {
      expect(parseDesign(e.design).ok, e.slug).toBe(true);
      expect(e.design.operations?.length, e.slug).toBeGreaterThan(0);
      expect(await readFile(`examples/${e.slug}.json`, "utf8"), e.slug).toBe(serializeDesign(e.design));
    }
  });

  it("every template states its survival goal on purpose (the default would be implicit)", () => {
    for (const e of EXAMPLES) expect(e.design.context?.survivalGoal, e.slug).toBeDefined();
  });

  it("blurbs are one sentence and name things, not ids", () => {
    for (const e of EXAMPLES) {
      expect(e.blurb.match(/[.!?](\s|$)/g)?.length ?? 0, e.slug).toBeLessThanOrEqual(1);
      for (const id of [...(e.design.nodes ?? []), ...(e.design.stores ?? []), ...(e.design.operations ?? [])].map((x) => x.id)) {
        if (id.includes("-")) expect(e.blurb, `${e.slug} mentions ${id}`).not.toContain(id);
      }
    }
  });
});

describe("raft-ledger: one Raft group, one voter in each of three regions", () => {
  it("SOUND at level 3 with no findings, survival goal region met", () => {
    const a = analysisOf("raft-ledger");
    expect(a).toMatchObject({ verdict: "SOUND", escalationLevel: 3 });
    expect(rules("raft-ledger")).toEqual([]);
  });

  it("3 voters tolerate 1 failure; PC/EL because the statement is a follower read", () => {
    // etcd FAQ (https://etcd.io/docs/v3.5/faq/#what-is-failure-tolerance): cluster size 3, majority 2, failure tolerance 1.
    expect(store("raft-ledger", "ledger")).toMatchObject({ n: 3, majority: 2, toleratedWriteFailures: 1 });
    // Abadi 2012: a system that serves reads from replicas that may lag gives up consistency for
    // latency in the normal case (PNUTS is PC/EL); the quorum/lease operations alone would be PC/EC.
    expect(store("raft-ledger", "ledger").pacelc).toBe("PC/EL");
  });

  it("a transfer is linearizable, survives a region loss and costs one round trip to the nearest other region", () => {
    // Raft (Ongaro & Ousterhout 2014): an entry is committed once the leader has it on a majority.
    expect(op("raft-ledger", "transfer")).toMatchObject({ cap: "CP", providedConsistency: "linearizable", survivesRegionLoss: true, latencyMs: 76, durableAgainstFailures: 1 });
    // etcd tuning guide (https://etcd.io/docs/v3.5/tuning/): the election timeout should be at least
    // 10 × the round-trip time between members; the longest here is 215 ms.
    expect(op("raft-ledger", "transfer").leaderFailoverMs).toBe(2500);
    expect(op("raft-ledger", "balance")).toMatchObject({ cap: "CP", providedConsistency: "linearizable", latencyMs: 75 });
    expect(op("raft-ledger", "statement")).toMatchObject({ cap: "AP", providedConsistency: "consistent-prefix", latencyMs: 1, leaderFailoverMs: 0 });
  });
});

describe("cockroach-multi-region: SURVIVE REGION FAILURE, 5 voters 2 + 2 + 1, a non-voting replica", () => {
  it("SOUND with no findings: every operation survives the loss of any region", () => {
    const a = analysisOf("cockroach-multi-region");
    expect(a).toMatchObject({ verdict: "SOUND", escalationLevel: 3 });
    expect(rules("cockroach-multi-region")).toEqual([]);
    // CockroachDB, Multi-Region Survival Goals (https://www.cockroachlabs.com/docs/stable/multiregion-survival-goals):
    // "the database will remain fully available for reads and writes, even if an entire region becomes unavailable".
    for (const o of ops("cockroach-multi-region")) expect(o, o.id).toMatchObject({ survivesRegionLoss: true, survivesZoneLoss: true });
  });

  it("5 voters: majority 3, tolerate 2 failures; the non-voting replica does not count", () => {
    // CockroachDB, Replication Layer: "The number of failures that can be tolerated is equal to
    // (Replication factor - 1)/2" and non-voting replicas "do not participate in quorum".
    expect(store("cockroach-multi-region", "orders")).toMatchObject({ n: 5, majority: 3, toleratedWriteFailures: 2, learners: ["crdb-ane1-a"], pacelc: "PC/EL" });
  });

  it("writes pay the round trip to the nearest other region; leaseholder reads stay local", () => {
    // Survival goals page: "write latency will be increased by at least as much as the round-trip
    // time to the nearest region. Read performance will be unaffected." (us-east1 ↔ us-west1 = 65 ms)
    expect(op("cockroach-multi-region", "place-order")).toMatchObject({ cap: "CP", providedConsistency: "linearizable", latencyMs: 66, durableAgainstFailures: 2 });
    expect(op("cockroach-multi-region", "read-order")).toMatchObject({ cap: "CP", providedConsistency: "linearizable", latencyMs: 1 });
    // From Europe, a strong read goes to the leaseholder in us-east1.
    expect(op("cockroach-multi-region", "read-order-eu").latencyMs).toBe(90);
    // Raft election timeout 3 s (COCKROACH_RAFT_ELECTION_TIMEOUT_TICKS 15 × 200 ms tick).
    expect(op("cockroach-multi-region", "place-order").leaderFailoverMs).toBe(3000);
  });

  it("bounded-staleness follower reads are local, even in the region that has only a non-voting replica", () => {
    // CockroachDB, Follower Reads (https://www.cockroachlabs.com/docs/stable/follower-reads):
    // with_max_staleness reads are served by the nearest replica; non-voting replicas "follow the
    // Raft log (and are thus able to serve follower reads)".
    expect(op("cockroach-multi-region", "order-count-asia")).toMatchObject({ cap: "AP", providedConsistency: "bounded-staleness", satisfied: true, latencyMs: 1, leaderFailoverMs: 0 });
    expect(op("cockroach-multi-region", "order-count-eu")).toMatchObject({ providedConsistency: "bounded-staleness", latencyMs: 1 });
  });

  it("losing the primary region: a new leaseholder in us-west1 keeps writes going; a partitioned primary region cannot write", () => {
    const lost = sim("cockroach-multi-region", { failRegions: ["use1"] });
    expect(lost["place-order-eu"]).toMatchObject({ available: true, diverging: false });
    const cut = sim("cockroach-multi-region", { split: [["use1"], ["usw1", "euw1", "ane1"]] });
    expect(cut["place-order"].available).toBe(false);
    expect(cut["place-order-eu"].available).toBe(true);
    expect(cut["order-count-asia"].available).toBe(true);
  });
});

describe("dynamo-ring: Amazon's Dynamo as published (DeCandia et al., SOSP 2007)", () => {
  it("SOUND at level 4 with no findings: the cart only asks for eventual consistency", () => {
    expect(analysisOf("dynamo-ring")).toMatchObject({ verdict: "SOUND", escalationLevel: 4 });
    expect(rules("dynamo-ring")).toEqual([]);
  });

  it("N=3, R=2, W=2 and PA/EL", () => {
    // DeCandia et al. §6: "The common (N,R,W) configuration used by several instances of Dynamo is (3,2,2)."
    // Abadi 2012 (https://www.cs.umd.edu/~abadi/papers/abadi-pacelc.pdf): "The default versions of
    // Dynamo, Cassandra, and Riak are PA/EL systems".
    expect(store("dynamo-ring", "carts")).toMatchObject({ n: 3, readQuorum: 2, writeQuorum: 2, pacelc: "PA/EL", pacelcPartition: "PA", pacelcElse: "EL" });
    // R + W > N, yet sloppy quorums mean the quorums need not overlap: not strong.
    expect(store("dynamo-ring", "carts").strongReads).toBe(false);
  });

  it("every cart operation is AP and eventual, and survives any 2 node failures and a whole region (hinted handoff)", () => {
    // DeCandia et al. §4.6: "all read and write operations are performed on the first N healthy nodes
    // from the preference list"; §4.6 also: replicating across data centres lets Dynamo "handle
    // entire data center failures without a data outage".
    for (const o of ops("dynamo-ring")) {
      expect(o, o.id).toMatchObject({ cap: "AP", providedConsistency: "eventual", satisfied: true, survivesNodeFailures: 2, survivesZoneLoss: true, survivesRegionLoss: true, leaderFailoverMs: 0 });
    }
    expect(op("dynamo-ring", "add-item")).toMatchObject({ latencyMs: 2, durableAgainstFailures: 1 });
    // The normal case: R + W > N, so the PBS closed form gives 0 (Bailis et al., VLDB 2012).
    expect(op("dynamo-ring", "view-cart").staleReadProbability).toBe(0);
    // A west-coast read has one local replica and must reach a second one across the country.
    expect(op("dynamo-ring", "view-cart-west").latencyMs).toBe(66);
  });

  it("always writable: during a partition both sides accept cart writes, which diverge (reconciled by vector clocks)", () => {
    // DeCandia et al. §4.4: "Dynamo uses vector clocks in order to capture causality between
    // different versions of the same object" and the cart merges them ("add to cart" is never lost).
    const cut = sim("dynamo-ring", { split: [["use1"], ["usw2"]] });
    expect(cut["add-item"]).toMatchObject({ available: true, diverging: true });
    const lost = sim("dynamo-ring", { failRegions: ["use1"] });
    for (const id of ["add-item", "remove-item", "view-cart", "view-cart-west"]) expect(lost[id].available, id).toBe(true);
  });
});

describe("cassandra-two-dc: NetworkTopologyStrategy 3 + 3, LOCAL_QUORUM and EACH_QUORUM", () => {
  it("NEEDS REVISION: the account checks are not linearizable, and the EACH_QUORUM write gets the lightweight-transaction advice", () => {
    expect(analysisOf("cassandra-two-dc").verdict).toBe("NEEDS_REVISION");
    expect([...rules("cassandra-two-dc")].sort()).toEqual([
      "consistency-unsatisfied:check-account-eu",
      "consistency-unsatisfied:check-account-us",
      "consistency-unsatisfied:suspend-user",
      "quorum-linearizability:suspend-user",
    ]);
  });

  it("LOCAL_QUORUM everywhere: fast and local, eventual across datacenters, PA/EL", () => {
    // Apache Cassandra docs, "Picking Consistency Levels"
    // (https://cassandra.apache.org/doc/latest/cassandra/architecture/dynamo.html): "LOCAL_QUORUM
    // can be used to provide a weaker but still useful guarantee: reads are guaranteed to see the
    // latest write from within the same datacenter." Writes come from both DCs, so neither read
    // meets every write.
    // Abadi 2012: Cassandra's default is PA/EL.
    expect(store("cassandra-two-dc", "activity")).toMatchObject({ readQuorum: "local-quorum", writeQuorum: "local-quorum", strongReads: false, staleReadProbability: null, pacelc: "PA/EL" });
    for (const id of ["record-activity-us", "record-activity-eu", "read-activity-us", "read-activity-eu"]) {
      // Kleppmann, "Please stop calling databases CP or AP" (2015): a quorum operation is neither.
      expect(op("cassandra-two-dc", id), id).toMatchObject({ providedConsistency: "eventual", cap: "neither", latencyMs: 2, survivesNodeFailures: 1, survivesZoneLoss: true, survivesRegionLoss: false });
    }
    // LOCAL_QUORUM acknowledges on 2 replicas: durable against 1 loss.
    expect(op("cassandra-two-dc", "record-activity-us").durableAgainstFailures).toBe(1);
  });

  it("an EU read sees a US write only after it has crossed the Atlantic (one way ≈ 38 ms)", () => {
    expect(op("cassandra-two-dc", "read-activity-eu", true).tVisibilityP999Ms).toBe(50);
    expect(op("cassandra-two-dc", "read-activity-us", true).tVisibilityP999Ms).toBe(50);
  });

  it("EACH_QUORUM writes + LOCAL_QUORUM reads: every read sees every acknowledged write, but it is not linearizable", () => {
    // DataStax, consistency levels: EACH_QUORUM "Strong consistency. A write must be written to the
    // commit log and memtable on a quorum of replica nodes in each datacenter"; a LOCAL_QUORUM read
    // in either DC overlaps it.
    expect(store("cassandra-two-dc", "accounts")).toMatchObject({ strongReads: true, staleReadProbability: 0 });
    for (const id of ["check-account-us", "check-account-eu"]) {
      expect(op("cassandra-two-dc", id), id).toMatchObject({ staleReadProbability: 0, freshWithinVersions: [1, 1, 1, 1, 1], latencyMs: 2, satisfied: false });
      // Not linearizable: blocking read repair writes back "to only the replicas involved in the
      // request" (DataStax, Read Repair: https://docs.datastax.com/en/dse/5.1/architecture/database-architecture/repair-nodes-read-repair.html),
      // a local quorum, which the other DC's reads can miss (Attiya, Bar-Noy, Dolev 1995).
      expect(op("cassandra-two-dc", id).providedConsistency, id).not.toBe("linearizable");
    }
    // The EACH_QUORUM write stops when a DC is cut off, yet it is not linearizable either (a read in
    // one DC can return it while a later read in the other still returns the older value): "neither",
    // which the partition half counts as PA; EL: local reads do not wait for the other DC.
    expect(store("cassandra-two-dc", "accounts").pacelc).toBe("PA/EL");
    // Cells merge by timestamp: an account status is a last-writer-wins register.
    const merge = analysisOf("cassandra-two-dc").recommendations.conflictResolution.find((c) => c.store === "accounts")!;
    expect(merge.crdtType).toBe("LWW-Register");
  });

  it("an EACH_QUORUM write pays the cross-DC round trip and fails when a datacenter is lost", () => {
    // DataStax: EACH_QUORUM "Queries will fail if any datacenter fails to achieve a quorum."
    expect(op("cassandra-two-dc", "suspend-user")).toMatchObject({ cap: "neither", providedConsistency: "eventual", latencyMs: 77, durableAgainstFailures: 3, survivesNodeFailures: 1, survivesZoneLoss: true, survivesRegionLoss: false });
    const cut = sim("cassandra-two-dc", { split: [["use1"], ["euw1"]] });
    expect(cut["suspend-user"].available).toBe(false);
    expect(cut["record-activity-us"].available).toBe(true);
    expect(cut["record-activity-eu"].available).toBe(true);
  });

  it("survival goal zone is met: one replica per rack, so losing a rack leaves a local quorum", () => {
    expect(rules("cassandra-two-dc").some((r) => r.startsWith("survival-goal-unmet"))).toBe(false);
    for (const o of ops("cassandra-two-dc")) expect(o.survivesZoneLoss, o.id).toBe(true);
  });
});

describe("postgres-primary: one primary, a synchronous standby in another zone, an async reporting copy", () => {
  it("NEEDS REVISION: async data loss, write availability capped by the primary, zone loss needs a failover", () => {
    expect(analysisOf("postgres-primary").verdict).toBe("NEEDS_REVISION");
    expect(rules("postgres-primary")).toEqual(
      expect.arrayContaining(["async-data-loss:reporting", "availability-slo:create-order", "survival-goal-unmet:create-order", "survival-goal-unmet:read-order"]),
    );
    // Fenced (Patroni's leader key and watchdog): no split-brain finding.
    expect(rules("postgres-primary").some((r) => r.startsWith("lock-without-fencing"))).toBe(false);
  });

  it("writes need the primary: linearizable, durable against one loss, below 99.9 %, a 30 s failover", () => {
    const create = op("postgres-primary", "create-order");
    expect(create).toMatchObject({ cap: "CP", providedConsistency: "linearizable", survivesNodeFailures: 0, survivesZoneLoss: false, survivesRegionLoss: false, durableAgainstFailures: 1, latencyMs: 2, leaderFailoverMs: 30000 });
    // The primary alone is up 99.9 % of the time; the write also needs a standby.
    expect(create.availability!).toBeLessThan(0.999);
  });

  it("follower reads are AP and consistent-prefix; the orders store is PC/EL", () => {
    expect(op("postgres-primary", "order-history")).toMatchObject({ cap: "AP", providedConsistency: "consistent-prefix" });
    // Abadi 2012: "PNUTS is a PC/EL system" — a primary that serves reads from replicas.
    expect(store("postgres-primary", "orders").pacelc).toBe("PC/EL");
  });

  it("after the primary's zone is lost and the standby promoted, commits wait for the cross-region copy", () => {
    const lost = sim("postgres-primary", { failZones: ["euc1/a"] });
    expect(lost["create-order"]).toMatchObject({ available: true, latencyMs: 26 });
  });
});

describe("job-scheduler: Redlock is unsafe for correctness, an etcd lease is not", () => {
  it("Redlock gets redlock-correctness as an error, no fencing, and is never linearizable", () => {
    // Kleppmann, "How to do distributed locking" (2016): Redlock depends on timing assumptions and
    // cannot generate fencing tokens.
    const found = analysisOf("job-scheduler").findings;
    expect(found.find((f) => f.rule === "redlock-correctness")).toMatchObject({ severity: "error", target: "redlock" });
    expect(rules("job-scheduler")).toEqual(expect.arrayContaining(["lock-without-fencing:redlock", "consistency-unsatisfied:acquire-redlock"]));
    expect(op("job-scheduler", "acquire-redlock").providedConsistency).toBe("eventual");
    expect(store("job-scheduler", "redlock").pacelc).toBe("PA/EL");
    expect(analysisOf("job-scheduler").verdict).toBe("NEEDS_REVISION");
  });

  it("the etcd lease is linearizable, fenced and raises nothing", () => {
    expect(rules("job-scheduler").some((r) => r.endsWith(":etcd-locks"))).toBe(false);
    // etcd tuning guide: "By default, etcd uses a 1000ms election timeout."
    expect(op("job-scheduler", "acquire-etcd")).toMatchObject({ cap: "CP", providedConsistency: "linearizable", satisfied: true, leaderFailoverMs: 1000 });
    expect(store("job-scheduler", "etcd-locks").pacelc).toBe("PC/EC");
    expect(analysisOf("job-scheduler").recommendations.locks.find((l) => l.store === "redlock")!.choice).toMatch(/^etcd/);
  });
});

describe("crdt-counters: every region accepts increments, CRDTs converge", () => {
  it("SOUND at level 4, AP everywhere, PA/EL, only a replication-lag warning across oceans", () => {
    const a = analysisOf("crdt-counters");
    expect(a).toMatchObject({ verdict: "SOUND", escalationLevel: 4 });
    // Shapiro et al., "Conflict-free Replicated Data Types" (2011): any replica accepts updates;
    // replicas that received the same updates converge.
    expect(a.stores[0].pacelc).toBe("PA/EL");
    expect(rules("crdt-counters")).toEqual(["replication-lag:counters"]);
    for (const o of a.operations) expect(o, o.id).toMatchObject({ cap: "AP", satisfied: true, latencyMs: 1, survivesRegionLoss: true });
    expect(op("crdt-counters", "like").durableAgainstFailures).toBe(0);
    expect(a.recommendations.conflictResolution[0].crdtType).toBe("G-Counter");
  });
});

describe("single-node: level 0", () => {
  it("SOUND at level 0 with no findings; linearizable, and survives no failure", () => {
    const a = analysisOf("single-node");
    expect(a).toMatchObject({ verdict: "SOUND", escalationLevel: 0 });
    expect(rules("single-node")).toEqual([]);
    expect(a.stores[0].pacelc).toBe("PC/EC");
    expect(op("single-node", "edit-page")).toMatchObject({ cap: "CP", providedConsistency: "linearizable", survivesNodeFailures: 0, availability: 0.999 });
  });
});
