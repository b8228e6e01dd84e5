/**
 * The command palette's filter: every word of the query must be found in the action's label or
 * keywords (as a substring, or failing that as letters in order within one word of the label,
 * "dup sel" → "Duplicate the selected nodes"). Better matches first: the label's start, then a
 * word's start, then anywhere, then keywords, then loose letters; ties keep registry order.
 */
import type { Action } from "./types";

function wordScore(word: string, label: string, keywords: string): number {
  if (label.startsWith(word)) return 0;
  if (new RegExp(`(^|[^a-z0-9])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).test(label)) return 1;
  if (label.includes(word)) return 2;
  if (keywords.includes(word)) return 3;
  // Letters in order inside one label word ("dpl" in "duplicate").
  for (const w of label.split(/[^a-z0-9]+/)) {
    let i = 0;
    for (const ch of w) if (ch === word[i]) i++;
    if (i === word.length && w[0] === word[0]) return 4;
  }
  return -1;
}

/** The actions matching `query`, best first (all of them, in order, for an empty query). */
export function searchActions<A extends Action>(actions: readonly A[], query: string): A[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...actions];
  const scored: { action: A; score: number; index: number }[] = [];
  actions.forEach((action, index) => {
    const label = action.label.toLowerCase();
    const keywords = (action.keywords ?? []).join(" ").toLowerCase() + " " + action.id.replace(/-/g, " ");
    let score = 0;
    for (const word of words) {
      const s = wordScore(word, label, keywords);
      if (s < 0) return;
      score += s;
    }
    scored.push({ action, score, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.action);
}
