/**
 * The studio's state: one zustand store per open studio (created by StudioProvider, never at
 * module level: Next renders on the server too). Design edits go through the pure commands of
 * lib/design; canvas-only state (drag positions, selection, measurements) lives in `flowNodes`.
 */
import { applyNodeChanges, type NodeChange } from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";
import { DesignCommandError } from "../design/commands";
import type { Design } from "../design/schema";
import { buildFlowNodes, type FlowNode } from "./flow";

export type SaveStatus = "saved" | "dirty" | "saving" | "error" | "conflict";
export interface SaveState {
  status: SaveStatus;
  message?: string;
  /** When the next automatic retry happens (epoch ms), after an error. */
  retryAt?: number;
  /** The server's version when a save was refused as stale. */
  serverVersion?: number;
}

export interface StudioState {
  designId: string;
  design: Design;
  /** The server version the current design is based on (sent with the next save). */
  baseVersion: number;
  save: SaveState;
  flowNodes: FlowNode[];
  /** A frame highlighted as the drop target while dragging. */
  dropTarget: string | null;
  toast: { id: number; text: string } | null;

  /** Applies a design command. Returns false (and shows why) when the command refuses. */
  edit: (command: (design: Design) => Design, options?: { select?: string[] }) => boolean;
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  select: (flowIds: string[]) => void;
  /** Rebuilds the canvas from the design (e.g. to snap back a refused drop). */
  resetFlow: () => void;
  setDropTarget: (flowId: string | null) => void;
  showToast: (text: string) => void;
  setSave: (save: SaveState, baseVersion?: number) => void;
}

export interface StudioInit {
  designId: string;
  design: Design;
  version: number;
}

export type StudioStore = StoreApi<StudioState>;

export function createStudioStore(init: StudioInit): StudioStore {
  return createStore<StudioState>()((set, get) => ({
    designId: init.designId,
    design: init.design,
    baseVersion: init.version,
    save: { status: "saved" },
    flowNodes: buildFlowNodes(init.design),
    dropTarget: null,
    toast: null,

    edit(command, options) {
      const { design, flowNodes, save } = get();
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
      let nodes = buildFlowNodes(next, flowNodes);
      if (options?.select) {
        const wanted = new Set(options.select);
        nodes = nodes.map((n) => ({ ...n, selected: wanted.has(n.id) }) as FlowNode);
      }
      set({ design: next, flowNodes: nodes, save: save.status === "conflict" ? save : { status: "dirty" } });
      return true;
    },

    onNodesChange(changes) {
      // Removal goes through `edit(deleteElements…)` so that it cascades; ignore React Flow's own.
      const kept = changes.filter((c) => c.type !== "remove");
      if (kept.length) set({ flowNodes: applyNodeChanges(kept, get().flowNodes) });
    },

    select(flowIds) {
      const wanted = new Set(flowIds);
      set({ flowNodes: get().flowNodes.map((n) => (!!n.selected === wanted.has(n.id) ? n : ({ ...n, selected: wanted.has(n.id) } as FlowNode))) });
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

    setSave(save, baseVersion) {
      set(baseVersion === undefined ? { save } : { save, baseVersion });
    },
  }));
}
