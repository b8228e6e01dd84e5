"use client";

import { useEffect, useMemo, useRef, useState } from "react";
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
  // "fit": the diagram as wide as the panel (a tall one scrolls); a number: that zoom, panned by dragging or scrolling.
  const [zoom, setZoom] = useState<"fit" | number>("fit");
  const fit = zoom === "fit";
  const view = useRef<HTMLDivElement>(null);
  usePanZoom(view, zoom, setZoom, svg);

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
        <span className="zoom-controls" role="group" aria-label="Diagram zoom">
          <button type="button" className="btn small" aria-label="Zoom the diagram out" title="Zoom out (Ctrl + wheel)" onClick={() => setZoom((z) => stepZoom(z, view.current, -1))}>
            −
          </button>
          <button type="button" className="btn small" aria-pressed={fit} onClick={() => setZoom("fit")} title="As wide as the panel">
            Fit
          </button>
          <button type="button" className="btn small" aria-pressed={zoom === 1} onClick={() => setZoom(1)} title="Actual size; drag to pan">
            {typeof zoom === "number" ? `${Math.round(zoom * 100)} %` : "100 %"}
          </button>
          <button type="button" className="btn small" aria-label="Zoom the diagram in" title="Zoom in (Ctrl + wheel)" onClick={() => setZoom((z) => stepZoom(z, view.current, 1))}>
            +
          </button>
        </span>
        <button type="button" className="btn small" onClick={() => download(`${stem}.mmd`, text)}>
          .mmd
        </button>
        {/* Pure SVG text in the file: HTML labels (foreignObject) clip when opened outside the app, in other fonts. */}
        <button type="button" className="btn small" onClick={exporting(async () => download(`${stem}.svg`, await renderMermaid(text, "default", false), "image/svg+xml"))}>
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
        <div ref={view} className={`diagram-svg${fit ? " fit" : " zoomed"}`} data-testid="diagram" dangerouslySetInnerHTML={{ __html: svg }} />
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

const ZOOMS = [0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3, 4];

/** The diagram's own width (its viewBox), in CSS pixels at 100 %. */
function naturalWidth(container: HTMLElement | null): number | null {
  const width = container?.querySelector("svg")?.viewBox.baseVal?.width;
  return width ? width : null;
}

/**
 * "Fit" shows the diagram as wide as the panel (a tall one scrolls), never magnified past this:
 * a two-box diagram blown up to a wide panel's width would read as a poster.
 */
const MAX_FIT = 2;

/** The panel's width for the diagram (inside its padding), in CSS pixels. */
function innerWidth(container: HTMLElement): number {
  const style = getComputedStyle(container);
  return container.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
}

/** The scale "fit" shows the diagram at: the panel's width, up to MAX_FIT. */
function fitScale(container: HTMLElement | null): number {
  const width = naturalWidth(container);
  if (!container || !width) return 1;
  return Math.min(MAX_FIT, innerWidth(container) / width);
}

/** The next zoom step up or down; from "fit", starting at the scale fit shows. */
function stepZoom(zoom: "fit" | number, container: HTMLElement | null, direction: 1 | -1): number {
  const current = zoom === "fit" ? fitScale(container) : zoom;
  const next = direction > 0 ? ZOOMS.find((z) => z > current + 1e-3) : [...ZOOMS].reverse().find((z) => z < current - 1e-3);
  return next ?? (direction > 0 ? ZOOMS[ZOOMS.length - 1] : ZOOMS[0]);
}

/**
 * Zoomed diagrams: the SVG is sized to its viewBox times the zoom, the panel scrolls, a drag pans
 * it, and Ctrl + wheel zooms.
 */
function usePanZoom(view: React.RefObject<HTMLDivElement | null>, zoom: "fit" | number, setZoom: (z: "fit" | number) => void, svg: string) {
  useEffect(() => {
    const el = view.current;
    const image = el?.querySelector("svg");
    if (!el || !image) return;
    const natural = naturalWidth(el);
    // Zooming keeps the point at the panel's centre where it is (from "fit": the diagram's centre).
    const wasZoomed = image.style.width !== "";
    const centre = (scroll: number, client: number, size: number) => (wasZoomed && size > 0 ? (scroll + client / 2) / size : 0.5);
    const cx = centre(el.scrollLeft, el.clientWidth, el.scrollWidth);
    const cy = centre(el.scrollTop, el.clientHeight, el.scrollHeight);
    if (zoom === "fit" || !natural) {
      // The panel's width (CSS, so it follows the panel as it resizes), at most MAX_FIT times the
      // diagram's own size; Mermaid's own inline max-width (its natural width) would keep it small.
      image.style.width = "";
      image.style.maxWidth = natural ? `${natural * MAX_FIT}px` : "";
      return;
    }
    image.style.width = `${natural * zoom}px`;
    image.style.maxWidth = "none";
    el.scrollTo({ left: cx * el.scrollWidth - el.clientWidth / 2, top: cy * el.scrollHeight - el.clientHeight / 2 });
  }, [view, zoom, svg]);

  useEffect(() => {
    const el = view.current;
    if (!el) return;
    let drag: { x: number; y: number; left: number; top: number } | null = null;
    const down = (e: PointerEvent) => {
      if (e.button !== 0 || (el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)) return;
      drag = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop };
      el.setPointerCapture(e.pointerId);
      el.classList.add("panning");
    };
    const move = (e: PointerEvent) => {
      if (!drag) return;
      el.scrollLeft = drag.left - (e.clientX - drag.x);
      el.scrollTop = drag.top - (e.clientY - drag.y);
    };
    const up = () => {
      drag = null;
      el.classList.remove("panning");
    };
    const wheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      setZoom(stepZoom(zoomOf(el), el, e.deltaY < 0 ? 1 : -1));
    };
    el.addEventListener("pointerdown", down);
    el.addEventListener("pointermove", move);
    el.addEventListener("pointerup", up);
    el.addEventListener("pointercancel", up);
    el.addEventListener("wheel", wheel, { passive: false });
    return () => {
      el.removeEventListener("pointerdown", down);
      el.removeEventListener("pointermove", move);
      el.removeEventListener("pointerup", up);
      el.removeEventListener("pointercancel", up);
      el.removeEventListener("wheel", wheel);
    };
  }, [view, setZoom]);
}

/** The zoom the SVG is shown at now ("fit" when it has no explicit width). */
function zoomOf(el: HTMLElement): "fit" | number {
  const natural = naturalWidth(el);
  const width = el.querySelector("svg")?.style.width;
  return natural && width ? parseFloat(width) / natural : "fit";
}
