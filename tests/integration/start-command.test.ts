/** The README's run command keeps the studio on this machine unless the operator says otherwise (audit D8). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;

describe("npm start", () => {
  it("listens on 127.0.0.1 unless HOST is set", () => {
    expect(scripts.start).toMatch(/next start .*-H \$\{HOST:-127\.0\.0\.1\}/);
    expect(scripts.start).not.toMatch(/0\.0\.0\.0/);
  });
});
