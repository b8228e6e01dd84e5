import { describe, expect, it } from "vitest";
import { EXAMPLES } from "./examples/index";
import { raftLedger } from "./examples/raft-ledger";
import { drawnKind, FORMAT, type Design } from "./schema";
import { serializeDesign } from "./serialize";
import { formatPath, formatProblem, parseDesign, parseDesignText } from "./validate";

/** A small valid design to mutate in each test. */
function base(): Design {
  return {
    format: FORMAT,
    name: "Test",
    regions: [
      { id: "use1", name: "us-east-1", zones: ["a", "b"] },
      { id: "euw1", name: "eu-west-1" },
    ],
    links: [{ a: "use1", b: "euw1", rttMs: 75 }],
    nodes: [
      { id: "n1", name: "one", kind: "database", region: "use1", zone: "a" },
      { id: "n2", name: "two", kind: "database", region: "use1", zone: "b" },
      { id: "n3", name: "three", kind: "database", region: "euw1" },
    ],
    stores: [
      { id: "s", name: "S", replication: "leaderless", replicas: ["n1", "n2", "n3"], readQuorum: 2, writeQuorum: 2 },
      { id: "c", name: "C", replication: "consensus", replicas: ["n1", "n2", "n3"], leader: "n2", readMode: "lease" },
    ],
    operations: [
      { id: "w", name: "Write", store: "s", type: "write", consistency: "eventual", quorum: 1 },
      { id: "r", name: "Read", store: "c", type: "read", consistency: "linearizable", readMode: "follower", clientRegion: "euw1" },
    ],
  };
}

