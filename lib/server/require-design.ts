import type { z } from "zod";
import type { Design } from "../design/schema";
import { formatPath, parseDesign, type Problem } from "../design/validate";
import { ValidationError } from "./errors";

/**
 * The design in a request body, or a 400 listing every problem; `prefix` places the paths inside
 * an envelope (`document.stores[0]…`, `design.nodes[2]…`).
 */
export function requireDesign(input: unknown, prefix = ""): Design {
  const result = parseDesign(input);
  if (result.ok) return result.design;
  throw new ValidationError(result.problems.map((p) => ({ ...p, path: prefix ? (p.path ? `${prefix}.${p.path}` : prefix) : p.path })));
}

/** Problems of a request envelope (the fields around a design), with their paths. */
export function envelopeProblems(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.code === "unrecognized_keys" ? `unknown field(s) ${issue.keys.join(", ")}` : issue.message,
  }));
}
