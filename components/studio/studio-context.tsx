"use client";

import { createContext, useContext, useState } from "react";
import { useStore } from "zustand";
import { studioAnalyzer } from "@/lib/client/analyzer";
import { createTVisibilityRunner } from "@/lib/client/t-visibility";
import { createStudioStore, type StudioInit, type StudioState, type StudioStore } from "@/lib/store/studio-store";

const StudioContext = createContext<StudioStore | null>(null);

/** Creates the studio's store once per mounted studio. */
export function StudioProvider({ init, children }: { init: StudioInit; children: React.ReactNode }) {
  // PBS t-visibility runs in its own Web Worker after each analysis, so typing never waits for it.
  const [store] = useState(() => createStudioStore(init, studioAnalyzer, createTVisibilityRunner()));
  return <StudioContext.Provider value={store}>{children}</StudioContext.Provider>;
}

export function useStudioStore(): StudioStore {
  const store = useContext(StudioContext);
  if (!store) throw new Error("useStudio must be used inside <StudioProvider>");
  return store;
}

export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(useStudioStore(), selector);
}
