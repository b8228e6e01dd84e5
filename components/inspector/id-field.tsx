"use client";

import { useId, useRef, useState } from "react";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { idProblem, type IdKind } from "@/lib/design/ids";
import { renameElementId } from "@/lib/store/renames";
import "./id-field.css";

/**
 * An element's id as an editable field. Ids are what JSON paths, the CLI and the API use; names
 * are what people read. What is typed is checked at once (the format's pattern, and that no other
 * element has it), with the reason shown; nothing is applied while it is invalid. Enter or leaving
 * the field applies it as one undo step, and every reference follows (renameId). Escape puts back
 * the current id. Unless being typed in, the field shows the design's id (so undo shows at once).
 *
 * For a zone, `id` is `region/zone` and the field edits the zone part.
 */
export function IdField({ kind, id }: { kind: IdKind; id: string }) {
  const store = useStudioStore();
  const design = useStudio((s) => s.design);
  const shownId = kind === "zone" ? id.slice(id.indexOf("/") + 1) : id;
  const [draft, setDraft] = useState<string | null>(null);
  const applied = useRef(false);
  const cancelled = useRef(false);
  const uid = useId();
  const value = draft ?? shownId;
  const problem = draft === null ? null : idProblem(design, kind, id, draft);

  /** Applies the typed id when it is valid and new; `keep`: leave an invalid draft (and its reason) in place. */
  const apply = (keep: boolean) => {
    if (draft === null || applied.current) return;
    const valid = idProblem(store.getState().design, kind, id, draft) === null;
    if (!valid && keep) return;
    setDraft(null);
    if (!valid || draft === shownId) return;
    applied.current = true;
    if (!renameElementId(store, kind, id, draft)) applied.current = false;
  };

  return (
    <div className="field id-field">
      <label htmlFor={uid}>ID</label>
      <input
        id={uid}
        type="text"
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        value={value}
        aria-invalid={problem !== null || undefined}
        aria-describedby={`${uid}-hint${problem ? ` ${uid}-error` : ""}`}
        onFocus={() => setDraft(shownId)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => (cancelled.current ? (cancelled.current = false) : apply(false))}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply(true);
          } else if (e.key === "Escape") {
            e.stopPropagation();
            cancelled.current = true;
            setDraft(null);
            e.currentTarget.blur();
          }
        }}
      />
      {problem ? (
        <small id={`${uid}-error`} className="id-error" role="alert">
          {problem}
        </small>
      ) : null}
      <small id={`${uid}-hint`}>used in JSON paths, the CLI and the API</small>
    </div>
  );
}
