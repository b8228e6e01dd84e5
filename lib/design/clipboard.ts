/**
 * Copy and paste of nodes through the system clipboard, so nodes move between tabs and designs.
 * The clipboard holds plain JSON text (what other apps see if it is pasted there), tagged so
 * that only Quorum Studio nodes are taken back.
 */
import { z } from "zod";
import { addNode, DesignCommandError, updateNode } from "./commands";
import { resolveLayout } from "./layout";
import { ID_PATTERN, type Design } from "./schema";

const TAG = "quorum-studio/nodes@1";

const clipNode = z.object({
  kind: z.string().regex(ID_PATTERN),
  name: z.string().min(1).max(200),
  region: z.string().max(64),
  zone: z.string().max(64).optional(),
  availability: z.number().min(0).max(1).optional(),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }).optional(),
});
const clipboard = z.object({ format: z.literal(TAG), nodes: z.array(clipNode).min(1).max(500) });

export type ClipNode = z.infer<typeof clipNode>;

/** The clipboard text for nodes `ids` of `design` (their kind, name, place and availability). */
export function copyNodes(design: Design, ids: readonly string[]): string | null {
  const positions = resolveLayout(design).nodes;
  const nodes: ClipNode[] = [];
  for (const id of ids) {
    const node = design.nodes?.find((n) => n.id === id);
    if (!node) continue;
    nodes.push({
      kind: node.kind,
      name: node.name,
      region: node.region,
      ...(node.zone !== undefined ? { zone: node.zone } : {}),
      ...(node.availability !== undefined ? { availability: node.availability } : {}),
      position: positions[id],
    });
  }
  return nodes.length ? JSON.stringify({ format: TAG, nodes }) : null;
}

/** Nodes from clipboard text, or null when the text is not Quorum Studio nodes. */
export function readClipboard(text: string): ClipNode[] | null {
  try {
    const parsed = clipboard.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.nodes : null;
  } catch {
    return null;
  }
}

const OFFSET = 24;

/**
 * Adds copies of clipboard nodes to `design` with fresh ids. Each goes into `target` when given
 * (the selected frame), else back into its own region and zone when this design has them (offset
 * a little, so a paste in place is visible), else into the first region.
 */
export function pasteNodes(design: Design, nodes: readonly ClipNode[], target?: { region: string; zone?: string }): { design: Design; ids: string[] } {
  const regions = design.regions ?? [];
  if (regions.length === 0) throw new DesignCommandError("Add a region first: pasted nodes go into a region");
  let next = design;
  const ids: string[] = [];
  for (const clip of nodes) {
    const own = regions.find((r) => r.id === clip.region);
    const region = target?.region ?? own?.id ?? regions[0].id;
    const regionZones = regions.find((r) => r.id === region)?.zones ?? [];
    const zone = target ? target.zone : region === own?.id && clip.zone !== undefined && regionZones.includes(clip.zone) ? clip.zone : undefined;
    const samePlace = region === clip.region && zone === clip.zone;
    const taken = new Set((next.nodes ?? []).map((n) => n.name));
    const created = addNode(next, {
      kind: clip.kind,
      region,
      zone,
      name: taken.has(clip.name) ? `${clip.name} copy`.slice(0, 200) : clip.name,
      position: samePlace && clip.position ? { x: clip.position.x + OFFSET, y: clip.position.y + OFFSET } : undefined,
    });
    next = clip.availability !== undefined ? updateNode(created.design, created.id, { availability: clip.availability }) : created.design;
    ids.push(created.id);
  }
  return { design: next, ids };
}
