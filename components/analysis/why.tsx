"use client";

import { useEffect, useId, useRef, useState, type CSSProperties } from "react";
import { inputLabel, sectionLabel } from "@/lib/analysis/labels";
import type { Explanation } from "@/lib/analysis/types";
import { splitSource } from "@/lib/client/format";

const OPEN_EVENT = "quorum-studio:why-open";

/** "why?": the engine's formula, inputs and worked line for a figure, on demand. */
export function Why({ explain, label = "why?" }: { explain: Explanation | undefined; label?: string }) {
  const [at, setAt] = useState<CSSProperties | null>(null);
  const open = at !== null;
  const id = useId();
  const anchor = useRef<HTMLSpanElement>(null);
  const pop = useRef<HTMLSpanElement>(null);
  // Fixed to the viewport, so no scrolling panel clips it; it follows its "why?" when something
  // scrolls, and closes when that goes out of view.
  const toggle = () => {
    if (!open) window.dispatchEvent(new CustomEvent(OPEN_EVENT, { detail: id }));
    setAt(open ? null : placement(anchor.current));
  };
  useEffect(() => {
    if (!open) return;
    const follow = () => setAt(placement(anchor.current));
    // One explanation at a time; Esc or a click anywhere else closes it (focus returns to its "why?").
    const otherOpened = (e: Event) => (e as CustomEvent<string>).detail !== id && setAt(null);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopPropagation();
      setAt(null);
      anchor.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node | null;
      if (target && (anchor.current?.contains(target) || pop.current?.contains(target))) return;
      setAt(null);
    };
    window.addEventListener("scroll", follow, true);
    window.addEventListener("resize", follow);
    window.addEventListener(OPEN_EVENT, otherOpened);
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("pointerdown", onPointer, true);
    return () => {
      window.removeEventListener("scroll", follow, true);
      window.removeEventListener("resize", follow);
      window.removeEventListener(OPEN_EVENT, otherOpened);
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("pointerdown", onPointer, true);
    };
  }, [open, id]);
  if (!explain) return null;
  return (
    <span className="why">
      {/* A span, not a <button>: "why?" stays usable inside the disabled fieldsets of read-only views. */}
      <span
        ref={anchor}
        role="button"
        tabIndex={0}
        className="why-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={toggle}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            toggle();
          }
        }}
        title="How this figure is computed"
      >
        {label}
      </span>
      {open && (
        <span className="why-pop" id={id} role="note" style={at} ref={pop}>
          <code className="why-text">{splitSource(explain.text).body}</code>
          <span className="why-formula">
            Formula: <code>{explain.formula}</code>
          </span>
          {Object.keys(explain.inputs).length > 0 && (
            <span className="why-inputs">
              Inputs:{" "}
              {Object.entries(explain.inputs)
                .map(([k, v]) => `${inputLabel(k)} = ${v === null ? "unknown" : String(v)}`)
                .join("; ")}
            </span>
          )}
          {/* In words: a studio user cannot open the repository's docs. */}
          <span className="why-section">Defined in the analysis model, under “{sectionLabel(explain.section)}”</span>
          {splitSource(explain.text).source && <span className="why-source">Source: {splitSource(explain.text).source}</span>}
        </span>
      )}
    </span>
  );
}

/** Where the popover goes: under its anchor (above when there is no room), inside the viewport; null when the anchor is out of view. */
function placement(anchor: HTMLElement | null): CSSProperties | null {
  if (!anchor) return null;
  const r = anchor.getBoundingClientRect();
  if (r.bottom < 0 || r.top > window.innerHeight || (r.width === 0 && r.height === 0)) return null;
  const width = Math.min(460, window.innerWidth - 16);
  const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
  return r.bottom + 200 > window.innerHeight ? { left, bottom: window.innerHeight - r.top + 4, maxWidth: width } : { left, top: r.bottom + 4, maxWidth: width };
}
