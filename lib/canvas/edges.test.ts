import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import type { Design } from "../design/schema";
import { replication, type RouteEdgeData } from "./edges";

const replicationEdges = (design: Design) => replication(design).edges;

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

const data = (design: Design) => replicationEdges(design).map((e) => e.data as RouteEdgeData);

describe("replication edges", () => {
  it("draws each store as one routed edge reaching every replica, labelled with its effective quorums", () => {
    const edges = replicationEdges(ring);
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ type: "route", source: "node:n1" });
    const [route] = data(ring);
    expect([...route.members].sort()).toEqual(["n2", "n3"]); // from n1, the first replica
    expect(route.label?.text).toBe("Ring · R2/W2"); // omitted quorums are the majority
    expect(route.dashed).toBe(false);
  });

  it("labels per-region quorums the way Cassandra users know them", () => {
    expect(data({ ...ring, stores: [{ ...ring.stores![0], readQuorum: "local-quorum", writeQuorum: "each-quorum" }] })[0].label?.text).toBe("Ring · R LOCAL_QUORUM / W EACH_QUORUM");
    expect(data({ ...ring, stores: [{ ...ring.stores![0], readQuorum: 1, writeQuorum: "local-quorum" }] })[0].label?.text).toBe("Ring · R 1 / W LOCAL_QUORUM");
  });

  it("draws a learner as a separate dotted line from the store's lines, apart from the voters", () => {
    const design: Design = { ...ring, stores: [{ id: "s", name: "Raft", replication: "consensus", replicas: ["n1", "n2"], learners: ["n3"] }] };
    const [route] = data(design);
    expect(route.members).toEqual(["n2"]);
    expect(route.learners).toEqual(["n3"]);
    expect(route.learnerPaths).toHaveLength(1);
    expect(route.label?.text).toBe("Raft · consensus");
  });

  it("starts at the leader; dashed when asynchronous", () => {
    const edges = replicationEdges(raftLedger);
    const leader = raftLedger.stores![0].leader ?? raftLedger.stores![0].replicas[0];
    expect(edges.every((e) => e.source === `node:${leader}`)).toBe(true);
    const async = data({ ...raftLedger, stores: [{ ...raftLedger.stores![0], replication: "primary-async", protocol: undefined, readMode: undefined }] });
    expect(async[0].dashed).toBe(true);
    expect(async[0].label?.text).toMatch(/· async$/);
  });

  it("falls back to straight lines past the routing limit, one label per store", () => {
    const many: Design = {
      ...ring,
      nodes: Array.from({ length: 120 }, (_, i) => ({ id: `n${i + 1}`, name: `n${i + 1}`, kind: "database", region: "r2" })),
    };
    const { edges, lines: stores } = replication(many);
    // No React Flow edges: the canvas draws every store's lines in one layer.
    expect(edges).toEqual([]);
    expect(stores.map((s) => [s.store, s.labelPair !== null, s.label])).toEqual(ring.stores!.map((s) => [s.id, true, expect.stringContaining(s.name)]));
    expect(stores.every((s) => s.pairs.every(([a, b]) => many.nodes!.some((n) => n.id === a) && many.nodes!.some((n) => n.id === b)))).toBe(true);
  });
});

describe("routeInputs", () => {
  it("stays the same object across renames of nodes and edits of operations, and changes with what the lines follow", async () => {
    const { routeInputs } = await import("./edges");
    const { raftLedger } = await import("../design/examples/raft-ledger");
    const { updateNode, placeNode } = await import("../design/commands");
    const first = routeInputs(raftLedger);
    expect(routeInputs(updateNode(raftLedger, "ledger-1", { name: "Ledger one" }))).toBe(first);
    expect(routeInputs({ ...raftLedger, operations: [] })).toBe(first);
    const moved = placeNode(raftLedger, "ledger-1", { region: "use1", zone: "b", position: { x: 0, y: 40 } });
    expect(routeInputs(moved)).not.toBe(first);
    expect(routeInputs({ ...raftLedger, stores: raftLedger.stores?.map((s) => ({ ...s, name: `${s.name}!` })) })).not.toBe(first);
  });
});
