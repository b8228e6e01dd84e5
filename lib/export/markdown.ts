/** Markdown that renders user text as text (GitHub-flavoured: tables, HTML, emphasis, links). */

/**
 * Inline text, escaped only where a character would change the rendering there (CommonMark and
 * GitHub's extensions), so the committed document still reads as plain text: "Global ledger
 * (3-region Raft)" and "99.9997 %" stay as they are, while `<script>`, `**bold**`, `[a](b)`,
 * table pipes, code spans and line-start markers (`# `, `- `, `1. `, `> `) are kept as text.
 * Whitespace runs (newlines included) become one space, so text never leaves its line or cell.
 */
export function md(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const inline = flat
    .replace(/[\\`*[\]|~<$]/g, "\\$&") // escapes, code, emphasis, links, table cells, strikethrough, HTML/autolinks, math
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace("_", "\\_")) // _ only where it can open or close emphasis
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;"); // &lt; stays the four characters, not "<"
  // Markers that only count at the start of a line: headings, quotes, lists, setext underlines.
  return inline.replace(/^([#>+=-])/, "\\$1").replace(/^(\d+)([.)])(?= |$)/, "$1\\$2");
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
