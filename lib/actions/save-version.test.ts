import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import { createTestStudio } from "./test-studio";

describe("save version (a named checkpoint, issue 13)", () => {
  it("Shift+Ctrl/⌘+S saves now and opens History asking for the version's name", () => {
    const studio = createTestStudio({ design: raftLedger });
    expect(studio.state.namingVersion).toBe(false);
    studio.keyDown("S", { mod: true, shift: true });
    expect(studio.calls).toEqual(["saveNow"]);
    expect(studio.state).toMatchObject({ namingVersion: true, tab: "history" });
  });

  it("is not offered to a reviewer", () => {
    const studio = createTestStudio({ design: raftLedger, viewer: { kind: "reviewer", token: "t", pinned: null, expiresAt: null } });
    expect(studio.isEnabled("save-version")).toBe(false);
  });
});
