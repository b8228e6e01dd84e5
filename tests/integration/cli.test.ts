/** The CLI as CI uses it: the real bin, real files, exit codes, stdout/stderr. */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { cockroachMultiRegion } from "@/lib/design/examples/cockroach-multi-region";
import { raftLedger } from "@/lib/design/examples/raft-ledger";
import { serializeDesign } from "@/lib/design/serialize";

const run = promisify(execFile);
const bin = path.resolve("bin/quorum-studio.mjs");
let dir: string;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "qs-cli-"));
  await writeFile(path.join(dir, "ledger.json"), serializeDesign(raftLedger));
  const bad = structuredClone(raftLedger);
  bad.stores![0].replicas[2] = "pg9";
  await writeFile(path.join(dir, "bad.json"), JSON.stringify(bad));
  const weak = structuredClone(raftLedger);
  // A lock service without fencing tokens (a Raft data store needs none: its terms fence it).
  weak.stores![0].purpose = "lock";
  weak.stores![0].fencing = false;
  await writeFile(path.join(dir, "weak.json"), JSON.stringify(weak));
  await writeFile(path.join(dir, "crdb.json"), serializeDesign(cockroachMultiRegion));
});

describe("quorum-studio CLI", () => {
  it("validate: exit 0 on a valid file", async () => {
    const r = await cli("validate", "ledger.json");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("valid (6 nodes, 1 stores, 3 operations)");
  });

  it("exit 2 with JSON paths on stderr for an invalid file", async () => {
    for (const command of ["validate", "analyze", "simulate"]) {
      const r = await cli(command, "bad.json");
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('stores[0].replicas[2]: unknown node "pg9"');
      expect(r.stdout).toBe("");
    }
  });

  it("analyze --json gives the machine-readable shape", async () => {
    const r = await cli("analyze", "ledger.json", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ verdict: "SOUND", escalationLevel: 3 });
    // Quorum writes and lease reads are linearizable, the statement is a follower read: PNUTS-style PC/EL.
    expect(out.stores[0]).toMatchObject({ id: "ledger", n: 3, majority: 2, readQuorum: 2, writeQuorum: 2, toleratedWriteFailures: 1, toleratedReadFailures: 1, strongReads: true, staleReadProbability: 0, pacelc: "PC/EL", pacelcPartition: "PC", pacelcElse: "EL" });
    expect(out.operations[0]).toMatchObject({ id: "transfer", cap: "CP", providedConsistency: "linearizable", satisfied: true, survivesNodeFailures: 1, survivesZoneLoss: true, survivesRegionLoss: true, latencyMs: 76, staleReadProbability: null, freshWithinVersions: null, durableAgainstFailures: 1, leaderFailoverMs: raftLedger.stores![0].electionTimeoutMs ?? 1000, tVisibilityP999Ms: null });
    // The follower read gets PBS t-visibility from the Monte Carlo (100,000 trials by default).
    const statement = out.operations[2];
    expect(statement).toMatchObject({ id: "statement", cap: "AP", leaderFailoverMs: 0 });
    expect(statement.tVisibility.trials).toBe(100_000);
    expect(statement.tVisibility.points.map((p: { tMs: number }) => p.tMs)).toEqual([0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
    expect(typeof statement.tVisibilityP999Ms).toBe("number");
    const quick = JSON.parse((await cli("analyze", "ledger.json", "--json", "--trials", "0")).stdout);
    expect(quick.operations[2].tVisibility).toBeNull();
    expect((await cli("analyze", "ledger.json", "--trials", "x")).code).toBe(2);
    expect(out.checklist).toHaveLength(9);
    expect(out.checklist[0]).toMatchObject({ id: "cap-tradeoffs", status: "PASS" });
  });

  it("analyze prints a readable report; --strict exits 1 on NEEDS REVISION", async () => {
    const ok = await cli("analyze", "ledger.json", "--strict");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("Verdict: SOUND");
    const weak = await cli("analyze", "weak.json", "--strict");
    expect(weak.code).toBe(1);
    expect(weak.stdout).toContain("lock-without-fencing on Ledger: ");
    expect(ok.stdout).toContain("p99.9 fresh");
    expect((await cli("analyze", "weak.json")).code).toBe(0);
  });

  it("simulate fails regions, zones and nodes and splits regions", async () => {
    const r = await cli("simulate", "ledger.json", "--fail", "region:apse1", "--fail", "region:euw1", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.operations.map((o: { id: string; available: boolean }) => [o.id, o.available])).toEqual([
      ["transfer", false],
      ["balance", false],
      ["statement", true],
    ]);
    const split = JSON.parse((await cli("simulate", "ledger.json", "--split", "use1/euw1,apse1", "--json")).stdout);
    expect(split.sides).toEqual([["use1"], ["euw1", "apse1"]]);
    expect(split.operations[0]).toMatchObject({ id: "transfer", available: false, diverging: false });
    const text = await cli("simulate", "ledger.json", "--fail", "zone:use1/a", "--fail", "node:ledger-2");
    expect(text.stdout).toContain("Down: edge LB, ledger-1, ledger-2");
    expect(text.stdout).toMatch(/Post transfer\s+UNAVAILABLE/);
    // Latency under the scenario: losing us-east-1 moves the leader to ledger-2 in eu-west-1.
    const moved = JSON.parse((await cli("simulate", "ledger.json", "--fail", "region:use1", "--json")).stdout);
    expect(moved.operations.find((o: { id: string }) => o.id === "balance")).toMatchObject({ available: true, latencyMs: 1 });
  });

  it("export writes the architecture documents into a folder", async () => {
    const r = await cli("export", "ledger.json", "--out", "docs-out");
    expect(r.code).toBe(0);
    // 8 documents, then the charts: latency, availability and P(fresh) per read PBS applies to.
    expect(r.stdout).toMatch(/Wrote 1\d files to docs-out: .*charts\/latency\.svg, charts\/availability\.svg, charts\/freshness-/);
    const { readFile } = await import("node:fs/promises");
    const arch = await readFile(path.join(dir, "docs-out", "architecture.md"), "utf8");
    expect(arch).toContain("```mermaid");
    expect(await readFile(path.join(dir, "docs-out", "charts", "latency.svg"), "utf8")).toMatch(/^<svg xmlns=/);
    expect(await readFile(path.join(dir, "docs-out", "summary.txt"), "utf8")).toContain("distributed: Global ledger (3-region Raft) -- linearizable, raft, 8 shards, SOUND");
    expect((await cli("export", "ledger.json")).code).toBe(2);
  });

  it("refuses bad arguments and unknown scenario ids with exit 2", async () => {
    expect((await cli("simulate", "ledger.json", "--fail", "rack:1")).stderr).toContain('unknown kind "rack"');
    const unknown = await cli("simulate", "ledger.json", "--fail", "region:mars");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('failRegions[0]: unknown region "mars"');
    expect((await cli("frobnicate", "ledger.json")).code).toBe(2);
    expect((await cli("analyze")).code).toBe(2);
    expect((await cli("analyze", "missing.json")).stderr).toContain("cannot read missing.json");
    const help = (await cli("--help")).stdout;
    expect(help).toContain("Usage:");
    expect(help).toContain('"local-quorum"');
    expect(help).toContain("context.survivalGoal");
  });

  it("advise --json: CockroachDB's own example is already placed for region survival (2 + 2 + 1)", async () => {
    const r = await cli("advise", "crdb.json", "--store", "orders", "--survive", "region", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, voters: 5, unchanged: true, survives: { regionLoss: true, zoneLoss: true } });
    expect(out.placement).toEqual({ use1: { b: 1, c: 1 }, usw1: { a: 1, b: 1 }, euw1: { b: 1 } });
    expect(Object.keys(out.latencyMs).length).toBeGreaterThan(0);
  });

  it("advise: a human report in names; bad arguments exit 2", async () => {
    const r = await cli("advise", "ledger.json", "--store", "ledger", "--survive", "region");
    expect(r.stdout).toMatch(/voters to survive a region loss|no placement survives a region loss/);
    expect(r.stdout).not.toMatch(/\bpg\d\b/);
    expect((await cli("advise", "ledger.json", "--store", "nope", "--survive", "zone")).code).toBe(2);
    expect((await cli("advise", "ledger.json", "--store", "ledger", "--survive", "planet")).code).toBe(2);
    expect((await cli("analyze", "ledger.json", "--store", "ledger")).code).toBe(2);
  });
});
