"use client";

import { quorumLabel } from "@/lib/design/quorum";
import type { QuorumSpec } from "@/lib/design/schema";

/** Cassandra's consistency-level names for counts of replicas, where one applies. */
function countName(q: number, n: number): string | null {
  if (q === n) return "ALL";
  if (q === Math.floor(n / 2) + 1) return "QUORUM";
  return ({ 1: "ONE", 2: "TWO", 3: "THREE" } as Record<number, string>)[q] ?? null;
}

/**
 * How a quorum reads in a menu: "2 (QUORUM)", "5", "3 (ALL)", "LOCAL_QUORUM", "EACH_QUORUM" —
 * the number as the file stores it, with the name Cassandra users know.
 *
 * @example quorumOptionLabel(4, 6) // "4 (QUORUM)"
 */
export function quorumOptionLabel(spec: QuorumSpec, n: number): string {
  if (typeof spec !== "number") return quorumLabel(spec);
  const name = countName(spec, n);
  return name ? `${spec} (${name})` : String(spec);
}

export const REGIONAL_QUORUM_HELP: Record<"local-quorum" | "each-quorum", string> = {
  "local-quorum": "A majority of the replicas in the local datacenter (the callers' region when it holds replicas): fast, and it survives losing another datacenter.",
  "each-quorum": "A majority of the replicas in every datacenter that holds replicas: meets any LOCAL_QUORUM, but waits for the farthest datacenter.",
};

export interface QuorumSelectProps {
  /** The quorum as written in the file; undefined: not set, the fallback applies. */
  value: QuorumSpec | undefined;
  /** Number of voting replicas: the numeric choices are 1..n. */
  n: number;
  /** Offer LOCAL_QUORUM / EACH_QUORUM (leaderless stores only). */
  allowRegional: boolean;
  /** Text of the "not set" choice, shown as written, e.g. "default (2 (QUORUM))" or "store's (LOCAL_QUORUM)". */
  fallbackLabel: string;
  /** A number, "local-quorum" / "each-quorum", or null for "not set" (remove the field). */
  onChange: (value: QuorumSpec | null) => void;
  "aria-label"?: string;
  "aria-describedby"?: string;
  id?: string;
  className?: string;
  title?: string;
  disabled?: boolean;
}

/**
 * One control for a quorum: "not set", the counts 1..n (named ONE / QUORUM / ALL where they
 * apply) and, for leaderless stores, LOCAL_QUORUM / EACH_QUORUM. A native select, so it is
 * keyboard reachable, labelled (by `aria-label` or a wrapping <label>) and never a canvas shortcut.
 */
export function QuorumSelect({ value, n, allowRegional, fallbackLabel, onChange, "aria-label": ariaLabel, "aria-describedby": describedBy, id, className, title, disabled }: QuorumSelectProps) {
  const counts = Array.from({ length: Math.max(1, n) }, (_, i) => i + 1);
  // A value the choices do not hold (a regional spec on a store that no longer takes it, a count
  // above n) is still shown as it is, so the control never lies about the file.
  const stray = value !== undefined && (typeof value === "number" ? value > counts.length : !allowRegional) ? value : undefined;
  return (
    <select
      id={id}
      className={className}
      aria-label={ariaLabel}
      aria-describedby={describedBy}
      title={title ?? (typeof value === "string" ? REGIONAL_QUORUM_HELP[value] : undefined)}
      disabled={disabled}
      value={value === undefined ? "" : String(value)}
      onChange={(e) => {
        const raw = e.target.value;
        onChange(raw === "" ? null : raw === "local-quorum" || raw === "each-quorum" ? raw : Number(raw));
      }}
    >
      <option value="">{fallbackLabel}</option>
      <optgroup label={`Replicas (of ${n})`}>
        {counts.map((q) => (
          <option key={q} value={String(q)}>
            {quorumOptionLabel(q, n)}
          </option>
        ))}
      </optgroup>
      {allowRegional && (
        <optgroup label="Per datacenter (region)">
          {(["local-quorum", "each-quorum"] as const).map((spec) => (
            <option key={spec} value={spec} title={REGIONAL_QUORUM_HELP[spec]}>
              {quorumLabel(spec)}
            </option>
          ))}
        </optgroup>
      )}
      {stray !== undefined && <option value={String(stray)}>{quorumOptionLabel(stray, n)} (does not apply here)</option>}
    </select>
  );
}
