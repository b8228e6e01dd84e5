/**
 * The studio's state: one zustand store per open studio (created by StudioProvider, never at
 * module level: Next renders on the server too). Design edits go through the pure commands of
 * lib/design; canvas-only state (drag positions, selection, measurements) lives in `flowNodes`;
 * the analysis and the simulation are derived from the design by lib/analysis, never edited.
 */
import { applyNodeChanges, type NodeChange } from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";
import { withTVisibility, type Analysis } from "../analysis/index";
import { simulate, type Scenario, type Simulation } from "../analysis/simulate";
import { DesignCommandError, sameSemantics } from "../design/commands";
import type { Design } from "../design/schema";
import type { TVisibilityRunner } from "../client/t-visibility";
import type { CommentView } from "../review/comments";
import type { CommentTarget } from "../review/targets";
import { buildFlowNodes, type FlowNode } from "../canvas/flow";

export type SaveStatus = "saved" | "dirty" | "saving" | "error" | "conflict";
export interface SaveState {
  status: SaveStatus;
  message?: string;
  /** When the next automatic retry happens (epoch ms), after an error. */
  retryAt?: number;
  /** The server's version when a save was refused as stale. */
  serverVersion?: number;
  /** After a 409: the version saved elsewhere, when it could be fetched (the banner offers to take it). */
  theirs?: { version: number; document: Design };
  /** After a 409 whose merge conflicts: each conflicting field, by element name (lib/design/merge.ts). */
  conflicts?: string[];
}

/** What the inspector shows besides canvas elements (stores and operations are not drawn as nodes). */
export type Focus = { type: "store"; id: string } | { type: "operation"; id: string } | null;
export type BottomTab = "operations" | "analysis" | "diagram" | "comments" | "history";
export type Mode = "design" | "simulate";

/**
 * Computes an analysis; the studio passes one that uses a Web Worker for large designs. A promise
 * may reject with `AnalysisSuperseded` when a newer design was sent before it started.
 */
export type Analyzer = (design: Design) => Analysis | Promise<Analysis>;

/** An analysis not run because a newer design replaced it in the queue (not an error). */
export class AnalysisSuperseded extends Error {
  constructor() {
    super("superseded by a newer design");
    this.name = "AnalysisSuperseded";
  }
}

const reportFailure = (error: unknown) => {
  if (!(error instanceof AnalysisSuperseded)) console.error("analysis failed", error);
};

/** PBS t-visibility (a Monte Carlo in a worker) of the shown analysis: the reads still computing, and the worker's time. */
export interface PbsState {
  pending: readonly string[];
  /** Milliseconds the worker spent on the figures merged last; null when they all came from the cache. */
  computeMs: number | null;
}

/** Who is looking: the owner editing, a reviewer through a link, or the owner previewing a version. */
export type Viewer =
  /** `open`: the operator started the studio with QUORUM_OPEN=1 (no owner key; the top bar warns). */
  | { kind: "owner"; open?: boolean }
  | { kind: "reviewer"; token: string; pinned: { version: number; label: string | null } | null; expiresAt: string | null }
  | { kind: "preview"; version: number; label: string | null; createdAt: string };

/**
 * A live session (docs/adr/0007-live-sessions.md): the shared document is the truth, saving is
 * continuous, and undo is the session's own (it undoes only this person's edits).
 */
export interface LiveInfo {
  /** connecting: waiting for the server's hello; live: in sync; offline: edits are kept locally and sent on reconnect; refused: the server refused an edit (reload). */
  status: "connecting" | "live" | "offline" | "refused";
  /** Local edits not yet acknowledged by the server. */
  pending: number;
  message?: string;
  /** This connection's id (peers are keyed by theirs). */
  conn?: string;
  canUndo: boolean;
  canRedo: boolean;
}

/** Undo and redo of a live session (Y.UndoManager: only this person's edits). */
export interface HistoryDriver {
  /** Called before each edit; `continues`: the edit extends the current undo step (typing, one gesture). */
  mark: (continues: boolean) => void;
  undo: () => void;
  redo: () => void;
}

/** Someone else in the session (their presence, as the server relays it). */
export interface PeerView {
  conn: string;
  role: "editor" | "reviewer";
  name: string;
  color: string;
  cursor: { x: number; y: number } | null;
  selection: string[];
  viewport: { x: number; y: number; zoom: number } | null;
  /** When this presence was last heard (ms since epoch): stale ones are dropped. */
  at: number;
}

