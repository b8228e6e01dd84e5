"use client";

import { ReactFlowProvider } from "@xyflow/react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, deleteDesign, getDesign, reviewStatus, saveDesign } from "@/lib/client/api";
import { isUntouchedNewDesign } from "@/lib/design/commands";
import { startAutosave, type SaveFailure } from "@/lib/store/autosave";
import { resolveConflict } from "@/lib/store/rebase";
import type { StudioInit } from "@/lib/store/studio-store";
import { useCommentsEndpoint, useCommentsSync } from "@/components/comments/comments-panel";
import { BottomPanel } from "./bottom-panel";
import { Canvas } from "./canvas";
import { EmptyCanvasGuide } from "./empty-canvas-guide";
import { Inspector } from "./inspector";
import { Palette, StoresList } from "./palette";
import { SidePanel } from "./side-panel";
import { StudioProvider, useStudio, useStudioStore } from "./studio-context";
import { TopBar } from "./top-bar";
import { ActionsContext, useStudioActions } from "./use-studio-actions";
import { LiveSessionContext, useStartLiveSession } from "@/components/live/use-live-session";

/** Sharing and the simulator load on first use. */
const ShareDialog = dynamic(() => import("@/components/share/share-dialog").then((m) => m.ShareDialog), { ssr: false });
const SimulatorPanel = dynamic(() => import("./simulator-panel").then((m) => m.SimulatorPanel), { ssr: false });

/** The command palette and the help load on first use (Ctrl/⌘ K, ?), not with the studio. */
const CommandPalette = dynamic(() => import("./command-palette").then((m) => m.CommandPalette), { ssr: false });
const HelpDialog = dynamic(() => import("./help-dialog").then((m) => m.HelpDialog), { ssr: false });

/** The cloud-region catalogue (and its geography) loads when the dialog first opens, not with the studio. */
const CloudRegionDialog = dynamic(() => import("@/components/advisor/cloud-region-dialog").then((m) => m.CloudRegionDialog), { ssr: false });

export function Studio({ init }: { init: StudioInit }) {
  return (
    <StudioProvider init={init}>
      <ReactFlowProvider>
        <StudioShell />
      </ReactFlowProvider>
    </StudioProvider>
  );
}

/** Discards scheduled per design id; a remount (React's strict mode) cancels its own. */
const pendingDiscards = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * "New design", then leaving without drawing, listing or naming anything, leaves no empty
 * "Untitled design" behind: on the way out of the studio (a link, Back) the design is deleted
 * and the page it went to refreshes. Version 1 only: a design saved since is the user's.
 */
function useDiscardUntouchedNewDesign() {
  const store = useStudioStore();
  const router = useRouter();
  useEffect(() => {
    const id = store.getState().designId;
    clearTimeout(pendingDiscards.get(id));
    pendingDiscards.delete(id);
    return () => {
      const { readOnly, baseVersion, design } = store.getState();
      if (readOnly || !id || baseVersion !== 1 || !isUntouchedNewDesign(design)) return;
      pendingDiscards.set(
        id,
        setTimeout(() => {
          pendingDiscards.delete(id);
          deleteDesign(id).then(
            () => router.refresh(),
            () => undefined, // it stays: harmless
          );
        }, 0),
      );
    };
  }, [store, router]);
}

