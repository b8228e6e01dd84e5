/**
 * Making user text safe inside Mermaid source. Names are free text (quotes, brackets, `%%`,
 * `-->`, `<script>`, newlines, unicode); inside a quoted label every character that Mermaid's
 * grammar, its comment syntax or HTML could read as structure is written as a Mermaid entity
 * code (`#35;`), which Mermaid decodes back to the character when it renders the text.
 */

const SAFE = /[A-Za-z0-9 .,:_\-'/+=@()\u00a0-\uffff]/u;

/** A label for use inside double quotes: `"${label(name)}"`. Never contains a quote or newline. */
export function label(text: string): string {
  let out = "";
  for (const ch of text.replace(/\s+/g, " ").trim()) {
    // Parentheses are fine inside quotes; only the characters Mermaid or HTML give meaning to are coded.
    out += SAFE.test(ch) && ch !== "\u2028" && ch !== "\u2029" ? ch : `#${ch.codePointAt(0)};`;
  }
  return out || "#160;";
}


/** A Mermaid identifier derived from a design id, unique within `taken`. */
export function mermaidId(prefix: string, id: string, taken: Set<string>): string {
  const base = `${prefix}_${id.replace(/[^A-Za-z0-9]/g, "_")}`;
  let candidate = base;
  for (let k = 2; taken.has(candidate); k++) candidate = `${base}_${k}`;
  taken.add(candidate);
  return candidate;
}
