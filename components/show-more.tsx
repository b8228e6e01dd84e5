"use client";

import { useState } from "react";

/** The first `first` items, and a "Show N more" button for the rest (long lists stay quick). */
export function useShowMore<T>(items: readonly T[], first: number): { shown: readonly T[]; more: React.ReactNode } {
  const [all, setAll] = useState(false);
  const hidden = all ? 0 : items.length - first;
  return {
    shown: hidden > 0 ? items.slice(0, first) : items,
    more:
      hidden > 0 ? (
        <button type="button" className="btn small show-more" onClick={() => setAll(true)}>
          Show {hidden} more
        </button>
      ) : null,
  };
}
