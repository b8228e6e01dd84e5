/**
 * What a comment can be pinned to, and how such a pin is described. Pure: the server checks a pin
 * against the version the reviewer saw; the studio and the review page label markers with it.
 */
import type { Analysis } from "../analysis/index";
import { RULES } from "../analysis/rules/index";
import type { IdRename } from "../design/ids";
import { findingLabel } from "../design/names";
import type { Design } from "../design/schema";

export const TARGET_KINDS = ["node", "region", "zone", "store", "operation", "finding"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface CommentTarget {
  kind: TargetKind;
  /** The element's id; a zone is `region/zone`; a finding is `rule:target`. */
  id: string;
}

export const zoneTargetId = (region: string, zone: string) => `${region}/${zone}`;
export const findingTargetId = (rule: string, target: string) => `${rule}:${target}`;

/**
 * The label of the element `target` names in `design` (its name, or for a finding the rule and
 * the element it is about), or null when the design has no such element. `analysis` is only
 * read for findings.
 */
export function describeTarget(design: Design, target: CommentTarget, analysis?: () => Analysis): string | null {
  switch (target.kind) {
    case "node":
      return design.nodes?.find((n) => n.id === target.id)?.name ?? null;
    case "region":
      return design.regions?.find((r) => r.id === target.id)?.name ?? null;
    case "zone": {
      const [regionId, zone, ...rest] = target.id.split("/");
      const region = design.regions?.find((r) => r.id === regionId);
      return rest.length === 0 && region?.zones?.includes(zone) ? `${region.name} / ${zone}` : null;
    }
    case "store":
      return design.stores?.find((s) => s.id === target.id)?.name ?? null;
    case "operation":
      return design.operations?.find((o) => o.id === target.id)?.name ?? null;
    case "finding": {
      const finding = analysis?.().findings.find((f) => findingTargetId(f.rule, f.target) === target.id);
      return finding ? findingLabel(design, finding) : null;
    }
  }
}

/** Whether the element a comment is pinned to still exists in `design`. */
export function targetExists(design: Design, target: CommentTarget, analysis?: () => Analysis): boolean {
  return describeTarget(design, target, analysis) !== null;
}

const RULE_ABOUT = new Map(RULES.map((r) => [r.id, r.about]));

/**
 * Where a comment pinned to `target` points after the id changes `renames` (all at once, so
 * swapping two ids swaps their comments): an element renamed follows its new id, a zone follows its
 * region's rename, a finding follows the store or operation its rule is about. Unchanged targets
 * are returned as they are.
 *
 * @example retarget({ kind: "store", id: "store-1" }, [{ kind: "store", from: "store-1", to: "orders" }]) // { kind: "store", id: "orders" }
 */
export function retarget(target: CommentTarget, renames: readonly IdRename[]): CommentTarget {
  if (target.kind === "finding") {
    const colon = target.id.indexOf(":");
    const rule = target.id.slice(0, colon);
    const about = RULE_ABOUT.get(rule);
    const rename = renames.find((r) => r.kind === about && r.from === target.id.slice(colon + 1));
    return colon > 0 && rename ? { kind: "finding", id: findingTargetId(rule, rename.to) } : target;
  }
  const rename = renames.find((r) => r.kind === target.kind && r.from === target.id);
  return rename ? { kind: target.kind, id: rename.to } : target;
}

export type TextPart = { text: string } | { href: string; text: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]]/g;

/**
 * Comment text split into plain runs and http(s) links, for rendering as text nodes and anchors
 * (never as HTML): only http and https become links, whatever else the text contains.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ href: match[0], text: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
