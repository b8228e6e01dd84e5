"use client";

import { useId, useState } from "react";
import type { Explanation } from "@/lib/analysis/types";

/** "why?": the engine's formula, inputs and worked line for a figure, on demand. */
export function Why({ explain, label = "why?" }: { explain: Explanation | undefined; label?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!explain) return null;
  return (
    <span className="why">
      {/* A span, not a <button>: "why?" stays usable inside the disabled fieldsets of read-only views. */}
      <span
        role="button"
        tabIndex={0}
        className="why-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            setOpen((v) => !v);
          }
        }}
        title="How this figure is computed"
      >
        {label}
      </span>
      {open && (
        <span className="why-pop" id={id} role="note">
          <code className="why-text">{explain.text}</code>
          <span className="why-formula">
            Formula: <code>{explain.formula}</code>
          </span>
          {Object.keys(explain.inputs).length > 0 && (
            <span className="why-inputs">
              Inputs:{" "}
              {Object.entries(explain.inputs)
                .map(([k, v]) => `${k} = ${v === null ? "unknown" : String(v)}`)
                .join("; ")}
            </span>
          )}
          <span className="why-section">analysis-model.md → {explain.section}</span>
        </span>
      )}
    </span>
  );
}
