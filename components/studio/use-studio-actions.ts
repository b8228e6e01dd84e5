"use client";

import { useReactFlow } from "@xyflow/react";
import { createContext, useContext, useEffect, useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { withShortcut } from "@/lib/actions/keys";
import { getAction, handleClipboardEvent, handleKeyDown, runAction } from "@/lib/actions/registry";
import type { Action, ActionContext, ActionInput, StudioUi } from "@/lib/actions/types";
import { setThemeChoice, THEME_CHOICES, themeChoice } from "@/lib/client/theme";
import { FIT_VIEW } from "./canvas";
import { tidyLayout } from "@/lib/design/layout";
import { useStudio, useStudioStore } from "./studio-context";
import { useTargetFrame } from "./use-target-region";

/** True when keyboard focus is in a field, where canvas shortcuts must not fire. */
export function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}


/** What the shell opens itself (dialogs, the autosave); the rest of the UI is built here. */
export interface ShellUi {
  openHelp: () => void;
  openShare?: () => void;
  openPalette: () => void;
  saveNow?: () => void;
  openCloudRegions?: () => void;
}

/**
 * The studio's action context (the store and the UI callbacks actions may call), and the keyboard
 * and clipboard listeners that dispatch to the registry. Call once, in the shell.
 */
export function useStudioActions(shell: ShellUi): ActionContext {
  const store = useStudioStore();
  const { fitView } = useReactFlow();
  const targetFrame = useTargetFrame();
  const { openHelp, openShare, openPalette, saveNow, openCloudRegions } = shell;

  const ctx = useMemo<ActionContext>(() => {
    const ui: StudioUi = {
      // After the edit that asked for it has reached the canvas.
      fitView: () => requestAnimationFrame(() => void fitView({ ...FIT_VIEW, duration: 200 })),
      openHelp,
      openShare,
      openPalette,
      saveNow,
      openCloudRegions,
      targetFrame,
      writeClipboard: (text) => navigator.clipboard.writeText(text),
      readClipboard: () => navigator.clipboard.readText(),
      cycleTheme: () => setThemeChoice(THEME_CHOICES[(THEME_CHOICES.indexOf(themeChoice()) + 1) % THEME_CHOICES.length]),
      exportDocuments: async () => {
        const [{ exportZip }, { download, fileStem }] = await Promise.all([import("@/lib/client/export-zip"), import("@/lib/client/mermaid-adapter")]);
        const design = store.getState().design;
        download(`${fileStem(design.name)}-architecture.zip`, new Blob([exportZip(design) as BlobPart], { type: "application/zip" }));
      },
      downloadJson: async () => {
        const [{ serializeDesign }, { download, fileStem }] = await Promise.all([import("@/lib/design/serialize"), import("@/lib/client/mermaid-adapter")]);
        const design = store.getState().design;
        download(`${fileStem(design.name)}.json`, serializeDesign(design), "application/json");
      },
      // Regions in order on one baseline, zones in order, nodes in a grid; one undo step restores the old layout.
      tidyLayout: () => void store.getState().edit((d) => ({ ...d, layout: tidyLayout(d) })),
    };
    return { store, ui };
  }, [store, fitView, targetFrame, openHelp, openShare, openPalette, saveNow, openCloudRegions]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const inDialog = !!target?.closest?.("dialog, [role='dialog'], [role='menu']");
      const outcome = handleKeyDown(ctx, event, { typing: typingIn(target), inDialog });
      if (outcome.blur) target?.blur();
      if (outcome.preventDefault) event.preventDefault();
    };
    // Copy, cut and paste of nodes go through the system clipboard (the copy/paste events need no
    // permission), so nodes move between tabs and designs; in fields the browser's own apply.
    const onClipboard = (kind: "copy" | "cut" | "paste") => (event: ClipboardEvent) => {
      if (typingIn(event.target) || !event.clipboardData) return;
      const data = event.clipboardData;
      const handled = handleClipboardEvent(ctx, kind, kind === "paste" ? { text: data.getData("text/plain") } : { setText: (text) => data.setData("text/plain", text) });
      if (handled) event.preventDefault();
    };
    const copy = onClipboard("copy");
    const cut = onClipboard("cut");
    const paste = onClipboard("paste");
    window.addEventListener("keydown", onKey);
    document.addEventListener("copy", copy);
    document.addEventListener("cut", cut);
    document.addEventListener("paste", paste);
    return () => {
      window.removeEventListener("keydown", onKey);
      document.removeEventListener("copy", copy);
      document.removeEventListener("cut", cut);
      document.removeEventListener("paste", paste);
    };
  }, [ctx]);

  return ctx;
}

export const ActionsContext = createContext<ActionContext | null>(null);

export function useActionContext(): ActionContext {
  const ctx = useContext(ActionsContext);
  if (!ctx) throw new Error("useActionContext must be used inside the studio shell");
  return ctx;
}

/** An action for a button: its label, tooltip (with the shortcut), enabled state (live) and a run. */
export function useAction(id: string): { action: Action; label: string; title: string; enabled: boolean; run: (input?: ActionInput) => boolean } {
  const ctx = useActionContext();
  const action = getAction(id);
  const enabled = useStudio((s) => (action.enabled ? action.enabled(s, ctx) : true));
  return {
    action,
    label: action.label,
    title: withShortcut(action.label, action.shortcuts),
    enabled,
    run: (input) => runAction(ctx, action, input),
  };
}

/** Whether each of `actions` is enabled now, re-rendering when that changes (menus, the palette). */
export function useEnabledIds(actions: readonly Action[]): ReadonlySet<string> {
  const ctx = useActionContext();
  const ids = useStudio(useShallow((s) => actions.filter((a) => (a.enabled ? a.enabled(s, ctx) : true)).map((a) => a.id)));
  return useMemo(() => new Set(ids), [ids]);
}