/** Problems of a mutated copy of `base()`, formatted as users see them. */
function problems(mutate: (d: Design & Record<string, unknown>) => void): string[] {
  const d = structuredClone(base()) as Design & Record<string, unknown>;
  mutate(d);
  const result = parseDesign(d);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe("parseDesign: valid documents", () => {
  it("accepts the base design and every example", () => {
    expect(parseDesign(base())).toEqual({ ok: true, design: base() });
    for (const example of EXAMPLES) expect(parseDesign(example.design).ok, example.slug).toBe(true);
  });

  it("accepts the minimal document (format and name only)", () => {
    expect(parseDesign({ format: FORMAT, name: "x" }).ok).toBe(true);
  });

  it("does not fill in defaults: the parsed document is the document as written", () => {
    const result = parseDesign(base());
    expect(result.ok && result.design.stores?.[0]).not.toHaveProperty("purpose");
  });
});

describe("parseDesign: shape", () => {
  it("rejects a non-object with a message for the whole document", () => {
    expect(parseDesign([]).ok).toBe(false);
    expect(parseDesign("x")).toMatchObject({ ok: false, problems: [{ path: "" }] });
  });

  it("requires the exact format string", () => {
    expect(problems((d) => (d.format = "quorum-studio/design@2" as never))).toEqual([
      `format: must be "${FORMAT}" (got "quorum-studio/design@2")`,
    ]);
    expect(problems((d) => delete (d as Partial<Design>).format)).toEqual(["format: is required"]);
  });

  it("requires a name of 1..200 characters", () => {
    expect(problems((d) => (d.name = ""))).toEqual(["name: must be at least 1 characters long"]);
    expect(problems((d) => (d.name = "x".repeat(201)))).toEqual(["name: must be at most 200 characters long"]);
  });

  it("reports unknown fields at every level instead of dropping them", () => {
    expect(
      problems((d) => {
        d.colour = "red";
        (d.nodes![0] as Record<string, unknown>).colour = "blue";
        (d.stores![0] as Record<string, unknown>).replicationFactor = 3;
      }),
    ).toEqual([
      "nodes[0].colour: unknown field (design-format v1 does not define it)",
      "stores[0].replicationFactor: unknown field (design-format v1 does not define it)",
      "colour: unknown field (design-format v1 does not define it)",
    ]);
  });

  it("checks id syntax", () => {
    expect(problems((d) => (d.nodes![2].id = "bad id!"))).toContain(
      `nodes[2].id: must be 1–64 characters of letters, digits, '-', '_' or '.' (got "bad id!")`,
    );
    const long = "x".repeat(65);
    expect(problems((d) => (d.regions![0].zones = ["a", "b", long]))).toEqual([
      `regions[0].zones[2]: must be 1–64 characters of letters, digits, '-', '_' or '.' (got "${long.slice(0, 40)}…")`,
    ]);
  });

  it("checks enums and names the allowed values", () => {
    expect(problems((d) => (d.stores![0].purpose = "ledger" as never))).toEqual([
      'stores[0].purpose: must be one of "data", "lock", "coordination", "queue", "cache" (got "ledger")',
    ]);
    expect(problems((d) => (d.operations![0].consistency = "strong" as never))[0]).toMatch(/^operations\[0\]\.consistency: must be one of "linearizable"/);
    expect(problems((d) => (d.stores![0].replication = "paxos" as never))[0]).toMatch(/^stores\[0\]\.replication: must be one of/);
  });

  it("checks types and numeric ranges", () => {
    expect(problems((d) => (d.nodes![0].availability = 1.5))).toEqual(["nodes[0].availability: must be at most 1 (got 1.5)"]);
    expect(problems((d) => (d.links![0].rttMs = -1))).toEqual(["links[0].rttMs: must be at least 0 (got -1)"]);
    expect(problems((d) => (d.links![0].rttMs = "75" as never))).toEqual(['links[0].rttMs: must be a number, got "75"']);
    expect(problems((d) => (d.context = { availabilityTarget: 0 }))).toEqual(["context.availabilityTarget: must be more than 0 (got 0)"]);
    expect(problems((d) => (d.context = { clusterSize: 2.5 }))).toEqual(["context.clusterSize: must be a whole number, got 2.5"]);
    expect(problems((d) => (d.operations![0].latencySloMs = 0))).toEqual(["operations[0].latencySloMs: must be more than 0 (got 0)"]);
    expect(problems((d) => (d.stores![0].sharding = { strategy: "hash", shards: 0 }))).toEqual(["stores[0].sharding.shards: must be at least 1 (got 0)"]);
  });

  it("requires at least one replica", () => {
    expect(problems((d) => {
      d.stores![1].replicas = [];
      delete d.stores![1].leader;
    })).toEqual(["stores[1].replicas: must have at least 1 item"]);
  });

  it("reports shape and reference problems together", () => {
    const found = problems((d) => {
      d.nodes![0].kind = "message queue";
      d.stores![0].replicas[2] = "pg9";
    });
    expect(found).toContain('stores[0].replicas[2]: unknown node "pg9"');
    expect(found.some((p) => p.startsWith("nodes[0].kind"))).toBe(true);
  });

  it("takes any identifier as a node kind (the spec does not enumerate kinds), kept as written", () => {
    const result = parseDesign({ ...base(), nodes: base().nodes!.map((n, i) => (i === 0 ? { ...n, kind: "queue" } : n)) });
    expect(result.ok && result.design.nodes![0].kind).toBe("queue");
    expect(drawnKind("queue")).toBe("broker");
    expect(drawnKind("Database")).toBe("database");
    expect(drawnKind("gateway")).toBe("load-balancer");
    expect(drawnKind("robot")).toBe("service");
  });

  it("names an element without a name by its id, and a node without a kind is a service", () => {
    const doc = base();
    const bare = {
      ...doc,
      regions: doc.regions!.map(({ name: _, ...r }) => r),
      nodes: doc.nodes!.map(({ name: _, kind: __, ...n }) => n),
      stores: doc.stores!.map(({ name: _, ...s }) => s),
      operations: doc.operations!.map(({ name: _, ...o }) => o),
    };
    const result = parseDesign(bare);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.design.regions![0].name).toBe(doc.regions![0].id);
    expect(result.design.nodes![0]).toMatchObject({ name: doc.nodes![0].id, kind: "service" });
    expect(result.design.stores![0].name).toBe(doc.stores![0].id);
    expect(result.design.operations![0].name).toBe(doc.operations![0].id);
    expect(bare.nodes[0]).not.toHaveProperty("name"); // the input is not modified
    // The document's own name stays required.
    expect(parseDesign({ ...doc, name: undefined }).ok).toBe(false);
  });
});

