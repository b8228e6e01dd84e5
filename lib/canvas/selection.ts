import type { Selection } from "../design/commands";
import { parseFlowId, type FlowNode } from "./flow";

/** The selected canvas elements as a design selection (for deleteElements). */
export function selectionOf(flowNodes: readonly FlowNode[]): Selection {
  const nodes: string[] = [];
  const regions: string[] = [];
  const zones: [string, string][] = [];
  for (const n of flowNodes) {
    if (!n.selected) continue;
    const ref = parseFlowId(n.id);
    if (ref?.type === "node") nodes.push(ref.id);
    else if (ref?.type === "region") regions.push(ref.id);
    else if (ref?.type === "zone") zones.push([ref.region, ref.zone]);
  }
  return { nodes, regions, zones };
}
