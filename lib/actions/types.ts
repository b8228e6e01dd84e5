/**
 * The studio's actions: every command a user can give (keys, top bar, context menu, command
 * palette, help) is one `Action` in one registry (lib/actions/registry.ts), in the manner of
 * Excalidraw's actions. Actions run against a studio store plus a few UI callbacks the shell
 * injects, so they run the same in the browser and in a headless test (createTestStudio).
 */
import type { Point } from "../design/schema";
import type { ElementRef } from "../canvas/flow";
import type { StudioState, StudioStore } from "../store/studio-store";

/** What the shell lets actions do outside the store (all of it UI). Missing ones disable their actions. */
export interface StudioUi {
  fitView?: () => void;
  openHelp?: () => void;
  openShare?: () => void;
  openPalette?: () => void;
  /** Saves now (the autosave's flush). */
  saveNow?: () => void;
  /** Where a click-added node or zone goes when no point is given (the selected frame, or the one in view). */
  targetFrame?: () => { region: string; zone?: string } | undefined;
  /** System clipboard, for copy and paste run from the palette or a menu (keys use the clipboard events). */
  writeClipboard?: (text: string) => void | Promise<void>;
  readClipboard?: () => Promise<string>;
  /** Cycles the colour theme: system → light → dark. */
  cycleTheme?: () => void;
  /** Downloads the architecture documents (zip) and the design file. */
  exportDocuments?: () => void | Promise<void>;
  downloadJson?: () => void | Promise<void>;
  /** Lays the canvas out afresh (ELK). */
  tidyLayout?: () => void | Promise<void>;
  /** Opens the catalogue of public cloud regions (AWS, Google Cloud, Azure). */
  openCloudRegions?: () => void;
}

export interface ActionContext {
  store: StudioStore;
  ui: StudioUi;
}

/** Extra input for one run: what the key, menu or clipboard event knew. */
export interface ActionInput {
  /** The key that triggered it (arrows: which way to nudge). */
  key?: string;
  shiftKey?: boolean;
  /** A point on the canvas, in flow coordinates ("add here" from the context menu). */
  at?: Point;
  /** The element a context menu was opened on. */
  target?: ElementRef | null;
  /** Clipboard text of a paste event. */
  clipboardText?: string;
  /** Where a copy or cut event writes its text (the event's clipboardData). */
  setClipboardText?: (text: string) => void;
}

export type ActionGroup = "edit" | "selection" | "add" | "view" | "panels" | "design" | "help";

export const GROUP_LABEL: Record<ActionGroup, string> = {
  edit: "Edit",
  selection: "Selection",
  add: "Add",
  view: "View",
  panels: "Panels",
  design: "Design",
  help: "Help",
};

export interface Action {
  /** Stable id (tests, menus, data-action attributes). */
  id: string;
  /** What it does, as menus and the palette show it. */
  label: string;
  group: ActionGroup;
  /** Keyboard shortcuts, e.g. "Mod+Z", "Shift+Mod+Z", "Delete", "?" (see keys.ts). */
  shortcuts?: readonly string[];
  /** How the help dialog names the keys when listing every shortcut would be noise ("Arrow keys"). */
  helpKeys?: readonly string[];
  /** The help dialog's wording when it says more than the label. */
  helpText?: string;
  /** Words the command palette matches besides the label. */
  keywords?: readonly string[];
  /** Whether it can run now; reads only the state and the injected UI. Default: always. */
  enabled?: (state: StudioState, ctx: ActionContext) => boolean;
  /** Runs it (only when enabled). */
  perform: (ctx: ActionContext, input: ActionInput) => void | Promise<void>;
  /** Not offered in the command palette (e.g. nudge, escape: keys only). */
  hideInPalette?: boolean;
  /** Still fires while typing in a field (it does not touch the field: palette, save). */
  whileTyping?: boolean;
  /**
   * Its keys are the browser's clipboard shortcuts: the keydown is left alone and the copy, cut or
   * paste event that follows runs the action (with the event's clipboard data).
   */
  clipboardEvent?: "copy" | "cut" | "paste";
}
