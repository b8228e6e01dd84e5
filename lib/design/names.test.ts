import { describe, expect, it } from "vitest";
import { raftLedger } from "./examples/raft-ledger";
import { elementName, findingLabel, regionLabel } from "./names";

describe("names for ids", () => {
  it("names operations, stores, nodes, regions and zones; keeps unknown ids", () => {
    expect(elementName(raftLedger, "ledger")).toBe("Ledger");
    expect(elementName(raftLedger, "apse1")).toBe("ap-southeast-1");
    expect(elementName(raftLedger, "use1/a")).toBe("us-east-1 / a");
    expect(elementName(raftLedger, "lb-use1")).toBe("edge LB");
    expect(elementName(raftLedger, "transfer")).toBe("Post transfer");
    expect(elementName(raftLedger, "design")).toBe(raftLedger.name);
    expect(elementName(raftLedger, "gone")).toBe("gone");
    expect(findingLabel(raftLedger, { rule: "availability-slo", target: "transfer" })).toBe("availability-slo on Post transfer");
  });
});

describe("region labels", () => {
  it("are the name, with the id only when another region has the same name", () => {
    expect(regionLabel(raftLedger, raftLedger.regions![0])).toBe("us-east-1");
    const twins = { ...raftLedger, regions: [...raftLedger.regions!, { id: "use1b", name: "us-east-1" }] };
    expect(regionLabel(twins, twins.regions[0])).toBe("us-east-1 (use1)");
    expect(regionLabel(twins, twins.regions[3])).toBe("us-east-1 (use1b)");
  });
});
