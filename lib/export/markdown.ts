/** Markdown that renders user text as text (GitHub-flavoured: tables, HTML, emphasis, links). */

/** Inline text: Markdown and HTML syntax characters are backslash-escaped or entity-coded. */
export function md(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, "\\$1");
}

/** A table: header row, separator, one row per item (cells already escaped with md()). */
export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A fenced code block whose fence cannot be closed by the content. */
export function fence(lang: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${lang}\n${body.replace(/\n$/, "")}\n${ticks}`;
}
