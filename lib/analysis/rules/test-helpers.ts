import type { Design } from "../../design/schema";
import { parseDesign } from "../../design/validate";
import { analyze } from "../index";

/** Findings of one rule on a (validated) design. */
export function findingsOf(rule: string, design: Design) {
  const r = parseDesign(design);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return analyze(design).findings.filter((f) => f.rule === rule);
}
