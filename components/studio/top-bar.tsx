"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { BrandMark } from "@/components/icons";
import { renameDesign } from "@/lib/design/commands";
import type { SaveState } from "@/lib/store/studio-store";
import { useStudio, useStudioStore } from "./studio-context";

export function TopBar({ onSaveNow }: { onSaveNow: () => void }) {
  const store = useStudioStore();
  const name = useStudio((s) => s.design.name);
  const designId = useStudio((s) => s.designId);
  // While the field has focus it shows what the user types (even an empty, not yet valid name);
  // otherwise it shows the design's name.
  const [draft, setDraft] = useState<string | null>(null);

  return (
    <header className="topbar">
      <Link href="/" className="brand" aria-label="All designs">
        <BrandMark />
      </Link>
      <input
        className="name-input"
        type="text"
        aria-label="Design name"
        value={draft ?? name}
        maxLength={200}
        onFocus={() => setDraft(name)}
        onBlur={() => setDraft(null)}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value.trim()) store.getState().edit((d) => renameDesign(d, e.target.value));
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === "Escape") (e.target as HTMLInputElement).blur();
        }}
      />
      <SaveIndicator onSaveNow={onSaveNow} />
      <span className="spacer" />
      <a className="btn" href={`/api/designs/${designId}/document`} download>
        Download JSON
      </a>
    </header>
  );
}

function describe(save: SaveState, now: number): string {
  switch (save.status) {
    case "saved":
      return "Saved";
    case "dirty":
      return "Unsaved changes";
    case "saving":
      return "Saving…";
    case "conflict":
      return "Conflict — changed elsewhere";
    case "error": {
      if (save.retryAt === undefined) return save.message ?? "Not saved";
      const seconds = Math.max(0, Math.ceil((save.retryAt - now) / 1000));
      return `Error — retrying${seconds ? ` in ${seconds} s` : "…"}`;
    }
  }
}

function SaveIndicator({ onSaveNow }: { onSaveNow: () => void }) {
  const save = useStudio((s) => s.save);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (save.status !== "error" || save.retryAt === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [save]);
  return (
    <span className="save-state" data-state={save.status} role="status" aria-live="polite" data-testid="save-state" title={save.message}>
      <span className="dot" aria-hidden="true" />
      {describe(save, now)}
      {save.status === "error" && save.retryAt !== undefined && (
        <button className="btn small" onClick={onSaveNow}>
          Retry now
        </button>
      )}
    </span>
  );
}