describe("parseDesign: references and uniqueness", () => {
  it("finds unknown replica nodes with the exact path", () => {
    expect(problems((d) => (d.stores![1].replicas[2] = "pg9"))).toEqual(['stores[1].replicas[2]: unknown node "pg9"']);
  });

  it("finds duplicate ids in every list", () => {
    expect(problems((d) => (d.regions![1].id = "use1"))).toContain('regions[1].id: duplicate region id "use1" (first at regions[0])');
    expect(problems((d) => (d.nodes![1].id = "n1"))).toContain('nodes[1].id: duplicate node id "n1" (first at nodes[0])');
    expect(problems((d) => (d.stores![1].id = "s"))).toContain('stores[1].id: duplicate store id "s" (first at stores[0])');
    expect(problems((d) => (d.operations![1].id = "w"))).toContain('operations[1].id: duplicate operation id "w" (first at operations[0])');
    expect(problems((d) => (d.regions![0].zones = ["a", "b", "a"]))).toEqual(['regions[0].zones[2]: duplicate zone "a" (first at regions[0].zones[0])']);
  });

  it("finds duplicate replicas", () => {
    expect(problems((d) => (d.stores![0].replicas = ["n1", "n2", "n1"]))).toEqual([
      'stores[0].replicas[2]: node "n1" is listed twice (first at stores[0].replicas[0])',
    ]);
  });

  it("resolves node regions and zones", () => {
    expect(problems((d) => (d.nodes![0].region = "mars"))).toEqual(['nodes[0].region: unknown region "mars"']);
    expect(problems((d) => (d.nodes![0].zone = "z"))).toEqual([`nodes[0].zone: zone "z" is not one of region "use1"'s zones (a, b)`]);
  });

  it("allows any zone name in a region that lists no zones (the spec constrains only listed zones)", () => {
    expect(problems((d) => (d.nodes![2].zone = "anything"))).toEqual([]);
  });

  it("resolves links and rejects self-links and duplicate pairs (links are symmetric)", () => {
    expect(problems((d) => (d.links![0].b = "mars"))).toEqual(['links[0].b: unknown region "mars"']);
    expect(problems((d) => (d.links![0].b = "use1"))[0]).toMatch(/^links\[0\]: a link joins two different regions/);
    expect(problems((d) => d.links!.push({ a: "euw1", b: "use1", rttMs: 80 }))).toEqual([
      'links[1]: duplicate link between "euw1" and "use1" (first at links[0]; links are symmetric)',
    ]);
  });

  it("checks the leader", () => {
    expect(problems((d) => (d.stores![1].leader = "nX"))).toEqual(['stores[1].leader: leader "nX" must be one of the store\'s replicas']);
    expect(problems((d) => (d.stores![0].leader = "n1"))).toEqual(['stores[0].leader: "leader" applies only to consensus and primary-* stores, not leaderless']);
  });

  it("checks quorum ranges against n", () => {
    expect(problems((d) => (d.stores![0].readQuorum = 4))).toEqual(["stores[0].readQuorum: read quorum 4 is outside 1..3 (the store has 3 replicas)"]);
    expect(problems((d) => (d.stores![0].writeQuorum = 0))).toEqual(["stores[0].writeQuorum: must be at least 1 (got 0)"]);
    expect(problems((d) => (d.operations![0].quorum = 5))).toEqual(["operations[0].quorum: quorum 5 is outside 1..3 (the store has 3 replicas)"]);
  });

  it("rejects quorum fields on replication modes that do not have them", () => {
    expect(problems((d) => (d.stores![1].readQuorum = 2))).toEqual(['stores[1].readQuorum: "readQuorum" applies only to leaderless stores, not consensus']);
    expect(problems((d) => (d.stores![1].writeQuorum = 2))).toEqual(['stores[1].writeQuorum: "writeQuorum" applies only to leaderless and primary-sync stores, not consensus']);
    expect(problems((d) => {
      d.stores![1] = { id: "c", name: "C", replication: "primary-sync", replicas: ["n1", "n2", "n3"], writeQuorum: 2 };
      delete d.operations![1].readMode;
    })).toEqual([]);
    expect(problems((d) => (d.operations![1].quorum = 2))).toEqual([
      'operations[1].quorum: "quorum" does not apply to reads on a consensus store (only leaderless reads and writes, and primary-sync writes)',
    ]);
  });

  it("checks read modes against the replication mode", () => {
    expect(problems((d) => (d.stores![1].readMode = "leader"))).toEqual([
      'stores[1].readMode: read mode "leader" is not available on consensus stores (use "quorum" or "lease" or "follower")',
    ]);
    expect(problems((d) => (d.stores![0].readMode = "quorum"))).toEqual(['stores[0].readMode: "readMode" does not apply to leaderless stores']);
    expect(problems((d) => (d.operations![0].readMode = "quorum"))).toEqual(['operations[0].readMode: "readMode" applies only to reads']);
    expect(problems((d) => (d.operations![1].readMode = "leader"))[0]).toMatch(/^operations\[1\]\.readMode: read mode "leader" is not available on consensus stores/);
  });

  it("resolves operation stores and client regions", () => {
    expect(problems((d) => (d.operations![0].store = "nope"))).toEqual(['operations[0].store: unknown store "nope"']);
    expect(problems((d) => (d.operations![1].clientRegion = "mars"))).toEqual(['operations[1].clientRegion: unknown region "mars"']);
  });

  it("checks that layout entries name existing elements", () => {
    expect(
      problems((d) => (d.layout = { nodes: { n1: { x: 1, y: 2 }, ghost: { x: 0, y: 0 } }, zones: { "use1/a": { x: 0, y: 0, width: 100, height: 100 }, "use1/q": { x: 0, y: 0, width: 100, height: 100 } } })),
    ).toEqual(['layout.zones["use1/q"]: layout for unknown zone (keys are "region/zone") "use1/q"', 'layout.nodes.ghost: layout for unknown node "ghost"']);
  });

  it("lists every problem, not just the first", () => {
    const found = problems((d) => {
      d.nodes![0].region = "mars";
      d.stores![0].replicas[0] = "x";
      d.operations![0].store = "y";
    });
    expect(found).toHaveLength(3);
  });
});