export interface StudioState {
  /** Empty for a reviewer: the design's id is the owner's capability and never reaches them. */
  designId: string;
  viewer: Viewer;
  /** Reviewers and previews cannot edit: every design command is refused. */
  readOnly: boolean;
  design: Design;
  /** The server version the current design is based on (sent with the next save). */
  baseVersion: number;
  /** The document of `baseVersion` as saved (or loaded): the base of the three-way merge after a 409. */
  savedDesign: Design;
  save: SaveState;
  flowNodes: FlowNode[];
  /** A frame highlighted as the drop target while dragging. */
  dropTarget: string | null;
  toast: { id: number; text: string } | null;
  focus: Focus;
  tab: BottomTab;
  /** Undo/redo stacks of whole designs (cheap: designs are immutable and share structure). */
  past: Design[];
  future: Design[];
  /** The analysis of `analyzed` (the latest design whose semantics changed), null until the first one. */
  analysis: Analysis | null;
  analyzed: Design | null;
  /** Milliseconds from the last semantic edit to the analysis being in the store. */
  analysisMs: number | null;
  /** t-visibility arrives after the analysis (merged into `analysis` as it does). */
  pbs: PbsState;
  mode: Mode;
  scenario: Scenario;
  simulation: Simulation | null;
  comments: CommentView[];
  /** Open threads per pinned element (`kind:id`), for the canvas markers. */
  openThreads: Record<string, number>;
  /** What the comment form is about to pin to (set by "Comment" on an element). */
  commentTarget: CommentTarget | null;
  /** The History tab asks for the name of a checkpoint ("Save version…", docs/adr/0003). */
  namingVersion: boolean;
  /** The live session, when there is one (editors and reviewers of the latest version). */
  live: LiveInfo | null;
  /** The others in the session, by connection. */
  peers: Record<string, PeerView>;
  /** Whose viewport this studio follows (a peer's connection), if anyone's. */
  following: string | null;
  /** Set by the live session: undo and redo go through it instead of `past`/`future`. */
  history: HistoryDriver | null;

  /** Applies a design command. Returns false (and shows why) when the command refuses. */
  /**
   * Applies a command as one undo step. `coalesce`: edits with the same key within a moment make
   * one step (a number typed digit by digit). `gesture`: edits with the same gesture id make one
   * step however long it takes (one focus of a text field: typing "XYZ" is one undo).
   */
  edit: (command: (design: Design) => Design, options?: { select?: string[]; focus?: Focus; coalesce?: string; gesture?: string }) => boolean;
  undo: () => void;
  redo: () => void;
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  select: (flowIds: string[]) => void;
  setFocus: (focus: Focus, tab?: BottomTab) => void;
  setTab: (tab: BottomTab) => void;
  /** Rebuilds the canvas from the design (e.g. to snap back a refused drop). */
  resetFlow: () => void;
  setDropTarget: (flowId: string | null) => void;
  showToast: (text: string) => void;
  /** `saved`: the document that `baseVersion` now holds (after a successful save). */
  setSave: (save: SaveState, baseVersion?: number, saved?: Design) => void;
  /**
   * Continues from a version saved elsewhere (after a 409): `design` (the merge) becomes the
   * design, based on `saved`, to be saved next; `undo` are pushed on the undo stack (the other side).
   */
  rebase: (design: Design, saved: { version: number; document: Design }, undo: Design[]) => void;
  setMode: (mode: Mode) => void;
  setScenario: (update: (scenario: Scenario) => Scenario) => void;
  setComments: (comments: CommentView[]) => void;
  /** Opens the Comments tab with the form pinned to `target` (null: the design as a whole). */
  commentOn: (target: CommentTarget | null) => void;
  /** Opens (or closes) the History tab's "name this version" field. */
  setNamingVersion: (on: boolean) => void;
  /** Takes a version saved elsewhere (a restore) as the current design; undo goes back. */
  loadSaved: (design: Design, version: number) => void;
  /**
   * The live session's document changed by someone else's edit (or this person's undo): show it,
   * without an undo step of its own. `notes`: what the merge repair changed, said once.
   */
  applyRemote: (design: Design, notes?: readonly string[]) => void;
  setLive: (live: LiveInfo | null, history?: HistoryDriver | null) => void;
  setPeers: (update: (peers: Record<string, PeerView>) => Record<string, PeerView>) => void;
  follow: (conn: string | null) => void;
}

export interface StudioInit {
  designId: string;
  design: Design;
  version: number;
  viewer?: Viewer;
}

export type StudioStore = StoreApi<StudioState>;

const HISTORY_LIMIT = 200;
const NO_PBS: PbsState = { pending: [], computeMs: null };
/** Edits with the same coalesce key within this window make one undo step (typing a name). */
const COALESCE_MS = 1200;

/**
 * @param analyzer computes the analysis (the studio's uses a Web Worker for large designs)
 * @param tVisibility runs PBS t-visibility after each analysis (the studio's runs it in a Web
 *   Worker); what it delivers is merged into the analysis of the same design.
 */
