/**
 * Comments are pinned to element ids; when a save renames ids (the inspector's id field), the
 * comments move with them, in the same transaction as the version write, so no comment is left
 * pinned to an id that no longer exists.
 */
import { z } from "zod";
import { ID_KINDS, type IdRename } from "../design/ids";
import type { Design } from "../design/schema";
import { describeTarget, retarget, TARGET_KINDS, type TargetKind } from "../review/targets";
import type { Db } from "./db";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The `renames` of a save request: what the client's id edits since its last save were. */
export const renamesSchema = z
  .array(
    z.strictObject({
      kind: z.enum(ID_KINDS),
      from: z.string().min(1).max(129),
      to: z.string().min(1).max(129),
    }),
  )
  .max(1000);

/**
 * Re-pins the design's comments after `renames` (applied all at once). A rename whose new id the
 * saved `document` does not have is ignored: a client cannot point comments at nothing.
 * Returns the number of comments moved.
 */
export async function retargetComments(tx: Tx, designId: string, document: Design, renames: readonly IdRename[]): Promise<number> {
  const valid = renames.filter((r) => describeTarget(document, { kind: r.kind, id: r.to }) !== null);
  if (valid.length === 0) return 0;
  const rows = await tx.comment.findMany({ where: { designId, targetKind: { not: null }, targetId: { not: null } }, select: { id: true, targetKind: true, targetId: true } });
  let moved = 0;
  for (const row of rows) {
    if (!(TARGET_KINDS as readonly string[]).includes(row.targetKind!)) continue;
    const next = retarget({ kind: row.targetKind as TargetKind, id: row.targetId! }, valid);
    if (next.id === row.targetId) continue;
    // One statement after the other: inside a transaction they share one connection.
    await tx.comment.update({ where: { id: row.id }, data: { targetId: next.id }, select: { id: true } });
    moved++;
  }
  return moved;
}
