import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import type { Design } from "../design/schema";
import { replicationEdges } from "./edges";

const ring: Design = {
  format: "quorum-studio/design@1",
  name: "ring",
  regions: [
    { id: "r1", name: "r1", zones: ["a", "b"] },
    { id: "r2", name: "r2" },
  ],
  nodes: [
    { id: "n1", name: "n1", kind: "database", region: "r1", zone: "a" },
    { id: "n2", name: "n2", kind: "database", region: "r1", zone: "a" },
    { id: "n3", name: "n3", kind: "database", region: "r2" },
  ],
  stores: [{ id: "s", name: "Ring", replication: "leaderless", replicas: ["n1", "n2", "n3"] }],
};

describe("replication edges", () => {
  it("draws a leaderless store as a ring labelled with its effective quorums, on an edge across regions", () => {
    const edges = replicationEdges(ring);
    expect(edges.map((e) => [e.source, e.target])).toEqual([
      ["node:n1", "node:n2"],
      ["node:n2", "node:n3"],
      ["node:n3", "node:n1"],
    ]);
    const labelled = edges.filter((e) => e.label);
    expect(labelled).toHaveLength(1);
    expect(labelled[0].label).toBe("Ring · R2/W2"); // omitted quorums are the majority
    expect(labelled[0].target).toBe("node:n3"); // not the short n1–n2 hop inside one zone
  });

  it("labels per-region quorums the way Cassandra users know them", () => {
    const edges = replicationEdges({ ...ring, stores: [{ ...ring.stores![0], readQuorum: "local-quorum", writeQuorum: "each-quorum" }] });
    expect(edges.find((e) => e.label)?.label).toBe("Ring · R LOCAL_QUORUM / W EACH_QUORUM");
    const mixed = replicationEdges({ ...ring, stores: [{ ...ring.stores![0], readQuorum: 1, writeQuorum: "local-quorum" }] });
    expect(mixed.find((e) => e.label)?.label).toBe("Ring · R 1 / W LOCAL_QUORUM");
  });

  it("draws a learner as a thinner dotted edge from the leader, never labelled, apart from the voters", () => {
    const design: Design = { ...ring, stores: [{ id: "s", name: "Raft", replication: "consensus", replicas: ["n1", "n2"], learners: ["n3"] }] };
    const edges = replicationEdges(design);
    expect(edges).toHaveLength(2);
    const voter = edges.find((e) => e.target === "node:n2")!;
    const learner = edges.find((e) => e.target === "node:n3")!;
    expect(learner).toMatchObject({ source: "node:n1", className: "learner-edge", data: { store: "s", learner: true } });
    expect(learner.label).toBeUndefined();
    expect((learner.style as { strokeDasharray?: string }).strokeDasharray).toBe("1 5");
    expect((voter.style as { strokeDasharray?: string }).strokeDasharray).toBeUndefined();
    expect(voter.label).toBe("Raft · consensus");
  });

  it("draws leader → followers (dashed when asynchronous), one label per store", () => {
    const edges = replicationEdges(raftLedger);
    const leader = raftLedger.stores![0].leader ?? raftLedger.stores![0].replicas[0];
    expect(edges.every((e) => e.source === `node:${leader}`)).toBe(true);
    expect(edges.filter((e) => e.label)).toHaveLength(1);
    const async = replicationEdges({ ...raftLedger, stores: [{ ...raftLedger.stores![0], replication: "primary-async", protocol: undefined, readMode: undefined }] });
    expect(async.every((e) => (e.style as { strokeDasharray?: string }).strokeDasharray)).toBe(true);
    expect(async.find((e) => e.label)?.label).toMatch(/· async$/);
  });
});
