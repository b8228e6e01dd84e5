import type { Model } from "../model";
import type { Finding, OperationAnalysis, Severity, StoreAnalysis } from "../types";

export interface RuleContext {
  model: Model;
  stores: readonly StoreAnalysis[];
  operations: readonly OperationAnalysis[];
  /** Region pairs ("a|b") some figure needed and the design has no link for. */
  missingPairs: readonly string[];
}

/** One check over the analysed design. `id` is the file name and the finding's `rule`. */
export interface Rule {
  id: string;
  severity: Severity;
  /** What the rule protects against, for docs and the UI. */
  description: string;
  check(ctx: RuleContext): Finding[];
}

/** "Orders DB" (orders) — how findings name an element. */
export function label(name: string, id: string): string {
  return name === id ? `“${name}”` : `“${name}” (${id})`;
}
