/**
 * What people read: an element's name for its id. Findings, comments, exports and reports name
 * elements by name; ids stay in JSON paths, `--json` output and URLs.
 */
import type { Design } from "./schema";

/** The name of the region, zone ("region/zone"), node, store or operation with `id`; the id itself when nothing has it. */
export function elementName(design: Design, id: string): string {
  for (const list of [design.operations, design.stores, design.nodes, design.regions] as ({ id: string; name: string }[] | undefined)[]) {
    const found = list?.find((x) => x.id === id);
    if (found) return found.name;
  }
  const slash = id.indexOf("/");
  if (slash > 0) {
    const region = design.regions?.find((r) => r.id === id.slice(0, slash));
    if (region) return `${region.name} / ${id.slice(slash + 1)}`;
  }
  return id === "design" ? design.name : id;
}

/** A region's name, with its id only when another region has the same name (the id tells them apart). */
export function regionLabel(design: Design, region: { id: string; name: string }): string {
  const twins = (design.regions ?? []).filter((r) => r.name === region.name).length;
  return twins > 1 ? `${region.name} (${region.id})` : region.name;
}

/** A finding as a person names it: its rule and the element it is about ("availability-slo on Place order"). */
export function findingLabel(design: Design, finding: { rule: string; target: string }): string {
  return `${finding.rule} on ${elementName(design, finding.target)}`;
}
