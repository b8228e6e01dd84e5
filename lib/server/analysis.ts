/** HTTP-facing wrappers of the engine: validate the body, run the pure engine. */
import { z } from "zod";
import { analyze, type Analysis } from "../analysis/index";
import { scenarioProblems, simulate, type Scenario, type Simulation } from "../analysis/simulate";
import { ValidationError } from "./errors";
import { envelopeProblems, requireDesign } from "./require-design";

/** POST /api/analyze: the body is a design document. */
export function analyzeBody(body: unknown): Analysis {
  return analyze(requireDesign(body));
}

const scenarioSchema = z.strictObject({
  failRegions: z.array(z.string()).max(1000).optional(),
  failZones: z.array(z.string()).max(1000).optional(),
  failNodes: z.array(z.string()).max(10_000).optional(),
  split: z.array(z.array(z.string()).max(1000)).max(1000).optional(),
});
const simulateSchema = z.strictObject({ design: z.unknown().optional(), scenario: scenarioSchema.optional() });

/** POST /api/simulate: `{ design, scenario: { failRegions, failZones: ["r/z"], failNodes, split: [["a","b"],["c"]] } }`. */
export function simulateBody(body: unknown): { scenario: Scenario } & Simulation {
  const envelope = simulateSchema.safeParse(body);
  if (!envelope.success) {
    throw new ValidationError(
      envelopeProblems(envelope.error.issues),
      'Send { "design": <design>, "scenario": { "failRegions": [...], "failZones": ["region/zone"], "failNodes": [...], "split": [[...], [...]] } }',
    );
  }
  if (envelope.data.design === undefined) throw new ValidationError([{ path: "design", message: "is required" }]);
  const design = requireDesign(envelope.data.design, "design");
  const scenario: Scenario = envelope.data.scenario ?? {};
  const problems = scenarioProblems(design, scenario);
  if (problems.length) throw new ValidationError(problems.map((p) => ({ ...p, path: `scenario.${p.path}` })), "The scenario names elements the design does not have");
  return { scenario, ...simulate(design, scenario) };
}