export function createStudioStore(init: StudioInit, analyzer?: Analyzer, tVisibility?: TVisibilityRunner): StudioStore {
  let lastCoalesce: { key: string; at: number } | null = null;
  let analysisSeq = 0;

  /** The analysis of `design` with the t-visibility known at once, and the rest on its way. */
  function withPbs(analysis: Analysis, design: Design): Pick<StudioState, "analysis" | "pbs"> {
    if (!tVisibility) return { analysis, pbs: NO_PBS };
    const { known, pending } = tVisibility(design, (byOperation, stillPending, computeMs) => {
      const { analysis: shown, analyzed } = store.getState();
      if (!shown || analyzed !== design) return;
      store.setState({ analysis: withTVisibility(shown, design, byOperation), pbs: { pending: stillPending, computeMs } });
    });
    return { analysis: Object.keys(known).length ? withTVisibility(analysis, design, known) : analysis, pbs: pending.length ? { pending, computeMs: null } : NO_PBS };
  }

  const store = createStore<StudioState>()((set, get) => {
    /** Re-analyses when what the analysis reads changed; layout-only edits keep the old result. */
    function reanalyze(design: Design) {
      const { analyzed, mode } = get();
      if (mode === "simulate") set({ simulation: simulate(design, get().scenario) });
      // The analysis never reads the design's name: renaming the design keeps the result as it is.
      if (!analyzer || (analyzed && (analyzed.name === design.name ? sameSemantics(analyzed, design) : sameSemantics({ ...analyzed, name: design.name }, design)))) return;
      const seq = ++analysisSeq;
      const started = performance.now();
      const result = analyzer(design);
      const apply = (analysis: Analysis) => {
        if (seq === analysisSeq) set({ ...withPbs(analysis, design), analyzed: design, analysisMs: performance.now() - started });
      };
      if (result instanceof Promise) result.then(apply, reportFailure);
      else apply(result);
    }

    function replaceDesign(next: Design, extra: Partial<StudioState> = {}) {
      const { flowNodes, save, design, live } = get();
      // Flow nodes show regions, zones and nodes where the layout puts them: an edit of anything else keeps them.
      const sameCanvas = next.regions === design.regions && next.nodes === design.nodes && next.layout === design.layout;
      // In a live session saving is the session's business (live.pending), not the autosave's.
      const saveState = live || save.status === "conflict" ? save : { status: "dirty" as const };
      set({ design: next, flowNodes: sameCanvas ? flowNodes : buildFlowNodes(next, flowNodes), save: saveState, ...extra });
      reanalyze(next);
    }

    const viewer: Viewer = init.viewer ?? { kind: "owner" };
    return {
      designId: init.designId,
      viewer,
      readOnly: viewer.kind !== "owner",
      design: init.design,
      baseVersion: init.version,
      savedDesign: init.design,
      save: { status: "saved" },
      flowNodes: buildFlowNodes(init.design),
      dropTarget: null,
      toast: null,
      focus: null,
      tab: "operations",
      past: [],
      future: [],
      analysis: null,
      analyzed: null,
      analysisMs: null,
      pbs: NO_PBS,
      mode: "design",
      scenario: {},
      simulation: null,
      comments: [],
      openThreads: {},
      commentTarget: null,
      namingVersion: false,
      live: null,
      peers: {},
      following: null,
      history: null,

      edit(command, options) {
        const { design, readOnly } = get();
        if (readOnly) {
          get().showToast("This is a read-only view: nothing here can be changed");
          return false;
        }
        let next: Design;
        try {
          next = command(design);
        } catch (error) {
          if (error instanceof DesignCommandError) {
            get().showToast(error.message);
            return false;
          }
          throw error;
        }
        if (next === design) return true;
        const now = Date.now();
        const key = options?.gesture !== undefined ? `gesture:${options.gesture}` : options?.coalesce;
        const coalesce = key !== undefined && lastCoalesce?.key === key && (options?.gesture !== undefined || now - lastCoalesce.at < COALESCE_MS);
        lastCoalesce = key !== undefined ? { key, at: now } : null;
        const { history } = get();
        if (history) {
          history.mark(coalesce);
          replaceDesign(next);
        } else {
          const past = coalesce ? get().past : [...get().past, design].slice(-HISTORY_LIMIT);
          replaceDesign(next, { past, future: [] });
        }
        if (options?.focus !== undefined) get().setFocus(options.focus);
        if (options?.select) get().select(options.select);
        return true;
      },

      undo() {
        const { past, design, future, history } = get();
        if (get().readOnly) return;
        if (history) {
          lastCoalesce = null;
          history.undo();
          return;
        }
        if (past.length === 0) return;
        lastCoalesce = null;
        replaceDesign(past[past.length - 1], { past: past.slice(0, -1), future: [design, ...future] });
      },

      redo() {
        const { past, design, future, history } = get();
        if (get().readOnly) return;
        if (history) {
          lastCoalesce = null;
          history.redo();
          return;
        }
        if (future.length === 0) return;
        lastCoalesce = null;
        replaceDesign(future[0], { past: [...past, design], future: future.slice(1) });
      },

      onNodesChange(changes) {
        // Removal goes through `edit(deleteElements…)` so that it cascades; ignore React Flow's own.
        const kept = changes.filter((c) => c.type !== "remove");
        if (kept.length === 0) return;
        const selecting = kept.some((c) => c.type === "select" && c.selected);
        set({ flowNodes: applyNodeChanges(kept, get().flowNodes), ...(selecting ? { focus: null } : {}) });
      },

      select(flowIds) {
        const wanted = new Set(flowIds);
        set({
          flowNodes: get().flowNodes.map((n) => (!!n.selected === wanted.has(n.id) ? n : ({ ...n, selected: wanted.has(n.id) } as FlowNode))),
          ...(flowIds.length ? { focus: null } : {}),
        });
      },

      setFocus(focus, tab) {
        set({
          focus,
          ...(tab ? { tab } : {}),
          flowNodes: focus ? get().flowNodes.map((n) => (n.selected ? ({ ...n, selected: false } as FlowNode) : n)) : get().flowNodes,
        });
      },

      setTab(tab) {
        set({ tab });
      },

      resetFlow() {
        set({ flowNodes: buildFlowNodes(get().design, get().flowNodes) });
      },

      setDropTarget(flowId) {
        if (get().dropTarget === flowId) return;
        set({
          dropTarget: flowId,
          flowNodes: get().flowNodes.map((n) => {
            const className = n.id === flowId ? "drop-target" : undefined;
            return n.className === className ? n : ({ ...n, className } as FlowNode);
          }),
        });
      },

      showToast(text) {
        set({ toast: { id: Date.now(), text } });
      },

      setSave(save, baseVersion, saved) {
        set({ save, ...(baseVersion === undefined ? {} : { baseVersion }), ...(saved === undefined ? {} : { savedDesign: saved }) });
      },

      rebase(next, saved, undo) {
        const { past } = get();
        lastCoalesce = null;
        set({
          design: next,
          baseVersion: saved.version,
          savedDesign: saved.document,
          save: { status: "dirty" },
          flowNodes: buildFlowNodes(next, get().flowNodes),
          past: [...past, ...undo].slice(-HISTORY_LIMIT),
          future: [],
        });
        reanalyze(next);
      },

      setMode(mode) {
        set({ mode, scenario: {}, simulation: mode === "simulate" ? simulate(get().design, {}) : null });
      },

      setScenario(update) {
        const scenario = update(get().scenario);
        set({ scenario, simulation: simulate(get().design, scenario) });
      },

      setComments(comments) {
        const openThreads: Record<string, number> = {};
        for (const c of comments) {
          if (c.parentId === null && c.target && c.resolvedAt === null) {
            const key = `${c.target.kind}:${c.target.id}`;
            openThreads[key] = (openThreads[key] ?? 0) + 1;
          }
        }
        set({ comments, openThreads });
      },

      setNamingVersion(on) {
        set(on ? { namingVersion: true, tab: "history" } : { namingVersion: false });
      },

      commentOn(target) {
        set({ commentTarget: target, tab: "comments" });
      },

      applyRemote(next, notes) {
        if (next === get().design) return;
        replaceDesign(next);
        if (notes?.length) get().showToast(notes.join(" "));
      },

      setLive(live, history) {
        set({ live, ...(history !== undefined ? { history } : {}), ...(live ? {} : { peers: {}, following: null }) });
      },

      setPeers(update) {
        const peers = update(get().peers);
        const following = get().following;
        set({ peers, ...(following && !peers[following] ? { following: null } : {}) });
      },

      follow(conn) {
        set({ following: conn });
      },

      loadSaved(next, version) {
        const { design, past } = get();
        lastCoalesce = null;
        set({ design: next, baseVersion: version, savedDesign: next, save: { status: "saved" }, flowNodes: buildFlowNodes(next, get().flowNodes), past: [...past, design].slice(-HISTORY_LIMIT), future: [] });
        reanalyze(next);
      },
    };
  });
  // The first analysis, right away (synchronously for small designs).
  if (analyzer) {
    const started = performance.now();
    const first = analyzer(init.design);
    const apply = (analysis: Analysis) => {
      if (store.getState().analyzed === null) store.setState({ ...withPbs(analysis, init.design), analyzed: init.design, analysisMs: performance.now() - started });
    };
    if (first instanceof Promise) first.then(apply, reportFailure);
    else apply(first);
  }
  return store;
}
