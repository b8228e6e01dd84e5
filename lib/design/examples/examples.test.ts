/** Each template makes the point it claims: its verdict and key findings are checked here. */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analysis/index";
import { serializeDesign } from "../serialize";
import { parseDesign } from "../validate";
import { EXAMPLES, findExample } from "./index";

const analysisOf = (slug: string) => analyze(findExample(slug)!.design);
const rules = (slug: string) => analysisOf(slug).findings.map((f) => `${f.rule}:${f.target}`);
const op = (slug: string, id: string) => analysisOf(slug).operations.find((o) => o.id === id)!;

describe("example templates", () => {
  it("there are at least five templates plus a level-0 design, all valid, each in examples/<slug>.json", async () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(6);
    for (const e of EXAMPLES) {
      expect(parseDesign(e.design).ok, e.slug).toBe(true);
      expect(e.design.operations?.length, e.slug).toBeGreaterThan(0);
      expect(await readFile(`examples/${e.slug}.json`, "utf8"), e.slug).toBe(serializeDesign(e.design));
    }
  });

  it("raft-ledger: SOUND, writes survive a region loss, cost a cross-region round trip", () => {
    const a = analysisOf("raft-ledger");
    expect(a.verdict).toBe("SOUND");
    expect(a.escalationLevel).toBe(3);
    expect(op("raft-ledger", "transfer")).toMatchObject({ survivesRegionLoss: true, latencyMs: 76 });
  });

  it("dynamo-ring: R=W=2 of 5 reads are stale 30 % of the time; the R=4 checkout read is consistent but misses the availability target", () => {
    expect(op("dynamo-ring", "view-cart").staleReadProbability).toBeCloseTo(0.3, 12);
    expect(op("dynamo-ring", "checkout-read")).toMatchObject({ providedConsistency: "linearizable", staleReadProbability: 0, survivesRegionLoss: false });
    expect(rules("dynamo-ring")).toEqual(expect.arrayContaining(["availability-slo:checkout-read", "quorum-linearizability:checkout-read"]));
    expect(analysisOf("dynamo-ring").verdict).toBe("NEEDS_REVISION");
  });

  it("postgres-primary: the async copy can lose writes; one primary caps write availability", () => {
    expect(rules("postgres-primary")).toEqual(expect.arrayContaining(["async-data-loss:reporting", "availability-slo:create-order"]));
    expect(op("postgres-primary", "create-order")).toMatchObject({ survivesRegionLoss: false, durableAgainstFailures: 1 });
    expect(op("postgres-primary", "order-history")).toMatchObject({ cap: "AP", providedConsistency: "consistent-prefix" });
  });

  it("job-scheduler: Redlock is flagged (no fencing, timing assumptions); the etcd lease is not", () => {
    const found = rules("job-scheduler");
    expect(found).toEqual(expect.arrayContaining(["lock-without-fencing:redlock", "redlock-correctness:redlock"]));
    expect(found.some((r) => r.endsWith(":etcd-locks"))).toBe(false);
    expect(analysisOf("job-scheduler").recommendations.locks.find((l) => l.store === "redlock")!.choice).toBe("etcd");
  });

  it("crdt-counters: SOUND, AP everywhere, with a replication-lag warning across oceans", () => {
    const a = analysisOf("crdt-counters");
    expect(a.verdict).toBe("SOUND");
    expect(a.stores[0].pacelc).toBe("PA/EL");
    expect(rules("crdt-counters")).toEqual(["replication-lag:counters"]);
    expect(a.recommendations.conflictResolution[0].crdtType).toBe("G-Counter");
  });

  it("single-node: SOUND at level 0", () => {
    const a = analysisOf("single-node");
    expect(a).toMatchObject({ verdict: "SOUND", escalationLevel: 0 });
  });
});
