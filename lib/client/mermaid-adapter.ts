/**
 * The one place that loads and runs Mermaid (browser only, imported lazily so it stays out of
 * the first bundle). Renders are queued: Mermaid keeps global state while it renders.
 */
import type { Mermaid } from "mermaid";

type MermaidApi = Mermaid;

let loading: Promise<MermaidApi> | null = null;
let queue: Promise<unknown> = Promise.resolve();
let counter = 0;

function load(): Promise<MermaidApi> {
  loading ??= import("mermaid").then((m) => m.default);
  return loading;
}

/**
 * SVG text for a diagram. `theme` follows the app; exports use "default" on white. HTML labels
 * (the default) decode every entity-coded character. `htmlLabels: false` gives pure-SVG text,
 * which a canvas can rasterise (the PNG download; a `<foreignObject>` would taint the canvas),
 * but there Mermaid leaves its entity codes half-decoded ("&\"" for `#34;`). So for pure SVG the
 * codes go to Mermaid as private-use characters it treats as plain text, and come back decoded.
 */
export function renderMermaid(text: string, theme: "default" | "dark", htmlLabels = true): Promise<string> {
  const run = async () => {
    const mermaid = await load();
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme,
      fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
      htmlLabels,
      flowchart: { curve: "basis" },
      sequence: { useMaxWidth: false },
    });
    const { svg } = await mermaid.render(`qs-mermaid-${++counter}`, htmlLabels ? text : hideEntityCodes(text));
    return htmlLabels ? svg : restoreEntityCodes(svg);
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

const OPEN = "\uE000";
const CLOSE = "\uE001";
const DIGIT0 = 0xe010;

/** `#60;` → private-use open, digits, close (lib/mermaid codes user text as `#<code point>;`). */
function hideEntityCodes(text: string): string {
  return text.replace(/#(\d{1,7});/g, (_, digits: string) => OPEN + [...digits].map((d) => String.fromCharCode(DIGIT0 + Number(d))).join("") + CLOSE);
}

/** The characters back, in the SVG's text nodes only (inserted as text, so `<` stays text). */
function restoreEntityCodes(svg: string): string {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_TEXT);
  const hidden = /\uE000([\uE010-\uE019]{1,7})\uE001/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? "";
    if (!text.includes(OPEN)) continue;
    node.nodeValue = text.replace(hidden, (code, digits: string) => {
      const point = Number([...digits].map((d) => d.charCodeAt(0) - DIGIT0).join(""));
      return point <= 0x10ffff ? String.fromCodePoint(point) : code;
    });
  }
  return new XMLSerializer().serializeToString(doc.documentElement);
}

/** PNG bytes of an SVG (white background), for the download. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  const viewBox = root.getAttribute("viewBox")?.split(/\s+/).map(Number);
  const width = viewBox?.[2] ?? Number.parseFloat(root.getAttribute("width") ?? "800");
  const height = viewBox?.[3] ?? Number.parseFloat(root.getAttribute("height") ?? "600");
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(root)], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("could not rasterise the diagram"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob or text as a file download. */
export function download(name: string, content: Blob | string, type = "text/plain;charset=utf-8") {
  const blob = typeof content === "string" ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from a design name. */
export function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "design";
}
