/**
 * The command palette's filter: every word of the query must be found in the action's label or
 * keywords (as a substring, or failing that as letters in order within one word of the label,
 * "dup sel" → "Duplicate the selected nodes"). Better matches first: the label's start, then a
 * word's start, then anywhere, then keywords, then loose letters; ties keep registry order.
 */
import type { Action } from "./types";

/** How well one query word matches (lower is better; -1: not at all). Both texts in lower case. */
export function wordScore(word: string, label: string, keywords: string): number {
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

/** The query's words, lower case. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The sum of the words' scores, or -1 when one of them is not found. */
export function matchScore(words: readonly string[], label: string, keywords: string): number {
  let score = 0;
  for (const word of words) {
    const s = wordScore(word, label, keywords);
    if (s < 0) return -1;
    score += s;
  }
  return score;
}

/** The actions matching `query`, best first (all of them, in order, for an empty query). */
export function searchActions<A extends Action>(actions: readonly A[], query: string): A[] {
  return scoreActions(actions, query).map((s) => s.action);
}

/** `searchActions` with each match's score (lower is better), for ranking commands against elements. */
export function scoreActions<A extends Action>(actions: readonly A[], query: string): { action: A; score: number }[] {
  const words = queryWords(query);
  if (words.length === 0) return actions.map((action) => ({ action, score: 0 }));
  const scored: { action: A; score: number; index: number }[] = [];
  actions.forEach((action, index) => {
    const label = action.label.toLowerCase();
    const keywords = (action.keywords ?? []).join(" ").toLowerCase() + " " + action.id.replace(/-/g, " ");
    const score = matchScore(words, label, keywords);
    if (score >= 0) scored.push({ action, score, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map(({ action, score }) => ({ action, score: score / words.length }));
}
