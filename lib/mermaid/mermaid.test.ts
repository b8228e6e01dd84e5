import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../analysis/index";
import { EXAMPLES } from "../design/examples/index";
import { raftLedger } from "../design/examples/raft-ledger";
import type { Design } from "../design/schema";
import { label } from "./escape";
import { flowchart } from "./flowchart";
import { storeSequence } from "./sequence";

/** Two datacenters: a leaderless keyspace over six nodes and a Raft store with a learner in dc2. */
const twoDcs: Design = {
  format: "quorum-studio/design@1",
  name: "two DCs",
  regions: [
    { id: "dc1", name: "DC one" },
    { id: "dc2", name: "DC two" },
  ],
  links: [{ a: "dc1", b: "dc2", rttMs: 40 }],
  nodes: [
    ...["c1", "c2", "c3"].map((id) => ({ id, name: `cass-${id.slice(1)}`, kind: "database", region: "dc1" })),
    ...["c4", "c5", "c6"].map((id) => ({ id, name: `cass-${id.slice(1)}`, kind: "database", region: "dc2" })),
    ...["r1", "r2", "r3"].map((id) => ({ id, name: `raft-${id.slice(1)}`, kind: "database", region: "dc1" })),
  ],
  stores: [
    { id: "ks", name: "Keyspace", replication: "leaderless", replicas: ["c1", "c2", "c3", "c4", "c5", "c6"], readQuorum: "local-quorum", writeQuorum: "each-quorum" },
    { id: "raft", name: "Ranges", replication: "consensus", protocol: "raft", replicas: ["r1", "r2", "r3"], learners: ["c4"] },
  ],
};

describe("Mermaid topology of the templates", () => {
  for (const example of EXAMPLES) {
    it(`${example.slug}: stable flowchart and sequence diagrams`, () => {
      const a = analyze(example.design);
      const text = flowchart(example.design, a);
      expect(flowchart(structuredClone(example.design), analyze(example.design))).toBe(text); // byte-identical
      expect(text).toMatchSnapshot();
      for (const store of example.design.stores ?? []) expect(storeSequence(example.design, store)).toMatchSnapshot(store.id);
    });
  }

  it("draws regions as subgraphs with zones inside, shapes by kind, the leader, labelled edges, status classes", () => {
    const text = flowchart(raftLedger, analyze(raftLedger));
    expect(text).toContain('subgraph r_use1["us-east-1"]'); // the name; the id only when two regions share a name
    expect(text).toContain('subgraph z_use1_a["zone a"]');
    expect(text).toContain('n_ledger_1[("ledger-1 ★ leader · db")]');
    expect(text).toContain('n_ledger_1 ==>|"Ledger: raft · quorum 2 of 3"| n_ledger_2');
    // An operation over its latency SLO is an error; its store's nodes take the error class.
    const slow = structuredClone(raftLedger);
    slow.operations![0].latencySloMs = 1;
    expect(flowchart(slow, analyze(slow))).toContain("class n_ledger_1,n_ledger_2,n_ledger_3 error");
  });

  it("draws learners on dotted links labelled non-voting, and per-region quorums by their Cassandra names", () => {
    const design = structuredClone(twoDcs);
    const text = flowchart(design, analyze(design));
    expect(text).toContain('n_r1 -.->|"Ranges: learner (non-voting)"| n_c4');
    expect(text).toContain('n_r1 ==>|"Ranges: raft · quorum 2 of 3"| n_r2');
    expect(text).not.toMatch(/==>.*n_c4/); // a learner is never drawn as a voter
    expect(text).toContain('n_c1 <-->|"Keyspace: quorum W EACH_QUORUM / R LOCAL_QUORUM of 6"| n_c2');
    // The learner is a participant that gets the log without being waited for.
    const raft = storeSequence(design, design.stores![1]);
    expect(raft).toContain("participant L1 as cass-4 (learner, non-voting)");
    expect(raft).toContain("P0-)L1: append entry (learner, not waited for)");
    expect(raft).not.toContain("L1-->>P0");
    expect(raft).toContain("quorum reached: 2 of 3 hold the write (learners do not count)");
  });

  it("sequence: LOCAL_QUORUM is answered within the coordinator's region, EACH_QUORUM by every region", () => {
    const keyspace = twoDcs.stores![0];
    const each = storeSequence(twoDcs, keyspace);
    // Write EACH_QUORUM: c2 (dc1, with the coordinator c1) and two of dc2's three.
    expect(each.match(/-->>P0: ack/g)).toHaveLength(3);
    expect(each).toContain(["P1-->>P0: ack", "P3-->>P0: ack", "P4-->>P0: ack"].join("\n  "));
    expect(each).toContain("EACH_QUORUM reached: 4 of 6 hold the write");
    // Read LOCAL_QUORUM: the coordinator and one more replica of DC one.
    expect(each).toContain("P0->>P1: read");
    expect(each).not.toContain("P0->>P3: read");
    expect(each).toContain("newest of 2 replies (LOCAL_QUORUM)");
    const local = storeSequence(twoDcs, { ...keyspace, writeQuorum: "local-quorum" });
    expect(local).toContain("LOCAL_QUORUM reached: 2 of 3 in DC one hold the write");
  });

  it("draws a kind the studio has no shape for like the kind it resembles, named as written", () => {
    const design = structuredClone(raftLedger);
    design.nodes!.find((n) => n.id === "lb-use1")!.kind = "queue";
    design.nodes!.find((n) => n.id === "ledger-2")!.kind = "edge_router";
    const text = flowchart(design, analyze(design));
    expect(text).toContain('n_lb_use1>"edge LB · queue"]');
    expect(text).toContain('n_ledger_2("ledger-2 · edge_router")');
  });
});