describe("parseDesignText and round trip", () => {
  it("reports invalid JSON as a problem, not an exception", () => {
    const result = parseDesignText("{ nope");
    expect(result.ok).toBe(false);
    expect(!result.ok && formatProblem(result.problems[0])).toMatch(/^\(document\): not valid JSON/);
  });

  it("export → import gives an identical document", () => {
    for (const design of [base(), raftLedger]) {
      const text = serializeDesign(design);
      const again = parseDesignText(text);
      expect(again).toEqual({ ok: true, design });
      expect(again.ok && serializeDesign(again.design)).toBe(text);
    }
  });

  it("serializes keys in the format's order whatever order they arrive in", () => {
    const shuffled = JSON.parse(JSON.stringify({ operations: [], name: "x", format: FORMAT }));
    expect(serializeDesign(shuffled)).toBe(`{\n  "format": "${FORMAT}",\n  "name": "x",\n  "operations": []\n}\n`);
  });
});

describe("formatPath", () => {
  it("writes JSON paths the way users read them", () => {
    expect(formatPath(["stores", 1, "replicas", 2])).toBe("stores[1].replicas[2]");
    expect(formatPath(["layout", "nodes", "a b"])).toBe('layout.nodes["a b"]');
    expect(formatPath([])).toBe("");
  });
});

describe("named scenarios (a studio addition)", () => {
  it("accepts scenarios that name existing elements and round-trips them", () => {
    const d = { ...base(), scenarios: [{ name: "lose us-east", failRegions: ["use1"], failZones: ["use1/a"], failNodes: ["n3"], split: [["use1"], ["euw1"]] }] };
    expect(parseDesign(d)).toEqual({ ok: true, design: d });
    expect(parseDesignText(serializeDesign(d))).toEqual({ ok: true, design: d });
  });
  it("reports unknown ids, bad zones, regions on two sides and duplicate names", () => {
    expect(
      problems((d) => {
        d.scenarios = [
          { name: "a", failRegions: ["mars"], failZones: ["use1/z"], failNodes: ["x"], split: [["use1"], ["use1", "euw1"]] },
          { name: "a" },
        ];
      }),
    ).toEqual([
      'scenarios[0].failRegions[0]: unknown region "mars"',
      'scenarios[0].failZones[0]: region "use1" has no zone "z"',
      'scenarios[0].failNodes[0]: unknown node "x"',
      'scenarios[0].split[1][0]: region "use1" is on two sides',
      'scenarios[1].name: duplicate scenario name "a" (first at scenarios[0])',
    ]);
  });
});