function StudioShell() {
  const store = useStudioStore();
  const autosave = useRef<ReturnType<typeof startAutosave> | null>(null);
  const readOnly = useStudio((s) => s.readOnly);
  useCommentsSync(useCommentsEndpoint());
  // The owner edits live (docs/adr/0007-live-sessions.md): the session saves every edit.
  const live = useStartLiveSession(store);
  const liveOn = useStudio((s) => s.live !== null);

  useEffect(() => {
    // Reviewers and previews never save; the owner's live session saves on its own (edits made
    // before it connects merge when it does). Autosave covers a browser without EventSource.
    if (store.getState().readOnly || liveOn || typeof EventSource !== "undefined") return;
    const saver = startAutosave(store, async (id, baseVersion, design, renames, newVersion) => {
      try {
        return await saveDesign(id, baseVersion, design, undefined, renames, newVersion);
      } catch (error) {
        const failure: SaveFailure =
          error instanceof ApiError
            ? { status: error.status, message: error.message, details: error.details }
            : { message: "Could not reach the server" };
        throw failure;
      }
    }, { fetchLatest: (id) => getDesign(id) });
    autosave.current = saver;
    const warn = (event: BeforeUnloadEvent) => {
      if (store.getState().save.status !== "saved") event.preventDefault();
    };
    // Leaving (reload, closing the tab, a link out of the studio) sends what is still waiting for the
    // debounce, so an edit made just before is not lost; the request outlives the page (keepalive).
    const leave = () => void saver.flush();
    window.addEventListener("beforeunload", warn);
    window.addEventListener("pagehide", leave);
    return () => {
      leave();
      saver.stop();
      autosave.current = null;
      window.removeEventListener("beforeunload", warn);
      window.removeEventListener("pagehide", leave);
    };
  }, [store, liveOn]);

  useDiscardUntouchedNewDesign();

  const [helpOpen, setHelpOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const mode = useStudio((s) => s.mode);

  const [paletteOpen, setPaletteOpen] = useState(false);
  // Once opened, the palette and the help stay mounted (closing returns focus where it was).
  const paletteUsed = useUsed(paletteOpen);
  const helpUsed = useUsed(helpOpen);
  const shareUsed = useUsed(shareOpen);
  const [cloudOpen, setCloudOpen] = useState(false);
  const openCloudRegions = useCallback(() => setCloudOpen(true), []);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const openShare = useCallback(() => setShareOpen(true), []);
  const openPalette = useCallback(() => setPaletteOpen(true), []);
  const saveNow = useCallback(() => void (live ? live.flush() : autosave.current?.flush()), [live]);
  // Keys, clipboard events, the top bar, the palette and the canvas menu all run the registry's actions.
  const actions = useStudioActions({
    openHelp,
    openShare: readOnly ? undefined : openShare,
    openPalette,
    saveNow: readOnly ? undefined : saveNow,
    openCloudRegions: readOnly ? undefined : openCloudRegions,
  });

  return (
    <LiveSessionContext.Provider value={live}>
    <ActionsContext.Provider value={actions}>
    <div className={`studio mode-${mode}${readOnly ? " read-only" : ""}`}>
      <TopBar />
      {readOnly ? <ReadOnlyAside /> : <Palette />}
      <main className="canvas-wrap">
        <ConflictBanner onKeepMine={() => void autosave.current?.flush()} />
        <NewerVersionBanner />
        <EmptyCanvasGuide />
        {mode === "simulate" && <div className="mode-banner">Simulator — click regions, zones or nodes to fail them · Esc to leave</div>}
        <Canvas />
        <Toast />
      </main>
      <SidePanel>{mode === "simulate" ? <SimulatorPanel /> : <Inspector />}</SidePanel>
      <BottomPanel />
      {(helpOpen || helpUsed) && <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />}
      {!readOnly && (shareOpen || shareUsed) && <ShareDialog open={shareOpen} onClose={() => setShareOpen(false)} />}
      {(paletteOpen || paletteUsed) && <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} />}
      {cloudOpen && (
        <CloudRegionDialog
          onClose={(added) => {
            setCloudOpen(false);
            // The new regions may lie outside the view: show the whole drawing.
            if (added > 0) actions.ui.fitView?.();
          }}
        />
      )}
    </div>
    </ActionsContext.Provider>
    </LiveSessionContext.Provider>
  );
}

/** True from the first time `open` is true. */
function useUsed(open: boolean): boolean {
  const [used, setUsed] = useState(open);
  if (open && !used) setUsed(true);
  return used || open;
}

/** In place of the palette in read-only views: what this view is, and the design's stores. */
function ReadOnlyAside() {
  const viewer = useStudio((s) => s.viewer);
  const version = useStudio((s) => s.baseVersion);
  return (
    <nav className="sidebar read-only-aside" aria-label="About this view">
      {viewer.kind === "reviewer" && (
        <>
          <h2>Review</h2>
          <p>
            A read-only copy{viewer.pinned ? <> of version {viewer.pinned.version}{viewer.pinned.label ? <> (“{viewer.pinned.label}”)</> : null}</> : <> of the latest saved version (v{version})</>}.
          </p>
          <p>Select an element and press “Comment” in the panel on the right, or use the Comments tab below. Simulate tries failures without changing anything.</p>
          {viewer.expiresAt && <p className="muted">This link expires {new Date(viewer.expiresAt).toLocaleString()}.</p>}
        </>
      )}
      {viewer.kind === "preview" && (
        <>
          <h2>Version {viewer.version}</h2>
          {viewer.label && <p>“{viewer.label}”</p>}
          <p className="muted">Saved {new Date(viewer.createdAt).toLocaleString()}. A read-only preview; restore it from the History tab of the studio.</p>
        </>
      )}
      <StoresList />
    </nav>
  );
}

