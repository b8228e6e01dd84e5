/**
 * A studio without a browser, for tests (in the manner of tldraw's TestEditor): a real studio
 * store, the real action registry and key handling, and UI callbacks that record their calls.
 * The clipboard is a string the copy/cut/paste events read and write, as the browser's would.
 *
 * @example
 * const studio = createTestStudio({ design: raftLedger });
 * studio.select("ledger-1").keyDown("d", { mod: true });
 * expect(studio.design.nodes).toHaveLength(7);
 * studio.keyDown("z", { mod: true });
 */
import { analyze } from "../analysis/index";
import { emptyDesign } from "../design/commands";
import { resolveLayout } from "../design/layout";
import type { Design, DesignNode, Point } from "../design/schema";
import { flowId, parseFlowId } from "../canvas/flow";
import { createStudioStore, type StudioState, type StudioStore, type Viewer } from "../store/studio-store";
import type { KeyLike } from "./keys";
import { getAction, handleClipboardEvent, handleKeyDown, isEnabled, runActionAsync, type KeyOutcome, type KeyWhere } from "./registry";
import type { ActionContext, ActionInput, StudioUi } from "./types";

export interface KeyModifiers {
  /** Ctrl or ⌘. */
  mod?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** KeyboardEvent.code, when the test cares about the physical key ("Digit1"). */
  code?: string;
}

export interface TestStudioOptions {
  design?: Design;
  viewer?: Viewer;
  /** Runs the analysis engine on every semantic edit (off by default: faster). */
  analyze?: boolean;
  /** UI callbacks to use instead of the recording ones. */
  ui?: Partial<StudioUi>;
}

export interface TestStudio {
  store: StudioStore;
  ctx: ActionContext;
  readonly state: StudioState;
  readonly design: Design;
  /** Names of the UI callbacks called, in order ("fitView", "openHelp", …). */
  readonly calls: string[];
  /** The system clipboard's text. */
  clipboard: string;
  readonly toast: string | null;
  /** Presses a key outside any field (or where `where` says), as the studio's keydown handler sees it. */
  keyDown(key: string, modifiers?: KeyModifiers, where?: Partial<KeyWhere>): KeyOutcome;
  /** Runs an action by id, as a menu or the palette would; false if it is disabled. */
  run(id: string, input?: ActionInput): boolean;
  /** As run, awaiting an async action (a paste from the palette). */
  runAsync(id: string, input?: ActionInput): Promise<boolean>;
  isEnabled(id: string): boolean;
  /** Selects elements: node ids, or flow ids ("region:use1", "zone:use1/a"). Nothing: clears. */
  select(...ids: string[]): TestStudio;
  /** Node ids selected, in canvas order. */
  readonly selectedNodes: string[];
  node(id: string): DesignNode | undefined;
  /** A node's top-left inside its frame. */
  position(id: string): Point;
  undo(): TestStudio;
  redo(): TestStudio;
}

export function createTestStudio(options: TestStudioOptions = {}): TestStudio {
  const design = options.design ?? emptyDesign("Test design");
  const store = createStudioStore({ designId: "test", design, version: 1, viewer: options.viewer }, options.analyze ? analyze : undefined);
  const calls: string[] = [];
  let clipboard = "";
  const record = (name: string) => () => void calls.push(name);
  const ui: StudioUi = {
    fitView: record("fitView"),
    openHelp: record("openHelp"),
    openShare: record("openShare"),
    openPalette: record("openPalette"),
    saveNow: record("saveNow"),
    cycleTheme: record("cycleTheme"),
    exportDocuments: record("exportDocuments"),
    downloadJson: record("downloadJson"),
    tidyLayout: record("tidyLayout"),
    openCloudRegions: record("openCloudRegions"),
    writeClipboard: (text) => {
      calls.push("writeClipboard");
      clipboard = text;
    },
    readClipboard: async () => clipboard,
    ...options.ui,
  };
  const ctx: ActionContext = { store, ui };

  const studio: TestStudio = {
    store,
    ctx,
    get state() {
      return store.getState();
    },
    get design() {
      return store.getState().design;
    },
    calls,
    get clipboard() {
      return clipboard;
    },
    set clipboard(text: string) {
      clipboard = text;
    },
    get toast() {
      return store.getState().toast?.text ?? null;
    },
    keyDown(key, m = {}, where = {}) {
      const event: KeyLike = { key, code: m.code, ctrlKey: !!(m.mod || m.ctrl), metaKey: !!m.meta, shiftKey: !!m.shift, altKey: !!m.alt };
      const full: KeyWhere = { typing: false, inDialog: false, ...where };
      const outcome = handleKeyDown(ctx, event, full);
      // The browser follows a clipboard shortcut outside a field with its copy/cut/paste event.
      if (outcome.clipboardEvent && !full.typing) {
        const kind = outcome.clipboardEvent;
        const handled = handleClipboardEvent(ctx, kind, kind === "paste" ? { text: clipboard } : { setText: (text) => (clipboard = text) });
        return { ...outcome, preventDefault: handled, action: handled ? getAction(kind) : undefined };
      }
      return outcome;
    },
    run(id, input) {
      return runActionAsync(ctx, id, input).ran;
    },
    async runAsync(id, input) {
      const { ran, done } = runActionAsync(ctx, id, input);
      await done;
      return ran;
    },
    isEnabled(id) {
      return isEnabled(ctx, id);
    },
    select(...ids) {
      store.getState().select(ids.map((id) => (parseFlowId(id) ? id : flowId.node(id))));
      return studio;
    },
    get selectedNodes() {
      return store
        .getState()
        .flowNodes.filter((n) => n.selected)
        .map((n) => parseFlowId(n.id))
        .flatMap((ref) => (ref?.type === "node" ? [ref.id] : []));
    },
    node(id) {
      return store.getState().design.nodes?.find((n) => n.id === id);
    },
    position(id) {
      return resolveLayout(store.getState().design).nodes[id];
    },
    undo() {
      store.getState().undo();
      return studio;
    },
    redo() {
      store.getState().redo();
      return studio;
    },
  };
  return studio;
}
