import type { Model } from "../model";
import type { Finding, OperationAnalysis, Severity, StoreAnalysis } from "../types";

export interface RuleContext {
  model: Model;
  stores: readonly StoreAnalysis[];
  operations: readonly OperationAnalysis[];
  /** Region pairs ("a|b") some figure needed and the design has no link for. */
  missingPairs: readonly string[];
  /** The zones ("region/zone") or regions whose loss stops an operation (computed with its figures). */
  fatalDomains(operation: OperationAnalysis, domain: "zone" | "region"): string[];
}

/** One check over the analysed design. `id` is the file name and the finding's `rule`. */
export interface Rule {
  id: string;
  severity: Severity;
  /** The kind of element its findings' `target` names (a comment pinned to a finding follows that id when it is renamed). */
  about: "store" | "operation";
  /** What the rule protects against, for docs and the UI. */
  description: string;
  check(ctx: RuleContext): Finding[];
}

/** “Orders DB” — how findings name an element (names, never generated ids: the target carries the id). */
export function label(name: string): string {
  return `“${name}”`;
}

/** A region's display name. */
export function regionName(model: Model, id: string): string {
  return model.regions.get(id)?.name ?? id;
}

/** A node's display name. */
export function nodeName(model: Model, id: string): string {
  return model.nodes.get(id)?.name ?? id;
}

/** Operations' names as a list: “Place order”, “Refund”. */
export function names(items: readonly { name: string }[]): string {
  return items.map((i) => label(i.name)).join(", ");
}

/** Requires more than eventual (rank above the weakest level). */
export function requiresMoreThanEventual(level: string): boolean {
  return level !== "eventual";
}
