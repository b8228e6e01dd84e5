"use client";

import { useReactFlow, type Node as FlowElement } from "@xyflow/react";
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { formatShortcut } from "@/lib/actions/keys";
import { getAction, runAction } from "@/lib/actions/registry";
import type { Action, ActionInput } from "@/lib/actions/types";
import type { Point } from "@/lib/design/schema";
import { parseFlowId, type ElementRef } from "@/lib/canvas/flow";
import { useStudioStore } from "./studio-context";
import { useActionContext, useEnabledIds } from "./use-studio-actions";
import "./actions.css";

type Kind = ElementRef["type"] | "pane";

/** The menu's sections per place: ids of registry actions (a heading names a section). */
const SECTIONS: Record<Kind, { heading?: string; ids: string[] }[]> = {
  node: [{ ids: ["copy", "cut", "duplicate", "delete-selected"] }, { ids: ["make-store", "select-all"] }, { ids: ["fit-view", "toggle-simulate"] }],
  zone: [
    { heading: "Add here", ids: ["add-node-database", "add-node-cache", "add-node-lock", "add-node-broker", "add-node-service", "add-node-load-balancer"] },
    { ids: ["paste", "delete-selected"] },
    { ids: ["fit-view"] },
  ],
  region: [
    { heading: "Add here", ids: ["add-node-database", "add-node-cache", "add-node-lock", "add-node-broker", "add-node-service", "add-node-load-balancer", "add-zone"] },
    { ids: ["paste", "delete-selected"] },
    { ids: ["fit-view"] },
  ],
  pane: [{ heading: "Add here", ids: ["add-region", "add-region-3-zones"] }, { ids: ["paste", "select-all", "undo", "redo"] }, { ids: ["fit-view", "toggle-simulate", "command-palette"] }],
};

/** "Add a database" under "Add here" reads "Database"; "Add a region" reads "Region". */
function itemLabel(action: Action, heading: string | undefined): string {
  if (!heading) return action.label;
  const short = action.label.replace(/^Add an? /, "");
  return short.charAt(0).toUpperCase() + short.slice(1);
}

interface Open {
  kind: Kind;
  target: ElementRef | null;
  /** Where it was opened: on screen, and on the canvas (flow coordinates). */
  x: number;
  y: number;
  at: Point;
  returnTo: HTMLElement | null;
}

/**
 * The canvas's context menu (right-click, or Shift F10 / the Menu key on a focused element): the
 * registry's actions that fit the place — a node's copy/duplicate/delete, a frame's "add here",
 * the pane's "add a region here". A role=menu; arrows move, Enter runs, Esc closes and gives focus
 * back. Returns the handlers to spread on <ReactFlow> and the menu to render.
 */
export function useCanvasContextMenu(): {
  handlers: {
    onNodeContextMenu: (event: React.MouseEvent, node: FlowElement) => void;
    onPaneContextMenu: (event: React.MouseEvent | MouseEvent) => void;
    onSelectionContextMenu: (event: React.MouseEvent, nodes: FlowElement[]) => void;
  };
  menu: ReactNode;
} {
  const store = useStudioStore();
  const { screenToFlowPosition } = useReactFlow();
  const [open, setOpen] = useState<Open | null>(null);

  const show = useCallback(
    (event: React.MouseEvent | MouseEvent, kind: Kind, target: ElementRef | null) => {
      event.preventDefault();
      let { clientX: x, clientY: y } = event;
      const el = event.currentTarget instanceof HTMLElement ? event.currentTarget : null;
      // From the keyboard (Shift F10, Menu key) there is no pointer: open at the element's corner.
      if (event.button !== 2 && el) {
        const r = el.getBoundingClientRect();
        x = r.left + Math.min(24, r.width / 2);
        y = r.top + Math.min(24, r.height / 2);
      }
      setOpen({ kind, target, x, y, at: screenToFlowPosition({ x, y }), returnTo: document.activeElement instanceof HTMLElement ? document.activeElement : null });
    },
    [screenToFlowPosition],
  );

  const handlers = useMemo(
    () => ({
      onNodeContextMenu: (event: React.MouseEvent, node: FlowElement) => {
        const ref = parseFlowId(node.id);
        if (!ref) return;
        // Right-click selects what it is on, unless it is part of the selection already.
        if (!node.selected) store.getState().select([node.id]);
        show(event, ref.type, ref);
      },
      onPaneContextMenu: (event: React.MouseEvent | MouseEvent) => show(event, "pane", null),
      onSelectionContextMenu: (event: React.MouseEvent) => show(event, "node", null),
    }),
    [show, store],
  );

  const close = useCallback((refocus: boolean) => {
    setOpen((current) => {
      if (refocus && current?.returnTo?.isConnected) current.returnTo.focus();
      return null;
    });
  }, []);

  const menu = open ? createPortal(<ContextMenu open={open} onClose={close} />, document.body) : null;
  return { handlers, menu };
}

