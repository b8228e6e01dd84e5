"use client";

import { useRef, useState } from "react";

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

/** Longest name the design format accepts (design-format.md). */
export const NAME_MAX = 200;

/** Why a typed name cannot be used, or null. */
export function nameProblem(raw: string): string | null {
  if (!raw.trim()) return "A name cannot be empty";
  if (raw.length > NAME_MAX) return `A name has at most ${NAME_MAX} characters (this one has ${raw.length})`;
  return null;
}

/**
 * A name field bound to design data: shows the design's name unless it has focus (so undo shows
 * at once), commits every usable keystroke, and says why it refuses one — an empty name, or one
 * longer than the format allows (never cut silently).
 */
export function NameInput({ value, onCommit, ...props }: InputProps & { value: string; onCommit: (name: string, gesture: string) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  // One focus is one gesture: the store makes everything typed during it one undo step.
  const gesture = useRef("");
  return (
    <>
      <DraftInput
        {...props}
        type="text"
        value={value}
        invalid={(raw) => nameProblem(raw) !== null}
        onFocus={(e) => {
          gesture.current = `${Date.now()}:${Math.random()}`;
          props.onFocus?.(e);
        }}
        onCommit={(raw) => {
          const why = nameProblem(raw);
          setProblem(why);
          if (!why) onCommit(raw, gesture.current);
        }}
        onBlur={(e) => {
          setProblem(null);
          props.onBlur?.(e);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape") (e.target as HTMLInputElement).blur();
          props.onKeyDown?.(e);
        }}
      />
      {problem && (
        <small className="field-error" role="alert">
          {problem}
        </small>
      )}
    </>
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
