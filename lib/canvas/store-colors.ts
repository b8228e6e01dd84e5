/** One colour per store (by its position in the design), used on nodes, edges and lists. */
const COLORS = ["#e8590c", "#7048e8", "#0c8599", "#d6336c", "#2f9e44", "#f08c00", "#1971c2", "#9c36b5"];

export function storeColor(index: number): string {
  return COLORS[index % COLORS.length];
}
