import { describe, expect, it } from "vitest";
import { ACTIONS } from "./registry";
import { searchActions } from "./search";

const ids = (query: string) => searchActions(ACTIONS, query).map((a) => a.id);

describe("command palette search", () => {
  it("finds actions by label words, best match first", () => {
    expect(ids("undo")[0]).toBe("undo");
    expect(ids("dup")[0]).toBe("duplicate");
    expect(ids("add data")[0]).toBe("add-node-database");
    expect(ids("fit")[0]).toBe("fit-view");
  });

  it("finds actions by keywords and by letters in order", () => {
    expect(ids("dark mode")).toEqual(["cycle-theme"]);
    expect(ids("replica set")).toContain("make-store");
    expect(ids("mermaid")).toContain("show-diagram");
    expect(ids("dplc")[0]).toBe("duplicate");
  });

  it("an empty query lists everything in registry order; nonsense lists nothing", () => {
    expect(ids("")).toEqual(ACTIONS.map((a) => a.id));
    expect(ids("zzqx")).toEqual([]);
  });
});
