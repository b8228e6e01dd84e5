import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import { analyze } from "./index";
import { formatAnalysis, formatSimulation } from "./report";
import { simulate } from "./simulate";

describe("the CLI's readable report names elements by name (issue 13)", () => {
  it("names a finding by its rule and the element's name, not its id", () => {
    const weak = structuredClone(raftLedger);
    weak.stores![0] = { ...weak.stores![0], id: "store-7", purpose: "lock", fencing: false };
    for (const o of weak.operations!) o.store = "store-7";
    const text = formatAnalysis(weak, analyze(weak));
    expect(text).toContain("lock-without-fencing on Ledger: ");
    expect(text).not.toContain("store-7");
  });

  it("names failed nodes and the sides of a split by name", () => {
    const text = formatSimulation(raftLedger, simulate(raftLedger, { failNodes: ["lb-use1"], split: [["use1"], ["euw1", "apse1"]] }));
    expect(text).toContain("Down: edge LB");
    expect(text).toContain("sides: us-east-1 / eu-west-1, ap-southeast-1");
    expect(text).not.toMatch(/\b(use1|euw1|apse1|lb-use1)\b/);
  });
});