function ContextMenu({ open, onClose }: { open: Open; onClose: (refocus: boolean) => void }) {
  const ctx = useActionContext();
  const ref = useRef<HTMLDivElement>(null);
  const sections = useMemo(() => SECTIONS[open.kind].map((s) => ({ ...s, actions: s.ids.map(getAction) })), [open.kind]);
  const all = useMemo(() => sections.flatMap((s) => s.actions), [sections]);
  const enabled = useEnabledIds(all);
  const [position, setPosition] = useState({ left: open.x, top: open.y });
  const input: ActionInput = { target: open.target, ...(open.kind === "node" ? {} : { at: open.at }) };

  // Kept on screen; the first enabled item takes focus.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPosition({ left: Math.max(4, Math.min(open.x, window.innerWidth - r.width - 4)), top: Math.max(4, Math.min(open.y, window.innerHeight - r.height - 4)) });
    (el.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? el.querySelector<HTMLElement>('[role="menuitem"]'))?.focus();
  }, [open]);

  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node | null)) onClose(false);
    };
    const away = () => onClose(false);
    document.addEventListener("pointerdown", outside, true);
    window.addEventListener("resize", away);
    window.addEventListener("blur", away);
    document.addEventListener("wheel", away, { capture: true, passive: true });
    return () => {
      document.removeEventListener("pointerdown", outside, true);
      window.removeEventListener("resize", away);
      window.removeEventListener("blur", away);
      document.removeEventListener("wheel", away, { capture: true });
    };
  }, [onClose]);

  function run(action: Action) {
    if (!enabled.has(action.id)) return;
    // The menu's own command palette opens from where focus was before the menu.
    onClose(true);
    runAction(ctx, action, input);
  }

  function onKeyDown(event: React.KeyboardEvent) {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    event.stopPropagation(); // the studio's shortcuts wait until the menu is closed
    if (event.key === "ArrowDown") move(i + 1);
    else if (event.key === "ArrowUp") move(i - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(items.length - 1);
    else if (event.key === "Escape") onClose(true);
    else if (event.key === "Tab") onClose(true);
    else if (event.key.length === 1 && /\S/.test(event.key)) {
      // Type-ahead: the next item starting with the letter.
      const letter = event.key.toLowerCase();
      const order = [...items.slice(i + 1), ...items.slice(0, i + 1)];
      order.find((el) => el.textContent?.trim().toLowerCase().startsWith(letter))?.focus();
    } else return;
    event.preventDefault();
  }

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={open.kind === "pane" ? "Canvas" : open.kind === "node" ? "Node" : open.kind === "zone" ? "Zone" : "Region"}
      className="context-menu"
      style={position}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {sections.map((section, s) => (
        <Fragment key={s}>
          {s > 0 && <div role="separator" />}
          <div role="group" aria-label={section.heading}>
            {section.heading && (
              <div className="menu-heading" aria-hidden="true">
                {section.heading}
              </div>
            )}
            {section.actions.map((action) => {
              const on = enabled.has(action.id);
              return (
                <button key={action.id} type="button" role="menuitem" tabIndex={-1} data-action={action.id} aria-disabled={on ? undefined : true} onClick={() => run(action)}>
                  <span className="menu-label">{itemLabel(action, section.heading)}</span>
                  {action.shortcuts?.length ? <kbd className="kbd">{formatShortcut(action.shortcuts[0])}</kbd> : null}
                </button>
              );
            })}
          </div>
        </Fragment>
      ))}
    </div>
  );
}
