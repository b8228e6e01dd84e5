"use client";

import type { ReactNode } from "react";
import { INSPECTOR_PANEL, ResizeHandle, usePanel } from "./panel-size";

/**
 * The right-hand column (inspector, or the simulator's panel): resizable from its left edge,
 * collapsible to a thin strip, its width and state remembered.
 */
export function SidePanel({ children }: { children: ReactNode }) {
  const panel = usePanel(INSPECTOR_PANEL);
  if (panel.collapsed) {
    return (
      <div className="side-panel collapsed">
        <button type="button" className="side-panel-toggle" aria-expanded={false} aria-label="Show the inspector" title="Show the inspector" onClick={() => panel.setCollapsed(false)}>
          <span aria-hidden="true">◂</span>
          <span className="side-panel-toggle-label">Inspector</span>
        </button>
      </div>
    );
  }
  return (
    <div className="side-panel" style={{ width: panel.size }}>
      <ResizeHandle panel={panel} spec={INSPECTOR_PANEL} edge="left" label="Resize the inspector (Enter hides it)" />
      <button type="button" className="side-panel-toggle hide" aria-expanded={true} title="Hide the inspector: more room for the canvas" onClick={() => panel.setCollapsed(true)}>
        <span aria-hidden="true">▸</span>
        <span className="sr-only">Hide the inspector</span>
      </button>
      {children}
    </div>
  );
}
