"use client";

import { CommentIcon } from "@/components/icons";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import type { TargetKind } from "@/lib/review/targets";

/**
 * Open comment threads pinned to an element; a click opens them in the Comments tab. A span with
 * the button role, so that it stays usable inside the disabled fieldsets of read-only views.
 */
export function CommentMarker({ kind, id, name }: { kind: TargetKind; id: string; name: string }) {
  const key = `${kind}:${id}`;
  const count = useStudio((s) => s.openThreads[key] ?? 0);
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

