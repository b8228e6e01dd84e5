/** HTTP-facing wrappers of the engine: validate the body, run the pure engine. */
import { z } from "zod";
import { advise, type Advice } from "../analysis/advisor";
import { analyze, type Analysis } from "../analysis/index";
import { scenarioProblems, simulate, type Scenario, type Simulation } from "../analysis/simulate";
import { ValidationError } from "./errors";
import { envelopeProblems, requireDesign } from "./require-design";

/**
 * PBS t-visibility on the HTTP API: 100,000 trials per read (two implementations then agree within
 * 0.01), but at most 2,000,000 trials per request in all (about 2.5 s of one core at worst), so a
 * design with many distinct weak reads cannot monopolise the server: each then gets fewer trials
 * (reported in `tVisibility.trials`).
 */
export const API_PBS = { trials: 100_000, budget: 2_000_000 } as const;

/** POST /api/analyze: the body is a design document. */
export function analyzeBody(body: unknown): Analysis {
  return analyze(requireDesign(body), { pbs: API_PBS });
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

const adviseSchema = z.strictObject({ design: z.unknown().optional(), store: z.string().min(1).max(64), survive: z.enum(["zone", "region"]) });

/** POST /api/advise: `{ design, store: "<store id>", survive: "zone" | "region" }` (the same JSON as `quorum-studio advise --json`). */
export function adviseBody(body: unknown): Advice {
  const envelope = adviseSchema.safeParse(body);
  if (!envelope.success) {
    throw new ValidationError(envelopeProblems(envelope.error.issues), 'Send { "design": <design>, "store": "<store id>", "survive": "zone" | "region" }');
  }
  if (envelope.data.design === undefined) throw new ValidationError([{ path: "design", message: "is required" }]);
  const design = requireDesign(envelope.data.design, "design");
  if (!design.stores?.some((s) => s.id === envelope.data.store)) {
    throw new ValidationError([{ path: "store", message: `no store "${envelope.data.store}" in the design (stores: ${(design.stores ?? []).map((s) => s.id).join(", ") || "none"})` }]);
  }
  return advise(design, envelope.data.store, envelope.data.survive);
}
