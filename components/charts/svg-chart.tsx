"use client";

/**
 * Shows a chart built by lib/charts (SVG text with every name escaped there) inline, so the page's
 * theme styles it (.qc-* classes in globals.css) and it scales with its box.
 */
export function SvgChart({ svg, className, testId }: { svg: string; className?: string; testId?: string }) {
  return <div className={`svg-chart${className ? ` ${className}` : ""}`} data-testid={testId} dangerouslySetInnerHTML={{ __html: svg }} />;
}