/** Tells a reviewer when the owner has saved a newer version than the one on screen. */
function NewerVersionBanner() {
  const viewer = useStudio((s) => s.viewer);
  const live = useStudio((s) => s.live !== null);
  const shown = useStudio((s) => s.baseVersion);
  const [latest, setLatest] = useState<number | null>(null);
  useEffect(() => {
    if (viewer.kind !== "reviewer" || viewer.pinned) return;
    const check = () => {
      if (document.visibilityState === "visible") reviewStatus(viewer.token).then((s) => setLatest(s.version), () => {});
    };
    const timer = setInterval(check, 15_000);
    window.addEventListener("focus", check);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", check);
    };
  }, [viewer]);
  if (live || latest === null || latest <= shown) return null;
  return (
    <div className="banner info" role="status">
      <div style={{ flex: 1 }}>
        The owner saved a newer version (v{latest}); you are looking at v{shown}.
      </div>
      <button className="btn primary" onClick={() => window.location.reload()}>
        Show the latest
      </button>
    </div>
  );
}

/**
 * A save refused because the design changed elsewhere (409) whose merge conflicts (a clean merge
 * never shows this: lib/store/rebase.ts saves it at once). Nothing is thrown away: the banner lists
 * the conflicting fields by element name; "Keep mine" saves these values as the next version on
 * top of the other one, "Take theirs" takes the other one's values for them (both keep every other
 * edit of both sides, and undo gives the other side). When the other version could not be
 * fetched, "Keep mine" saves these edits on top of it and "Reload" takes it.
 */
function ConflictBanner({ onKeepMine }: { onKeepMine: () => void }) {
  const save = useStudio((s) => s.save);
  const store = useStudioStore();
  if (save.status !== "conflict") return null;
  const version = save.theirs?.version ?? save.serverVersion;
  const conflicts = save.conflicts ?? [];
  return (
    <div className="banner conflict-banner" role="alert">
      <div style={{ flex: 1 }}>
        <strong>This design was changed in another tab or by someone else</strong>
        {version !== undefined && <> (now at version {version})</>}.{" "}
        {save.theirs ? (
          <>
            Your edits here and theirs touch the same {conflicts.length === 1 ? "field" : "fields"}:
            <ul className="conflict-list" aria-label="Conflicting fields">
              {conflicts.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
            Everything else from both sides is kept either way; undo brings back the other side.
          </>
        ) : (
          <>Your latest edits here are not saved yet. Keep yours as the next version (the other one stays in History), or reload to continue from the other one.</>
        )}
      </div>
      {save.theirs ? (
        <>
          <button className="btn primary" onClick={() => resolveConflict(store, "mine")}>
            Keep mine (save as the next version)
          </button>
          <button className="btn" onClick={() => resolveConflict(store, "theirs")}>
            Take theirs
          </button>
        </>
      ) : (
        <>
          {version !== undefined && (
            <button
              className="btn primary"
              onClick={() => {
                store.getState().setSave({ status: "dirty" }, version);
                store.getState().showToast(`Saving your version on top of version ${version}; compare or restore either in History`);
                onKeepMine();
              }}
            >
              Keep mine
            </button>
          )}
          <button className="btn" onClick={() => window.location.reload()}>
            Reload
          </button>
        </>
      )}
    </div>
  );
}

function Toast() {
  const toast = useStudio((s) => s.toast);
  const store = useStudioStore();
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => {
      if (store.getState().toast?.id === toast.id) store.setState({ toast: null });
    }, 3500);
    return () => clearTimeout(timer);
  }, [toast, store]);
  if (!toast) return null;
  return (
    <div className="toast" role="status">
      {toast.text}
    </div>
  );
}
