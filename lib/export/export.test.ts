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
      const documents = ["architecture.md", "cap-analysis.md", "partition-plan.md", "sharding.md", "validation.md", "design.json", "topology.mmd", "summary.txt"];
      const charts = e.design.operations?.length ? ["charts/latency.svg", "charts/availability.svg"] : [];
      expect(files.map((f) => f.path)).toEqual([...documents, ...charts]);
      for (const f of files) expect(f.content.trim().length, `${e.slug}/${f.path}`).toBeGreaterThan(20);
      expect(parseDesignText(files.find((f) => f.path === "design.json")!.content)).toEqual({ ok: true, design: e.design });
    }
  });

  it("writes the seed's summary line and commit line", () => {
    const a = analyze(raftLedger);
    expect(summaryLine(raftLedger, a)).toBe(
      "DISTRIBUTED SYSTEM: Global ledger (3-region Raft) Topology: 3 regions (us-east-1, eu-west-1, ap-southeast-1) | Nodes: 6 CAP choice: PC/EL Consensus: raft | Quorum: Ledger: Raft, 3 voters, majority 2, lease and follower reads Sharding: range Conflict resolution: none Leader election: raft election | Fencing: yes",
    );
    expect(commitLine(raftLedger, a)).toBe("distributed: Global ledger (3-region Raft) -- linearizable, raft, 8 shards, SOUND");
    const summary = exportBundle(raftLedger, a, "2026-11-24").find((f) => f.path === "summary.txt")!.content;
    expect(summary).toContain("2026-11-24\tGlobal ledger (3-region Raft)\t3\t6\tlinearizable\traft\t8\t3\tSOUND");
  });

  it("says which stores fence and counts shards only where stores are sharded (issue 13)", () => {
    const d = structuredClone(raftLedger);
    d.stores = [d.stores![0], { ...d.stores![0], id: "cache", name: "Cache", fencing: false, sharding: undefined }];
    const a = analyze(d);
    // Cache is a Raft store too: its terms fence it (the analysis raises no lock-without-fencing on it).
    expect(summaryLine(d, a)).toContain("Fencing: Ledger (fencing tokens), Cache (Raft terms)");
    const leaderless = structuredClone(d);
    leaderless.stores![1] = { id: "cache", name: "Cache", replication: "leaderless", replicas: d.stores![0].replicas, conflictResolution: "lww" };
    expect(summaryLine(leaderless, analyze(leaderless))).toContain("Fencing: Ledger (fencing tokens); none on Cache");
    expect(commitLine(d, a)).toContain(", 8 shards,");
    const unsharded = structuredClone(d);
    for (const s of unsharded.stores!) delete s.sharding;
    expect(commitLine(unsharded, analyze(unsharded))).toContain(", unsharded,");
    expect(exportBundle(unsharded, analyze(unsharded), "2026-12-01").find((f) => f.path === "summary.txt")!.content.split("\t")[6]).toBe("unsharded");
  });

  it("summarises a consensus store by what it does, and agrees with the analysis on who fences it (CockroachDB template)", () => {
    const cockroach = EXAMPLES.find((e) => e.slug === "cockroach-multi-region")!.design;
    const a = analyze(cockroach);
    const files = Object.fromEntries(exportBundle(cockroach, a).map((f) => [f.path, f.content]));
    const line = summaryLine(cockroach, a);
    expect(line).toContain("Quorum: orders (REGIONAL BY TABLE IN us-east1): Raft, 5 voters + 1 non-voting, majority 3, lease and follower reads");
    expect(line).not.toMatch(/R3\/W3/);
    // The analysis: Raft terms fence the store (no lock-without-fencing); the documents say the same.
    expect(a.findings.filter((f) => f.rule === "lock-without-fencing")).toEqual([]);
    expect(line).toContain("Fencing: orders (REGIONAL BY TABLE IN us-east1) (Raft terms)");
    expect(files["partition-plan.md"]).not.toContain("enable fencing");
    expect(files["partition-plan.md"]).toContain("its stale writes are rejected: a new leader was elected in a later term");
    expect(files["architecture.md"]).toContain("| Fencing | by Raft terms (a deposed leader's appends are rejected; no tokens needed for the store's own data) |");
    // A lock service is still told to fence: its clients need tokens at the resource.
    const scheduler = EXAMPLES.find((e) => e.slug === "job-scheduler")!.design;
    const locks = structuredClone(scheduler);
    for (const s of locks.stores!) s.fencing = false;
    const plan = exportBundle(locks, analyze(locks)).find((f) => f.path === "partition-plan.md")!.content;
    expect(plan).toMatch(/\| \d+ \| clock \| Pause the lock holder of etcd leases .*\| its stale writes are accepted — enable fencing \|/);
    // validation.md names the element a finding is about, not its id.
    const validation = exportBundle(scheduler, analyze(scheduler)).find((f) => f.path === "validation.md")!.content;
    expect(validation).toContain("`redlock-correctness` on Redlock (Redis):");
    expect(validation).not.toContain("on `redlock`");
  });

  it("documents what each failure does to each operation, and the why of each figure", () => {
    const files = Object.fromEntries(exportBundle(raftLedger, analyze(raftLedger)).map((f) => [f.path, f.content]));
    expect(files["partition-plan.md"]).toContain("| region ap-southeast-1 | ✔ available | ✔ available | ✔ available |");
    // Zones and partitions are named by their region's name, not its id (issue 13).
    expect(files["partition-plan.md"]).toContain("| zone a of us-east-1 |");
    expect(files["partition-plan.md"]).toContain("| partition: eu-west-1 cut off |");
    // Experiments are numbered: their ids carry region and store ids (use1, ledger).
    expect(files["partition-plan.md"]).toMatch(/\| \d+ \| partition \| Partition us-east-1 from the other regions \| unavailable: Post transfer \|/);
    expect(files["partition-plan.md"]).not.toMatch(/region-loss-|partition-ledger|pause-holder-/);
    expect(files["architecture.md"]).toContain("| ledger-2 | ledger-2 | database | eu-west-1 | a |");
    expect(files["cap-analysis.md"]).toContain("latency = rtt(C, L) + kth({rtt(L, r)}, majority) = 1 + kth({0, 75, 215}, 2) = 76 ms");
    expect(files["architecture.md"]).toContain("```mermaid\nflowchart LR");
    expect(files["validation.md"]).toContain("**Verdict: SOUND**");
  });

  it("keeps hostile names as text in Markdown: no HTML, no table breaks, no fence escape", () => {
    const d = structuredClone(raftLedger);
    d.name = "<script>alert(1)</script> | ``` **bold**";
    d.nodes![0].name = "x | y <img src=x onerror=alert(1)>";
    const files = exportBundle(d, analyze(d));
    for (const f of files.filter((f) => f.path.endsWith(".md"))) {
      expect(f.content).not.toMatch(/(?<!\\)<(script|img)/); // a backslash-escaped < is text in CommonMark
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

describe("Markdown reads as plain text (issue 13): only what would change the rendering is escaped", () => {
  it("leaves prose, numbers and formulas alone", () => {
    expect(md("Global ledger (3-region Raft)")).toBe("Global ledger (3-region Raft)");
    expect(md("0.999997")).toBe("0.999997");
    expect(md("snake_case a -> b & c")).toBe("snake_case a -> b & c");
    expect(md("1.5 ms")).toBe("1.5 ms");
  });
  it("keeps Markdown and HTML syntax in names as text", () => {
    expect(md("<script>x</script>")).toBe("\\<script>x\\</script>");
    expect(md("**bold** _em_ `code` [a](b) ~~s~~ $x$ a|b")).toBe("\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\[a\\](b) \\~\\~s\\~\\~ \\$x\\$ a\\|b");
    expect(md("&lt;")).toBe("&amp;lt;");
    expect(md("# h")).toBe("\\# h");
    expect(md("- li")).toBe("\\- li");
    expect(md("1. li")).toBe("1\\. li");
    expect(md("> q")).toBe("\\> q");
    expect(md("line\n# two")).toBe("line # two");
  });
  it("the exported documents of every template have no needless escapes in their prose", () => {
    for (const e of EXAMPLES) {
      for (const f of exportBundle(e.design, analyze(e.design)).filter((f) => f.path.endsWith(".md"))) {
        expect(f.content, `${e.slug}/${f.path}`).not.toMatch(/\\[().\-+!{}#]/);
      }
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

  it("charts: SVG files referenced from the CAP analysis, names escaped, light and dark styles, a PBS curve per read it applies to", () => {
    const hostile = structuredClone(raftLedger);
    hostile.operations![0].name = 'Pay <script>alert("x")</script> & go';
    const a = analyze(hostile, { pbs: { trials: 2000 } });
    const files = exportBundle(hostile, a, "2026-11-24");
    const cap = files.find((f) => f.path === "cap-analysis.md")!.content;
    const svgs = files.filter((f) => f.path.startsWith("charts/"));
    expect(svgs.map((f) => f.path)).toEqual(expect.arrayContaining(["charts/latency.svg", "charts/availability.svg"]));
    for (const f of svgs) {
      expect(cap).toContain(`](${f.path})`);
      expect(f.content).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img"/);
      expect(f.content).toContain("prefers-color-scheme: dark");
      expect(f.content).not.toContain("<script>");
    }
    expect(svgs.find((f) => f.path === "charts/latency.svg")!.content).toContain("Pay &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; go");
    const freshness = a.operations.filter((o) => o.tVisibility).map((o) => `charts/freshness-${o.id}.svg`);
    for (const p of freshness) expect(svgs.map((f) => f.path)).toContain(p);
  });
});
