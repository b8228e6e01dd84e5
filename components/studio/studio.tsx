"use client";

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { ApiError, saveDesign } from "@/lib/client/api";
import { deleteElements } from "@/lib/design/commands";
import { startAutosave, type SaveFailure } from "@/lib/store/autosave";
import { selectionOf } from "@/lib/store/selection";
import type { StudioInit } from "@/lib/store/studio-store";
import { Canvas } from "./canvas";
import { EmptyCanvasGuide } from "./empty-canvas-guide";
import { Inspector } from "./inspector";
import { Palette } from "./palette";
import { StudioProvider, useStudio, useStudioStore } from "./studio-context";
import { TopBar } from "./top-bar";

export function Studio({ init }: { init: StudioInit }) {
  return (
    <StudioProvider init={init}>
      <ReactFlowProvider>
        <StudioShell />
      </ReactFlowProvider>
    </StudioProvider>
  );
}

/** True when keyboard focus is in a field, where canvas shortcuts must not fire. */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

function StudioShell() {
  const store = useStudioStore();
  const { fitView } = useReactFlow();
  const autosave = useRef<ReturnType<typeof startAutosave> | null>(null);

  useEffect(() => {
    const saver = startAutosave(store, async (id, baseVersion, design) => {
      try {
        return await saveDesign(id, baseVersion, design);
      } catch (error) {
        const failure: SaveFailure =
          error instanceof ApiError
            ? { status: error.status, message: error.message, details: error.details }
            : { message: "Could not reach the server" };
        throw failure;
      }
    });
    autosave.current = saver;
    const warn = (event: BeforeUnloadEvent) => {
      if (store.getState().save.status !== "saved") event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      saver.stop();
      window.removeEventListener("beforeunload", warn);
    };
  }, [store]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingIn(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      const state = store.getState();
      if (event.key === "Delete" || event.key === "Backspace") {
        const selection = selectionOf(state.flowNodes);
        if (!selection.nodes?.length && !selection.regions?.length && !selection.zones?.length) return;
        event.preventDefault();
        state.edit((d) => deleteElements(d, selection), { select: [] });
      } else if (event.key === "Escape") {
        state.select([]);
      } else if (event.key === "f" || event.key === "F" || (event.key === "!" && event.shiftKey)) {
        void fitView({ padding: 0.15, maxZoom: 1.1, duration: 200 });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, fitView]);

  return (
    <div className="studio">
      <TopBar onSaveNow={() => void autosave.current?.flush()} />
      <Palette />
      <main className="canvas-wrap">
        <ConflictBanner />
        <EmptyCanvasGuide />
        <Canvas />
        <Toast />
      </main>
      <Inspector />
    </div>
  );
}

function ConflictBanner() {
  const save = useStudio((s) => s.save);
  if (save.status !== "conflict") return null;
  return (
    <div className="banner" role="alert">
      <div style={{ flex: 1 }}>
        <strong>This design was changed in another tab or by someone else</strong>
        {save.serverVersion !== undefined && <> (now at version {save.serverVersion})</>}. Your latest edits here are not saved. Reload to
        continue from the saved version.
      </div>
      <button className="btn primary" onClick={() => window.location.reload()}>
        Reload
      </button>
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
