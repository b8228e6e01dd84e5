"use client";

import { useCallback, useMemo, useRef, useSyncExternalStore } from "react";

export interface PanelSpec {
  /** localStorage key: each browser (each user) keeps its own sizes. */
  key: string;
  size: number;
  min: number;
  max: number;
}

export interface PanelState {
  size: number;
  collapsed: boolean;
  setSize: (size: number) => void;
  setCollapsed: (collapsed: boolean) => void;
}

/** Default sizes: at 1440×900 the canvas is by far the largest area (about 940×630 px). */
export const BOTTOM_PANEL: PanelSpec = { key: "quorum.panel.bottom", size: 220, min: 120, max: 800 };
export const INSPECTOR_PANEL: PanelSpec = { key: "quorum.panel.inspector", size: 300, min: 240, max: 640 };

const clamp = (spec: PanelSpec, v: number) => Math.round(Math.min(spec.max, Math.max(spec.min, v)));

const CHANGED = "quorum-panel-change";
const subscribe = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
};

function read(spec: PanelSpec, raw: string | null): { size: number; collapsed: boolean } {
  try {
    const saved = JSON.parse(raw ?? "null") as { size?: unknown; collapsed?: unknown } | null;
    if (saved && typeof saved.size === "number") return { size: clamp(spec, saved.size), collapsed: saved.collapsed === true };
  } catch {
    // a damaged entry: the defaults stand
  }
  return { size: spec.size, collapsed: false };
}

/**
 * A panel's size and collapsed state, remembered in localStorage (the server renders the
 * defaults; every tab of the studio follows a change).
 */
export function usePanel(spec: PanelSpec): PanelState {
  const raw = useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(spec.key),
    () => null,
  );
  const state = useMemo(() => read(spec, raw), [spec, raw]);
  const save = useCallback(
    (next: { size: number; collapsed: boolean }) => {
      try {
        localStorage.setItem(spec.key, JSON.stringify(next));
      } catch {
        // storage full or disabled: nothing is remembered
      }
      window.dispatchEvent(new Event(CHANGED));
    },
    [spec],
  );
  return {
    size: state.size,
    collapsed: state.collapsed,
    setSize: (size) => save({ size: clamp(spec, size), collapsed: false }),
    setCollapsed: (collapsed) => save({ ...state, collapsed }),
  };
}

/**
 * The drag handle on a panel's edge: a focusable separator (drag it, or use the arrow keys; Home
 * and End go to the smallest and largest size, Enter hides or shows the panel). `edge` is the
 * side of the panel the handle sits on; dragging away from the panel makes it larger.
 */
export function ResizeHandle({ panel, spec, edge, label }: { panel: PanelState; spec: PanelSpec; edge: "top" | "left"; label: string }) {
  const drag = useRef<{ from: number; size: number } | null>(null);
  const horizontal = edge === "top"; // a horizontal separator line, moved up and down
  const grow = horizontal ? ["ArrowUp"] : ["ArrowLeft"];
  const shrink = horizontal ? ["ArrowDown"] : ["ArrowRight"];
  return (
    <div
      className={`resize-handle ${edge}`}
      role="separator"
      aria-orientation={horizontal ? "horizontal" : "vertical"}
      aria-label={label}
      aria-valuenow={panel.collapsed ? 0 : panel.size}
      aria-valuemin={spec.min}
      aria-valuemax={spec.max}
      tabIndex={0}
      onPointerDown={(e) => {
        drag.current = { from: horizontal ? e.clientY : e.clientX, size: panel.collapsed ? spec.min : panel.size };
        (e.target as HTMLElement).setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        const moved = drag.current.from - (horizontal ? e.clientY : e.clientX);
        panel.setSize(drag.current.size + moved);
      }}
      onPointerUp={() => (drag.current = null)}
      onDoubleClick={() => panel.setCollapsed(!panel.collapsed)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 80 : 20;
        const size = panel.collapsed ? spec.min : panel.size;
        if (grow.includes(e.key)) panel.setSize(size + step);
        else if (shrink.includes(e.key)) panel.setSize(size - step);
        else if (e.key === "Home") panel.setSize(spec.min);
        else if (e.key === "End") panel.setSize(spec.max);
        else if (e.key === "Enter") panel.setCollapsed(!panel.collapsed);
        else return;
        e.preventDefault();
      }}
    />
  );
}
