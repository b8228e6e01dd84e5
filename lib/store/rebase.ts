/**
 * After a save refused as stale (409): the edits made here are merged with the version saved
 * elsewhere (lib/design/merge.ts, three-way from the version both started from) instead of being
 * thrown away. A clean merge continues on top of the other version at once; conflicting fields
 * wait for the user ("Keep mine" / "Take theirs"), and undo brings back the other side.
 */
import { diffDesigns, summarizeChanges } from "../design/diff";
import { describeConflict, mergeDesigns } from "../design/merge";
import type { Design } from "../design/schema";
import { parseDesign } from "../design/validate";
import type { StudioStore } from "./studio-store";

export interface Theirs {
  version: number;
  document: Design;
}

/**
 * Merges the local edits onto `theirs`. Returns true when the merge was clean (the design is now
 * the merge, based on `theirs`, waiting to be saved); false when the conflict banner is shown.
 */
export function rebaseOnto(store: StudioStore, theirs: Theirs, message = "This design was changed elsewhere"): boolean {
  const { design: mine, savedDesign: base } = store.getState();
  const result = mergeDesigns(base, theirs.document, mine);
  const parsed = parseDesign(result.design);
  if (result.conflicts.length === 0 && parsed.ok) {
    store.getState().rebase(result.design, theirs, [mine]);
    const changes = summarizeChanges(diffDesigns(base, theirs.document));
    store.getState().showToast(`Merged with version ${theirs.version} saved elsewhere: ${changes === "No changes" ? "nothing to merge" : changes}; your edits are kept`);
    return true;
  }
  const conflicts = result.conflicts.length
    ? result.conflicts.map(describeConflict)
    : parsed.ok
      ? []
      : [`together the two versions are not a valid design (${parsed.problems[0].path}: ${parsed.problems[0].message})`];
  store.getState().setSave({ status: "conflict", message, serverVersion: theirs.version, theirs, conflicts });
  return false;
}

/**
 * Resolves the conflict shown by the banner: every conflicting field takes `prefer`'s value, the
 * rest of both sides' edits are kept, and the result is saved as the version after theirs.
 * Undo gives the other side: after "Keep mine", theirs; after "Take theirs", mine.
 */
export function resolveConflict(store: StudioStore, prefer: "mine" | "theirs"): void {
  const { design: mine, savedDesign: base, save } = store.getState();
  const theirs = save.theirs;
  if (save.status !== "conflict" || !theirs) return;
  const pick = (side: "mine" | "theirs"): Design => {
    const merged = mergeDesigns(base, theirs.document, mine, { prefer: side }).design;
    return parseDesign(merged).ok ? merged : side === "mine" ? mine : theirs.document;
  };
  if (prefer === "mine") store.getState().rebase(pick("mine"), theirs, [mine, pick("theirs")]);
  else store.getState().rebase(pick("theirs"), theirs, [mine]);
  store.getState().showToast(
    prefer === "mine"
      ? `Saving your version on top of version ${theirs.version}; undo shows theirs`
      : `Took version ${theirs.version}'s values for the conflicting fields; undo brings yours back`,
  );
}
