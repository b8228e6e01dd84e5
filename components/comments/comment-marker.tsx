"use client";

import { CommentIcon } from "@/components/icons";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import type { TargetKind } from "@/lib/review/targets";

/**
 * Open comment threads pinned to an element; a click opens them in the Comments tab. A span with
 * the button role, so that it stays usable inside the disabled fieldsets of read-only views.
 */
export function CommentMarker({ kind, id, name }: { kind: TargetKind; id: string; name: string }) {
  const count = useStudio((s) => s.openThreads[`${kind}:${id}`] ?? 0);
  return <CommentMarkerView kind={kind} id={id} name={name} count={count} />;
}

/** The marker for a count its parent already reads (a node card reads it with the rest of its view: one subscription per card). */
export function CommentMarkerView({ kind, id, name, count }: { kind: TargetKind; id: string; name: string; count: number }) {
  const store = useStudioStore();
  if (count === 0) return null;
  const open = () => store.getState().commentOn({ kind, id });
  return (
    <span
      role="button"
      tabIndex={0}
      className="comment-marker nodrag"
      data-testid={`comment-marker-${kind}-${id}`}
      aria-label={`${count} open comment${count === 1 ? "" : "s"} on ${name}`}
      title={`${count} open comment${count === 1 ? "" : "s"}`}
      onClick={(e) => {
        e.stopPropagation();
        open();
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          e.stopPropagation();
          open();
        }
      }}
    >
      <CommentIcon /> {count}
    </span>
  );
}

