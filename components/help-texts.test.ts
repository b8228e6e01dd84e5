/**
 * Help texts in the studio never send a user to a repository file ("see docs/x.md"): the studio's
 * users cannot open it. They say it in words (comments may cite docs for developers).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".tsx") ? [path.join(dir, e.name)] : []));
}

/** The code without its comments (block, JSX and whole-line or trailing `// ` comments). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/ .*$/gm, "$1");

describe("studio help texts", () => {
  it("cite no repository file (docs/….md, analysis-model.md …)", () => {
    const cited = sources(path.join(import.meta.dirname)).flatMap((file) =>
      code(readFileSync(file, "utf8"))
        .split("\n")
        .filter((line) => /\b[\w-]+\.md\b/.test(line))
        .map((line) => `${path.relative(import.meta.dirname, file)}: ${line.trim()}`),
    );
    expect(cited).toEqual([]);
  });

  it("the cloud-region estimate is explained in words where it is shown", () => {
    const dialog = readFileSync(path.join(import.meta.dirname, "advisor/cloud-region-dialog.tsx"), "utf8");
    expect(dialog).toContain("estimated from the\n        distance between them (light in optical fibre over a route about 1.4 times the straight line, plus 2 ms)");
    const why = readFileSync(path.join(import.meta.dirname, "analysis/why.tsx"), "utf8");
    expect(why).toContain("Defined in the analysis model, under “{sectionLabel(explain.section)}”");
  });
});
