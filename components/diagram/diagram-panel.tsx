"use client";

import { useEffect, useMemo, useState } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { useDarkTheme } from "@/lib/client/theme";
import { download, fileStem, renderMermaid, svgToPng } from "@/lib/client/mermaid-adapter";
import { flowchart } from "@/lib/mermaid/flowchart";
import { storeSequence } from "@/lib/mermaid/sequence";

/** The generated Mermaid topology (and per-store sequence diagrams), live, with copy and downloads. */
export function DiagramPanel() {
  const design = useStudio((s) => s.design);
  const analysis = useStudio((s) => s.analysis);
  const [which, setWhich] = useState("topology");
  const dark = useDarkTheme();
  const stores = design.stores ?? [];
  const current = which === "topology" ? null : stores.find((s) => s.id === which);
  const text = useMemo(() => (current ? storeSequence(design, current) : flowchart(design, analysis, dark ? "dark" : "light")), [design, analysis, current, dark]);
  const [svg, setSvg] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  // Fit: the whole diagram scaled into the panel; off: actual size, scrolled.
  const [fit, setFit] = useState(true);

  useEffect(() => {
    let cancelled = false;
    // A short pause after each edit: typing does not re-render the diagram on every keystroke.
    const timer = setTimeout(() => {
      renderMermaid(text, dark ? "dark" : "default").then(
        (out) => {
          if (cancelled) return;
          setSvg(out);
          setError(null);
        },
        (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
      );
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, dark]);

  const stem = `${fileStem(design.name)}-${current ? current.id : "topology"}`;
  /** Runs a download; a failure is shown in the panel instead of vanishing in the console. */
  const exporting = (run: () => Promise<void>) => () => {
    setExportError(null);
    run().catch((e: unknown) => setExportError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <div className="diagram-panel">
      <div className="diagram-toolbar">
        <select aria-label="Diagram" value={which} onChange={(e) => setWhich(e.target.value)}>
          <option value="topology">Topology (flowchart)</option>
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}: write and read paths
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn small"
          onClick={async () => {
            await navigator.clipboard?.writeText(text).catch(() => undefined);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? "Copied" : "Copy Mermaid"}
        </button>
        <button type="button" className="btn small" aria-pressed={fit} onClick={() => setFit((f) => !f)} title="Scale the diagram to the panel, or show it at its actual size">
          {fit ? "Actual size" : "Fit"}
        </button>
        <button type="button" className="btn small" onClick={() => download(`${stem}.mmd`, text)}>
          .mmd
        </button>
        <button type="button" className="btn small" onClick={exporting(async () => download(`${stem}.svg`, await renderMermaid(text, "default"), "image/svg+xml"))}>
          SVG
        </button>
        <button type="button" className="btn small" onClick={exporting(async () => download(`${stem}.png`, await svgToPng(await renderMermaid(text, "default", false))))}>
          PNG
        </button>
      </div>
      {error && (
        <p className="problems" role="alert">
          The diagram did not render: {error}
        </p>
      )}
      {exportError && (
        <p className="problems" role="alert">
          The download failed: {exportError}
        </p>
      )}
      <div className="diagram-body">
        {/* Mermaid's output with securityLevel "strict": labels are sanitised and user text is entity-coded. */}
        <div className={`diagram-svg${fit ? " fit" : ""}`} data-testid="diagram" dangerouslySetInnerHTML={{ __html: svg }} />
        <details className="diagram-source">
          <summary>Mermaid source</summary>
          <pre>
            <code>{text}</code>
          </pre>
        </details>
      </div>
    </div>
  );
}
