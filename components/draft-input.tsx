"use client";

import { useState } from "react";

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "defaultValue" | "onChange">;

/**
 * An input bound to design data that may change underneath it (undo, another panel): while it
 * has focus it shows what the user types, even when that is not yet valid; otherwise it shows
 * `value`. `onCommit` gets every keystroke and applies the ones that parse.
 */
export function DraftInput({ value, onCommit, invalid, ...props }: InputProps & { value: string; onCommit: (raw: string) => void; invalid?: (raw: string) => boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  return (
    <input
      {...props}
      value={shown}
      aria-invalid={invalid?.(shown) || undefined}
      onFocus={(e) => {
        setDraft(value);
        props.onFocus?.(e);
      }}
      onBlur={(e) => {
        setDraft(null);
        props.onBlur?.(e);
      }}
      onChange={(e) => {
        setDraft(e.target.value);
        onCommit(e.target.value);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") (e.target as HTMLInputElement).blur();
        props.onKeyDown?.(e);
      }}
    />
  );
}

/** "" → null (clear), a finite number → the number, anything else → undefined (ignore). */
export function parseNumber(raw: string): number | null | undefined {
  if (raw.trim() === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Percent text ↔ probability. */
export const percentOf = (p: number | undefined) => (p === undefined ? "" : String(+(p * 100).toFixed(8)));
export const probabilityOf = (pct: number) => Number((pct / 100).toFixed(10));
