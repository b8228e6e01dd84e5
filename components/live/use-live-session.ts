"use client";

import { createContext, useContext, useEffect, useState } from "react";
import type { LiveSession } from "@/lib/client/live";
import { myIdentity } from "./my-identity";
import type { StudioStore } from "@/lib/store/studio-store";

/** The live session of the open studio (null until it loaded, and in previews and pinned reviews). */
export const LiveSessionContext = createContext<LiveSession | null>(null);

export function useLiveSession(): LiveSession | null {
  return useContext(LiveSessionContext);
}

/**
 * Starts the live session once the studio is on screen: the owner edits live, a reviewer of the
 * latest version watches live. The session's code (Yjs, IndexedDB) loads here, after the canvas.
 */
export function useStartLiveSession(store: StudioStore): LiveSession | null {
  const [session, setSession] = useState<LiveSession | null>(null);
  useEffect(() => {
    const { viewer, designId } = store.getState();
    const endpoint =
      viewer.kind === "owner" && designId
        ? `/api/designs/${encodeURIComponent(designId)}/live`
        : viewer.kind === "reviewer" && !viewer.pinned
          ? `/api/review/${encodeURIComponent(viewer.token)}/live`
          : null;
    if (!endpoint || typeof EventSource === "undefined") return;
    let live: LiveSession | null = null;
    let cancelled = false;
    // The session's code loads once the page is idle after its load: the canvas comes first. Edits
    // made meanwhile are merged onto the shared state when it arrives (lib/client/live.ts).
    let started = false;
    const begin = () => {
      if (started) return;
      started = true;
      void import("@/lib/client/live").then(({ startLive }) => {
        if (cancelled) return;
        live = startLive({
          store,
          endpoint,
          role: viewer.kind === "owner" ? "editor" : "reviewer",
          offlineKey: viewer.kind === "owner" ? designId : undefined,
          me: myIdentity().identity,
        });
        setSession(live);
      });
    };
    let idle: number | undefined;
    const whenIdle = () => {
      idle = window.setTimeout(() => (typeof requestIdleCallback === "function" ? requestIdleCallback(begin, { timeout: 1500 }) : begin()), 2000);
    };
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
    // An edit before then starts the session at once (it is what saves the edit).
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.design === prev.design || started) return;
      clearTimeout(idle);
      window.removeEventListener("load", whenIdle);
      begin();
    });
    // Leaving sends what is still queued (the offline copy keeps it either way).
    const leave = () => void live?.flush(true);
    window.addEventListener("pagehide", leave);
    // Edits not yet acknowledged: the browser asks before leaving (they stay on this device anyway).
    const warn = (event: BeforeUnloadEvent) => {
      if (store.getState().live?.pending) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      cancelled = true;
      unsubscribe();
      clearTimeout(idle);
      window.removeEventListener("load", whenIdle);
      window.removeEventListener("pagehide", leave);
      window.removeEventListener("beforeunload", warn);
      leave();
      live?.stop();
      setSession(null);
    };
  }, [store]);
  return session;
}
