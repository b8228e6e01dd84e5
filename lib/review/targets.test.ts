import { describe, expect, it } from "vitest";
import { analyze } from "../analysis/index";
import { raftLedger } from "../design/examples/raft-ledger";
import { describeTarget, linkify } from "./targets";

describe("describeTarget", () => {
  const analysis = () => analyze(raftLedger);
  it("labels every kind of element by its name, and null when it does not exist", () => {
    expect(describeTarget(raftLedger, { kind: "node", id: "ledger-2" })).toBe("ledger-2");
    expect(describeTarget(raftLedger, { kind: "region", id: "euw1" })).toBe("eu-west-1");
    expect(describeTarget(raftLedger, { kind: "zone", id: "euw1/b" })).toBe("eu-west-1 / b");
    expect(describeTarget(raftLedger, { kind: "zone", id: "apse1/b" })).toBeNull();
    expect(describeTarget(raftLedger, { kind: "store", id: "ledger" })).toBe("Ledger");
    expect(describeTarget(raftLedger, { kind: "operation", id: "balance" })).toBe("Read balance");
    expect(describeTarget(raftLedger, { kind: "node", id: "ghost" })).toBeNull();
  });

  it("pins findings by rule and target, checked against the analysis", () => {
    const moved = { ...raftLedger, stores: raftLedger.stores!.map((s) => ({ ...s, leader: "ledger-3" })) };
    expect(describeTarget(moved, { kind: "finding", id: "latency-slo:transfer" }, () => analyze(moved))).toBe("latency-slo on Post transfer");
    expect(describeTarget(raftLedger, { kind: "finding", id: "latency-slo:transfer" }, analysis)).toBeNull();
  });
});

describe("linkify", () => {
  it("turns only http(s) URLs into links, leaving markup as text", () => {
    expect(linkify("see https://etcd.io/docs. ok")).toEqual([{ text: "see " }, { href: "https://etcd.io/docs", text: "https://etcd.io/docs" }, { text: ". ok" }]);
    expect(linkify('<a href="javascript:alert(1)">x</a> javascript:alert(1)')).toEqual([{ text: '<a href="javascript:alert(1)">x</a> javascript:alert(1)' }]);
    expect(linkify("")).toEqual([]);
  });
});
