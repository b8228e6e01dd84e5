import { describe, expect, it } from "vitest";
import { analyze } from "../analysis/index";
import { EXAMPLES } from "../design/examples/index";
import { raftLedger } from "../design/examples/raft-ledger";
import { parseDesignText } from "../design/validate";
import { commitLine, exportBundle, summaryLine, tsvCell } from "./index";
import { md } from "./markdown";

describe("architecture-document export", () => {
  it("produces every file, non-empty, for every template", () => {
    for (const e of EXAMPLES) {
      const files = exportBundle(e.design, analyze(e.design), "2026-11-24");
      expect(files.map((f) => f.path)).toEqual(["architecture.md", "cap-analysis.md", "partition-plan.md", "sharding.md", "validation.md", "design.json", "topology.mmd", "summary.txt"]);
      for (const f of files) expect(f.content.trim().length, `${e.slug}/${f.path}`).toBeGreaterThan(20);
      expect(parseDesignText(files.find((f) => f.path === "design.json")!.content)).toEqual({ ok: true, design: e.design });
    }
  });

  it("writes the seed's summary line and commit line", () => {
    const a = analyze(raftLedger);
    expect(summaryLine(raftLedger, a)).toBe(
      "DISTRIBUTED SYSTEM: Global ledger (3-region Raft) Topology: 3 regions (use1, euw1, apse1) | Nodes: 6 CAP choice: PC/EL Consensus: raft | Quorum: Ledger R2/W2 of 3 Sharding: range Conflict resolution: none Leader election: raft election | Fencing: yes",
    );
    expect(commitLine(raftLedger, a)).toBe("distributed: Global ledger (3-region Raft) -- linearizable, raft, 8 shards, SOUND");
    const summary = exportBundle(raftLedger, a, "2026-11-24").find((f) => f.path === "summary.txt")!.content;
    expect(summary).toContain("2026-11-24\tGlobal ledger (3-region Raft)\t3\t6\tlinearizable\traft\t8\t3\tSOUND");
  });

  it("documents what each failure does to each operation, and the why of each figure", () => {
    const files = Object.fromEntries(exportBundle(raftLedger, analyze(raftLedger)).map((f) => [f.path, f.content]));
    expect(files["partition-plan.md"]).toContain("| region ap\\-southeast\\-1 \\(apse1\\) | ✔ available | ✔ available | ✔ available |");
    expect(files["cap-analysis.md"]).toContain("latencyMs = rtt\\(C, L\\) \\+ kth\\(\\{rtt\\(L, r\\)\\}, majority\\) = 1 \\+ kth\\(\\{0, 75, 215\\}, 2\\) = 76 ms");
    expect(files["architecture.md"]).toContain("```mermaid\nflowchart LR");
    expect(files["validation.md"]).toContain("**Verdict: SOUND**");
  });

  it("keeps hostile names as text in Markdown: no HTML, no table breaks, no fence escape", () => {
    const d = structuredClone(raftLedger);
    d.name = "<script>alert(1)</script> | ``` **bold**";
    d.nodes![0].name = "x | y <img src=x onerror=alert(1)>";
    const files = exportBundle(d, analyze(d));
    for (const f of files.filter((f) => f.path.endsWith(".md"))) {
      expect(f.content).not.toMatch(/<script|<img/);
    }
    expect(md("a | b")).toBe("a \\| b");
    const arch = files.find((f) => f.path === "architecture.md")!.content;
    // every table row still has the same number of unescaped pipes as its header
    for (const block of arch.split("\n\n").filter((b) => b.startsWith("| "))) {
      const counts = block.split("\n").filter(Boolean).map((line) => line.replace(/\\\|/g, "").split("|").length);
      expect(new Set(counts).size).toBe(1);
    }
  });
});

describe("summary.txt is data in a spreadsheet (audit D6: CSV injection)", () => {
  it("escapes cells a spreadsheet would run as a formula, keeps numbers and plain text", () => {
    expect(tsvCell('=HYPERLINK("http://evil.example","x")')).toBe(`'=HYPERLINK("http://evil.example","x")`);
    for (const lead of ["+", "-", "@"]) expect(tsvCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(tsvCell("\t=1")).toBe("' =1");
    expect(tsvCell("Global ledger")).toBe("Global ledger");
    expect(tsvCell(-3)).toBe("-3");
    const hostile = { ...raftLedger, name: "=cmd|' /C calc'!A0" };
    const row = exportBundle(hostile, analyze(hostile), "2026-12-01").find((f) => f.path === "summary.txt")!.content;
    expect(row.split("\t")[1]).toBe("'=cmd|' /C calc'!A0");
  });
});
