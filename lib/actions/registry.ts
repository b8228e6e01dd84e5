/**
 * The registry: every studio action in one list, and the ways to use it — run one by id, ask
 * whether it is enabled, turn a keydown into an action, run the clipboard events. The keyboard
 * handler, the top bar, the context menu, the command palette and the help dialog all read it.
 *
 * @example
 * const ctx = { store, ui: { fitView } };
 * handleKeyDown(ctx, { key: "z", ctrlKey: true }, { typing: false, inDialog: false }); // undo
 * runAction(ctx, "duplicate");
 */
import { readClipboard } from "../design/clipboard";
import { addCloudRegion, addNodeActions, addRegionOnly, addRegionWithZones, addZoneAction, makeStoreAction } from "./add";
import { copy, cut, paste } from "./clipboard";
import { deleteSelected } from "./delete-selected";
import { downloadJson, exportDocuments, saveNow, saveVersion, share, tidyLayout } from "./design";
import { duplicate } from "./duplicate";
import { redo, undo } from "./history";
import { matchesShortcut, parseShortcut, type KeyLike, type ParsedShortcut } from "./keys";
import { nudge } from "./nudge";
import { panelActions } from "./panels";
import { clearSelection, selectAll } from "./selection";
import type { Action, ActionContext, ActionInput } from "./types";
import { commandPalette, cycleTheme, fitView, help, toggleSimulate } from "./view";

/** Every action, in the order menus, the palette and the help list them. */
export const ACTIONS: readonly Action[] = [
  undo,
  redo,
  copy,
  cut,
  paste,
  duplicate,
  deleteSelected,
  nudge,
  selectAll,
  clearSelection,
  addRegionOnly,
  addRegionWithZones,
  addCloudRegion,
  addZoneAction,
  ...addNodeActions,
  makeStoreAction,
  fitView,
  toggleSimulate,
  cycleTheme,
  ...panelActions,
  saveNow,
  saveVersion,
  share,
  exportDocuments,
  downloadJson,
  tidyLayout,
  commandPalette,
  help,
];

const BY_ID = new Map(ACTIONS.map((a) => [a.id, a]));
const PARSED: [Action, ParsedShortcut][] = ACTIONS.flatMap((a) => (a.shortcuts ?? []).map((s) => [a, parseShortcut(s)] as [Action, ParsedShortcut]));

export function getAction(id: string): Action {
  const action = BY_ID.get(id);
  if (!action) throw new Error(`no action "${id}"`);
  return action;
}

export function isEnabled(ctx: ActionContext, action: Action | string): boolean {
  const a = typeof action === "string" ? getAction(action) : action;
  return a.enabled ? a.enabled(ctx.store.getState(), ctx) : true;
}

/** Runs an action if it is enabled; false if it is not. An async action's failure is shown as a toast. */
export function runAction(ctx: ActionContext, action: Action | string, input: ActionInput = {}): boolean {
  return runActionAsync(ctx, action, input).ran;
}

/** As runAction, with the promise of an async action's end (tests, awaiting a paste). */
export function runActionAsync(ctx: ActionContext, action: Action | string, input: ActionInput = {}): { ran: boolean; done: Promise<void> } {
  const a = typeof action === "string" ? getAction(action) : action;
  if (!isEnabled(ctx, a)) return { ran: false, done: Promise.resolve() };
  const result = a.perform(ctx, input);
  const done =
    result instanceof Promise
      ? result.catch((error: unknown) => {
        console.error(`action ${a.id} failed`, error);
          ctx.store.getState().showToast(`${a.label}: failed`);
        })
      : Promise.resolve();
  return { ran: true, done };
}

/** The action a keydown is a shortcut of (enabled or not). */
export function actionForKey(event: KeyLike): Action | undefined {
  return PARSED.find(([, s]) => matchesShortcut(event, s))?.[0];
}

/** Where the keydown happened: in a field (typing), inside a dialog. */
export interface KeyWhere {
  typing: boolean;
  inDialog: boolean;
}

export interface KeyOutcome {
  /** The action that ran, if any. */
  action?: Action;
  /** The browser's default for the key must not happen (it ran as a shortcut). */
  preventDefault: boolean;
  /** The field must lose focus (Esc in a studio field). */
  blur: boolean;
  /** A clipboard shortcut: the browser's copy/cut/paste event that follows runs the action. */
  clipboardEvent?: "copy" | "cut" | "paste";
}

const NOTHING: KeyOutcome = { preventDefault: false, blur: false };

/**
 * The studio's keydown handling. In a field, shortcuts stay silent (typing never edits the canvas)
 * except those marked `whileTyping`, and Esc leaves the field (outside dialogs, which handle their
 * own Esc). In a dialog nothing runs. Elsewhere an enabled action runs and the key's default is
 * prevented; a disabled one leaves the key to the browser.
 */
export function handleKeyDown(ctx: ActionContext, event: KeyLike, where: KeyWhere): KeyOutcome {
  if (where.typing && event.key === "Escape") return where.inDialog ? NOTHING : { preventDefault: false, blur: true };
  if (where.inDialog && !where.typing) return NOTHING;
  const action = actionForKey(event);
  if (!action || (where.typing && !action.whileTyping)) return NOTHING;
  if (action.clipboardEvent) return { ...NOTHING, clipboardEvent: action.clipboardEvent };
  const input: ActionInput = { key: event.key, shiftKey: !!event.shiftKey };
  if (!runAction(ctx, action, input)) return NOTHING;
  return { action, preventDefault: true, blur: false };
}

/**
 * A copy, cut or paste event outside a field: true when it was about nodes (the caller then
 * prevents the browser's default). Paste takes only Quorum Studio nodes; other text is left alone.
 */
export function handleClipboardEvent(ctx: ActionContext, kind: "copy" | "cut" | "paste", data: { text?: string; setText?: (text: string) => void }): boolean {
  const action = getAction(kind);
  if (kind === "paste") {
    if (data.text === undefined || !readClipboard(data.text)) return false;
    return runAction(ctx, action, { clipboardText: data.text });
  }
  if (!data.setText) return false;
  return runAction(ctx, action, { setClipboardText: data.setText });
}
