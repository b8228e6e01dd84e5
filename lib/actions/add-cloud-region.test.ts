/** "Add a cloud region": opens the catalogue where one can edit; found by provider words in the palette. */
import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import { ACTIONS } from "./registry";
import { searchActions } from "./search";
import { createTestStudio } from "./test-studio";

describe("add a cloud region", () => {
  it("opens the catalogue; the palette finds it by provider", () => {
    const studio = createTestStudio({ design: raftLedger });
    expect(studio.run("add-cloud-region")).toBe(true);
    expect(studio.calls).toEqual(["openCloudRegions"]);
    expect(searchActions(ACTIONS, "azure").map((a) => a.id)).toContain("add-cloud-region");
  });

  it("is disabled for a reviewer and without the catalogue", () => {
    expect(createTestStudio({ design: raftLedger, viewer: { kind: "reviewer", token: "t", pinned: null, expiresAt: null } }).run("add-cloud-region")).toBe(false);
    expect(createTestStudio({ design: raftLedger, ui: { openCloudRegions: undefined } }).run("add-cloud-region")).toBe(false);
  });
});