describe("user text is data", () => {
  const DANGEROUS = /["\n\r`|<>#%;[\]{}]/;

  it("codes every structural character, and keeps ordinary names readable", () => {
    expect(label("orders-1 (primary)")).toBe("orders-1 (primary)");
    expect(label('say "hi" --> %% <b>')).toBe("say #34;hi#34; --#62; #37;#37; #60;b#62;");
    expect(label("two\nlines")).toBe("two lines");
  });

  it("property: any name yields a label with no structural character left (only entity codes)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (name) => {
        const coded = label(name).replace(/#\d+;/g, "");
        return !DANGEROUS.test(coded);
      }),
      { numRuns: 500 },
    );
  });

  // A learner too, so its dotted link and sequence participant are covered.
  const withLearner = structuredClone(raftLedger);
  withLearner.stores![0].learners = [withLearner.nodes!.find((n) => !withLearner.stores![0].replicas.includes(n.id))!.id];

  it("property: hostile names never change the diagram's structure", () => {
    const hostile = fc.constantFrom('"]) --> x', "end", "%%{init: {}}%%", "<script>alert(1)</script>", "a\nb", "subgraph", "click n_x call f()", "classDef x fill:red", "::: ;", "🚀");
    fc.assert(
      fc.property(fc.array(fc.oneof(hostile, fc.string({ maxLength: 20 })), { minLength: 8, maxLength: 8 }), (names) => {
        const d = structuredClone(withLearner);
        d.nodes!.forEach((n, i) => (n.name = names[i % names.length] || "x"));
        d.regions!.forEach((r, i) => (r.name = names[(i + 6) % names.length] || "x"));
        d.stores![0].name = names[7] || "x";
        const plain = flowchart(withLearner).split("\n");
        const evil = flowchart(d).split("\n");
        expect(evil.length).toBe(plain.length);
        // Same statements in the same places: only the text inside quotes differs.
        const shape = (line: string) => line.replace(/"[^"]*"/g, '""');
        expect(evil.map(shape)).toEqual(plain.map(shape));
        for (const line of [...evil, ...storeSequence(d, d.stores![0]).split("\n")]) expect(line.includes("%%")).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
