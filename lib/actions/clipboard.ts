/**
 * Copy, cut and paste of nodes through the system clipboard. From the keyboard they run from the
 * browser's copy/cut/paste events (which need no permission and carry the data); from the palette
 * or a menu they use the clipboard the shell injects.
 */
import { deleteElements } from "../design/commands";
import { copyNodes, pasteNodes, readClipboard } from "../design/clipboard";
import { flowId, parseFlowId } from "../canvas/flow";
import type { StudioState } from "../store/studio-store";
import { canEdit, nodesText, register, selectedNodeIds } from "./register";
import type { ActionContext, ActionInput } from "./types";

/**
 * Writes `text` to the event's clipboard (synchronously: clipboardData works only during the event)
 * or to the injected clipboard, then runs `then`.
 */
function writeText(ctx: ActionContext, input: ActionInput, text: string, then: () => void): void | Promise<void> {
  if (input.setClipboardText) {
    input.setClipboardText(text);
    then();
    return;
  }
  const write = ctx.ui.writeClipboard;
  if (!write) return;
  return Promise.resolve()
    .then(() => write(text))
    .then(then, () => ctx.store.getState().showToast("The clipboard could not be written (the browser refused): press Ctrl/⌘ C instead"));
}

export const copy = register({
  id: "copy",
  label: "Copy the selected nodes",
  group: "edit",
  shortcuts: ["Mod+C"],
  helpText: "Copy the selected nodes (also between tabs and designs)",
  clipboardEvent: "copy",
  enabled: (s) => selectedNodeIds(s).length > 0,
  perform: (ctx, input) => {
    const state = ctx.store.getState();
    const ids = selectedNodeIds(state);
    const text = copyNodes(state.design, ids);
    if (text) return writeText(ctx, input, text, () => ctx.store.getState().showToast(`Copied ${nodesText(ids.length)}`));
  },
});

export const cut = register({
  id: "cut",
  label: "Cut the selected nodes",
  group: "edit",
  shortcuts: ["Mod+X"],
  clipboardEvent: "cut",
  enabled: (s) => canEdit(s) && selectedNodeIds(s).length > 0,
  perform: (ctx, input) => {
    const state = ctx.store.getState();
    const ids = selectedNodeIds(state);
    const text = copyNodes(state.design, ids);
    if (text) return writeText(ctx, input, text, () => void ctx.store.getState().edit((d) => deleteElements(d, { nodes: ids }), { select: [] }));
  },
});

/** Where pasted nodes go: the frame the menu was opened on, else the selected zone or region. */
function pasteTarget(state: StudioState, input: ActionInput): { region: string; zone?: string } | undefined {
  const onFrame = input.target?.type === "zone" || input.target?.type === "region" ? input.target : undefined;
  const frame = onFrame ?? state.flowNodes.map((n) => (n.selected ? parseFlowId(n.id) : null)).find((r) => r?.type === "zone" || r?.type === "region");
  if (frame?.type === "zone") return { region: frame.region, zone: frame.zone };
  if (frame?.type === "region") return { region: frame.id };
  return undefined;
}

function pasteText(ctx: ActionContext, input: ActionInput, text: string): void {
  const nodes = readClipboard(text);
  const state = ctx.store.getState();
  if (!nodes) {
    state.showToast("The clipboard holds no Quorum Studio nodes");
    return;
  }
  let pasted: string[] = [];
  state.edit(
    (d) => {
      const result = pasteNodes(d, nodes, pasteTarget(state, input));
      pasted = result.ids;
      return result.design;
    },
    { select: [] },
  );
  if (pasted.length) ctx.store.getState().select(pasted.map(flowId.node));
}

export const paste = register({
  id: "paste",
  label: "Paste nodes",
  group: "edit",
  shortcuts: ["Mod+V"],
  helpText: "Paste nodes (into the selected region or zone, else their own)",
  clipboardEvent: "paste",
  enabled: (s) => canEdit(s),
  perform: (ctx, input) => {
    if (input.clipboardText !== undefined) return pasteText(ctx, input, input.clipboardText);
    const read = ctx.ui.readClipboard;
    if (!read) return;
    return read().then(
      (text) => pasteText(ctx, input, text),
      () => ctx.store.getState().showToast("The clipboard could not be read (the browser refused): press Ctrl/⌘ V instead"),
    );
  },
});
