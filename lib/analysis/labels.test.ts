import { describe, expect, it } from "vitest";
import { inputLabel, sectionLabel } from "./labels";

describe("labels for a figure's “why?”", () => {
  it("names a section's figure and an input in words, keeping unknown keys and the model's symbols", () => {
    expect(sectionLabel("Per operation: leaderFailoverMs")).toBe("Per operation: leader failover");
    expect(sectionLabel("Escalation ladder")).toBe("Escalation ladder");
    expect(inputLabel("readMode")).toBe("read mode");
    expect(inputLabel("clusterSize")).toBe("cluster size");
    expect(inputLabel("n")).toBe("n");
  });
});
