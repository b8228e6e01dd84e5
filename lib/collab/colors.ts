/** The colours offered to collaborators (readable on both themes). Apart from protocol.ts so the studio's first bundle need not carry the wire schemas. */
export const PRESENCE_COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#e377c2", "#ff7f0e", "#17becf", "#8c564b"] as const;
