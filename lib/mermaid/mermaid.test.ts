import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../analysis/index";
import { EXAMPLES } from "../design/examples/index";
import { raftLedger } from "../design/examples/raft-ledger";
import { label } from "./escape";
import { flowchart } from "./flowchart";
import { storeSequence } from "./sequence";

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
    expect(text).toContain('subgraph r_use1["us-east-1 (use1)"]');
    expect(text).toContain('subgraph z_use1_a["zone a"]');
    expect(text).toContain('n_ledger_1[("ledger-1 ★ leader · db")]');
    expect(text).toContain('n_ledger_1 ==>|"Ledger: raft · quorum 2 of 3"| n_ledger_2');
    const weak = structuredClone(raftLedger);
    weak.stores![0].fencing = false;
    expect(flowchart(weak, analyze(weak))).toContain("class n_ledger_1,n_ledger_2,n_ledger_3 error");
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

  it("property: hostile names never change the diagram's structure", () => {
    const hostile = fc.constantFrom('"]) --> x', "end", "%%{init: {}}%%", "<script>alert(1)</script>", "a\nb", "subgraph", "click n_x call f()", "classDef x fill:red", "::: ;", "🚀");
    fc.assert(
      fc.property(fc.array(fc.oneof(hostile, fc.string({ maxLength: 20 })), { minLength: 8, maxLength: 8 }), (names) => {
        const d = structuredClone(raftLedger);
        d.nodes!.forEach((n, i) => (n.name = names[i % names.length] || "x"));
        d.regions!.forEach((r, i) => (r.name = names[(i + 6) % names.length] || "x"));
        d.stores![0].name = names[7] || "x";
        const plain = flowchart(raftLedger).split("\n");
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