describe("parseDesign: version-2 fields (design-format.md)", () => {
  const base = (store: Record<string, unknown>, ops: Record<string, unknown>[] = []) => ({
    format: FORMAT,
    name: "v2",
    context: { survivalGoal: "region" },
    defaults: { jitterMs: 3 },
    regions: [{ id: "dc1", name: "dc1" }, { id: "dc2", name: "dc2" }],
    nodes: ["a", "b", "c", "d"].map((id, i) => ({ id, name: id, kind: "database", region: i < 2 ? "dc1" : "dc2" })),
    stores: [{ id: "s", name: "S", replicas: ["a", "b", "c"], ...store }],
    operations: ops.map((o, i) => ({ id: `o${i}`, name: `o${i}`, store: "s", type: "read", consistency: "eventual", ...o })),
  });
  const problems = (d: unknown) => {
    const r = parseDesign(d);
    return r.ok ? [] : r.problems.map(formatProblem);
  };

  it("accepts every new field where it applies", () => {
    expect(problems(base({ replication: "leaderless", readQuorum: "local-quorum", writeQuorum: "each-quorum", readRepair: "async", sloppyQuorum: true }, [{ quorum: "local-quorum" }, { type: "write", quorum: 2 }]))).toEqual([]);
    expect(problems(base({ replication: "consensus", learners: ["d"], maxStalenessMs: 5000, electionTimeoutMs: 2500, readMode: "follower" }))).toEqual([]);
    expect(problems(base({ replication: "primary-async", failoverMs: 10000, maxStalenessMs: 100 }))).toEqual([]);
  });

  it("refuses a field on a replication mode it does not apply to, at its path", () => {
    expect(problems(base({ replication: "consensus", readRepair: "blocking", sloppyQuorum: false, failoverMs: 1 }))).toEqual([
      'stores[0].readRepair: "readRepair" applies only to leaderless stores, not consensus',
      'stores[0].sloppyQuorum: "sloppyQuorum" applies only to leaderless stores, not consensus',
      'stores[0].failoverMs: "failoverMs" applies only to primary-* stores, not consensus',
    ]);
    expect(problems(base({ replication: "leaderless", learners: ["d"], electionTimeoutMs: 1, maxStalenessMs: 1 }))).toEqual([
      'stores[0].learners: "learners" applies only to consensus stores, not leaderless',
      'stores[0].electionTimeoutMs: "electionTimeoutMs" applies only to consensus stores, not leaderless',
      'stores[0].maxStalenessMs: "maxStalenessMs" applies only to consensus and primary-* stores, not leaderless',
    ]);
    expect(problems(base({ replication: "primary-sync", writeQuorum: "local-quorum" }, [{ type: "write", quorum: "each-quorum" }]))).toEqual([
      'stores[0].writeQuorum: "local-quorum" applies only to leaderless stores (primary-sync takes a number)',
      'operations[0].quorum: "each-quorum" applies only to leaderless stores (primary-sync writes take a number)',
    ]);
  });

  it("checks learners: known nodes, not voting replicas, no duplicates", () => {
    expect(problems(base({ replication: "consensus", learners: ["a", "zz", "d", "d"] }))).toEqual([
      'stores[0].learners[0]: node "a" is already a voting replica (stores[0].replicas[0]); a learner is a non-voting replica',
      'stores[0].learners[1]: unknown node "zz"',
      'stores[0].learners[3]: node "d" is listed twice (first at stores[0].learners[2])',
    ]);
  });

  it("names bad values of the new fields", () => {
    const out = problems({ ...base({ replication: "leaderless", readQuorum: "quorum", readRepair: "sometimes" }), context: { survivalGoal: "planet" }, defaults: { jitterMs: -1 } });
    expect(out).toContain('context.survivalGoal: must be one of "none", "zone", "region" (got "planet")');
    expect(out).toContain("defaults.jitterMs: must be at least 0 (got -1)");
    expect(out).toContain('stores[0].readRepair: must be one of "blocking", "async", "none" (got "sometimes")');
    expect(out.find((p) => p.startsWith("stores[0].readQuorum"))).toContain('"local-quorum"');
  });
});

describe("designs written before version 2 load unchanged", () => {
  const fixtures = ["crdt-counters", "dynamo-ring", "job-scheduler", "postgres-primary", "raft-ledger", "single-node"];
  for (const name of fixtures) {
    it(`${name} (the version-1 template file)`, async () => {
      const { readFile } = await import("node:fs/promises");
      const text = await readFile(new URL(`./testing/v1/${name}.json`, import.meta.url), "utf8");
      const parsed = parseDesignText(text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(serializeDesign(parsed.design)).toBe(text.endsWith("\n") ? text : `${text}\n`);
    });
  }
});
