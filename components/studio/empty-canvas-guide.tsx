"use client";

import { useStudio } from "./studio-context";

/** What a newcomer does first, shown until the design has nodes. */
export function EmptyCanvasGuide() {
  const regions = useStudio((s) => s.design.regions?.length ?? 0);
  const nodes = useStudio((s) => s.design.nodes?.length ?? 0);
  if (nodes > 0) return null;
  return (
    <div className={`canvas-empty${regions > 0 ? " started" : ""}`}>
      <div className="card">
        <strong>Start your design</strong>
        <ol>
          <li className={regions > 0 ? "done" : undefined}>Add a region from the palette (one per data centre or cloud region).</li>
          <li>Add nodes — databases, caches, locks, brokers, services — into it.</li>
          <li>Shift-click the replicas and choose “Make store”, then list the operations in the table below.</li>
        </ol>
        <p className="muted">Or start from a template: “New from example” on the designs page. Press ? for shortcuts.</p>
      </div>
    </div>
  );
}
