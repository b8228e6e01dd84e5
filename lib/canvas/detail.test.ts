import { describe, expect, it } from "vitest";
import { LARGE_DESIGN_NODES, SIMPLE_CARDS_BELOW_ZOOM, SIMPLE_CARDS_BELOW_ZOOM_LARGE, SIMPLE_NAME_CHARS, simpleCardName, simpleCardTitle, simpleCards, storeRole } from "./detail";

describe("card level of detail", () => {
  it("draws full cards where their text is readable and simple ones once it is not, sooner on large designs", () => {
    // The three-region design fits at about 1.0, a 1,000-node design at about 0.15.
    expect(simpleCards(1.04, 13)).toBe(false);
    expect(simpleCards(SIMPLE_CARDS_BELOW_ZOOM, 13)).toBe(false);
    expect(simpleCards(SIMPLE_CARDS_BELOW_ZOOM - 0.01, 13)).toBe(true);
    expect(simpleCards(0.55, LARGE_DESIGN_NODES - 1)).toBe(false);
    expect(simpleCards(0.55, LARGE_DESIGN_NODES)).toBe(true);
    expect(simpleCards(SIMPLE_CARDS_BELOW_ZOOM_LARGE, 1000)).toBe(false);
    expect(simpleCards(0.15, 1000)).toBe(true);
  });

  it("says in a simple card's tooltip what the full card shows with marks: status, down, stores and roles", () => {
    const store = (name: string, learner = false) => ({ id: name.toLowerCase(), name, index: 0, leader: false, learner });
    const stores = [storeRole(store("Orders"), true, false), storeRole(store("Ledger"), true, true), storeRole(store("Audit", true), false, false), storeRole(store("Cache"), false, false)];
    expect(stores).toEqual(["Orders (leader)", "Ledger (new leader in this scenario)", "Audit (learner, non-voting)", "Cache"]);
    expect(simpleCardTitle({ name: "pg 1", id: "pg-1", kind: "Database", status: "has errors", down: true, stores })).toBe(
      "pg 1 (Database, pg-1) — has errors · DOWN · stores: Orders (leader), Ledger (new leader in this scenario), Audit (learner, non-voting), Cache",
    );
    expect(simpleCardTitle({ name: "api", id: "api", kind: "Service", status: "not in a store", down: false, stores: [] })).toBe("api (Service, api) — not in a store");
  });

  it("cuts a long name for a simple card, whole characters only, and leaves a short one alone", () => {
    expect(simpleCardName("ledger-1")).toBe("ledger-1");
    const exact = "x".repeat(SIMPLE_NAME_CHARS);
    expect(simpleCardName(exact)).toBe(exact);
    expect(simpleCardName("cassandra us-east-1a replica number 3")).toBe("cassandra us-east-1a replic…");
    expect([...simpleCardName("🦄".repeat(40))]).toHaveLength(SIMPLE_NAME_CHARS);
  });
});
