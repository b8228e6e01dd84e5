import { describe, expect, it } from "vitest";
import { analyze } from "../analysis/index";
import { raftLedger } from "../design/examples/raft-ledger";
import { RULES } from "../analysis/rules/index";
import { EXAMPLES } from "../design/examples/index";
import { impliedRenames, renameId } from "../design/ids";
import { describeTarget, linkify, retarget, type CommentTarget } from "./targets";

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

describe("retarget: a comment follows the element whose id was renamed", () => {
  it("moves pins on each kind of element, and leaves others alone", () => {
    const renames = [{ kind: "node" as const, from: "ledger-1", to: "ledger-use1" }];
    expect(retarget({ kind: "node", id: "ledger-1" }, renames)).toEqual({ kind: "node", id: "ledger-use1" });
    expect(retarget({ kind: "node", id: "ledger-2" }, renames)).toEqual({ kind: "node", id: "ledger-2" });
    // Same id, other kind: not this element.
    expect(retarget({ kind: "store", id: "ledger-1" }, renames)).toEqual({ kind: "store", id: "ledger-1" });
    expect(retarget({ kind: "store", id: "ledger" }, [{ kind: "store", from: "ledger", to: "accounts" }])).toEqual({ kind: "store", id: "accounts" });
    expect(retarget({ kind: "operation", id: "transfer" }, [{ kind: "operation", from: "transfer", to: "post" }])).toEqual({ kind: "operation", id: "post" });
  });

  it("moves a zone pin with its region, and with the zone's own rename", () => {
    const region = impliedRenames(raftLedger, "region", "use1", "us-east");
    expect(retarget({ kind: "region", id: "use1" }, region)).toEqual({ kind: "region", id: "us-east" });
    expect(retarget({ kind: "zone", id: "use1/b" }, region)).toEqual({ kind: "zone", id: "us-east/b" });
    expect(retarget({ kind: "zone", id: "euw1/b" }, region)).toEqual({ kind: "zone", id: "euw1/b" });
    expect(retarget({ kind: "zone", id: "use1/b" }, impliedRenames(raftLedger, "zone", "use1/b", "az2"))).toEqual({ kind: "zone", id: "use1/az2" });
  });

  it("moves a finding pin when the store or operation its rule is about is renamed", () => {
    expect(retarget({ kind: "finding", id: "latency-slo:transfer" }, [{ kind: "operation", from: "transfer", to: "post" }])).toEqual({ kind: "finding", id: "latency-slo:post" });
    // latency-slo is about operations: a store that happens to have the id "transfer" does not move it.
    expect(retarget({ kind: "finding", id: "latency-slo:transfer" }, [{ kind: "store", from: "transfer", to: "post" }])).toEqual({ kind: "finding", id: "latency-slo:transfer" });
    expect(retarget({ kind: "finding", id: "even-consensus-size:ledger" }, [{ kind: "store", from: "ledger", to: "accounts" }])).toEqual({ kind: "finding", id: "even-consensus-size:accounts" });
  });

  it("applies renames all at once: swapping two ids swaps their comments", () => {
    const swap = [
      { kind: "node" as const, from: "a", to: "b" },
      { kind: "node" as const, from: "b", to: "a" },
    ];
    expect(retarget({ kind: "node", id: "a" }, swap)).toEqual({ kind: "node", id: "b" });
    expect(retarget({ kind: "node", id: "b" }, swap)).toEqual({ kind: "node", id: "a" });
  });

  it("keeps every pin describable after a rename: the label is the same element's", () => {
    const d = renameId(renameId(raftLedger, "region", "use1", "us-east"), "operation", "transfer", "post");
    const renames = [...impliedRenames(raftLedger, "region", "use1", "us-east"), { kind: "operation" as const, from: "transfer", to: "post" }];
    const pins: CommentTarget[] = [
      { kind: "region", id: "use1" },
      { kind: "zone", id: "use1/a" },
      { kind: "operation", id: "transfer" },
    ];
    for (const pin of pins) expect(describeTarget(d, retarget(pin, renames))).toBe(describeTarget(raftLedger, pin));
  });

  it("knows what every rule's findings are about (checked on every example)", () => {
    for (const { design } of EXAMPLES) {
      for (const f of analyze(design).findings) {
        const about = RULES.find((r) => r.id === f.rule)!.about;
        const ids = (about === "store" ? design.stores : design.operations)?.map((x) => x.id) ?? [];
        expect(ids, `${f.rule} on ${f.target}`).toContain(f.target);
      }
    }
  });
});

describe("linkify", () => {
  it("turns only http(s) URLs into links, leaving markup as text", () => {
    expect(linkify("see https://etcd.io/docs. ok")).toEqual([{ text: "see " }, { href: "https://etcd.io/docs", text: "https://etcd.io/docs" }, { text: ". ok" }]);
    expect(linkify('<a href="javascript:alert(1)">x</a> javascript:alert(1)')).toEqual([{ text: '<a href="javascript:alert(1)">x</a> javascript:alert(1)' }]);
    expect(linkify("")).toEqual([]);
  });
});
