/**
 * Helpers shared by the action files: `register` (an identity that types an action, as
 * Excalidraw's register does) and the predicates most actions are enabled by.
 */
import type { StudioState } from "../store/studio-store";
import { selectionOf } from "../canvas/selection";
import type { Action } from "./types";

/** Declares an action (typed; the registry lists it). */
export function register<A extends Action>(action: A): A {
  return action;
}

/** The design can be edited now: the owner's view, outside the simulator. */
export function canEdit(state: StudioState): boolean {
  return !state.readOnly && state.mode !== "simulate";
}

/** Design ids of the selected nodes, in canvas order. */
export function selectedNodeIds(state: StudioState): string[] {
  return [...(selectionOf(state.flowNodes).nodes ?? [])];
}

/** Whether anything deletable (node, zone, region) is selected. */
export function hasSelection(state: StudioState): boolean {
  const s = selectionOf(state.flowNodes);
  return !!(s.nodes?.length || s.regions?.length || s.zones?.length);
}

/** "1 node", "3 nodes". */
export function nodesText(n: number): string {
  return `${n} node${n === 1 ? "" : "s"}`;
}
