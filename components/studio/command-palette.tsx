"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { ELEMENT_KIND_LABEL, elementsFirst, searchElements, type FoundElement } from "@/lib/actions/find-elements";
import { formatShortcut } from "@/lib/actions/keys";
import { ACTIONS, runAction } from "@/lib/actions/registry";
import { scoreActions } from "@/lib/actions/search";
import { GROUP_LABEL, type Action } from "@/lib/actions/types";
import { useStudio } from "./studio-context";
import { useFocusElement } from "./use-focus-element";
import { useActionContext, useEnabledIds } from "./use-studio-actions";
import "./actions.css";

const CANDIDATES: readonly Action[] = ACTIONS.filter((a) => !a.hideInPalette);

/** One line of the palette: a command to run or an element of the design to go to. */
type Item = { type: "command"; action: Action } | { type: "element"; element: FoundElement };
interface Group {
  id: "commands" | "elements";
  label: string;
  items: Item[];
}

const itemKey = (item: Item) => (item.type === "command" ? `cmd-${item.action.id}` : `el-${item.element.key}`);

/**
 * Ctrl/⌘ K: every action by name, and the design's elements (regions, zones, nodes, stores,
 * operations) by name or id, in two groups, the better match first (lib/actions/find-elements.ts).
 * A modal dialog with a combobox over a grouped listbox (the input keeps focus; the active option
 * is aria-activedescendant). Enter runs the active command or goes to the element: selected and
 * centred on the canvas, or shown in the inspector. Esc closes and gives focus back to where it
 * was; disabled actions are listed, greyed, and do not run.
 */
export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ctx = useActionContext();
  const focusElement = useFocusElement();
  // Read only while open: a closed palette does not re-render on every edit.
  const design = useStudio((s) => (open ? s.design : null));
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const enabled = useEnabledIds(CANDIDATES);
  const elements = useMemo(() => (design ? searchElements(design, query) : []), [design, query]);
  const groups = useMemo(() => {
    const found = scoreActions(CANDIDATES, query);
    // Enabled matches first (in match order), then the disabled ones, greyed.
    const commands = [...found.filter((f) => enabled.has(f.action.id)), ...found.filter((f) => !enabled.has(f.action.id))];
    const list: Group[] = [];
    if (commands.length) list.push({ id: "commands", label: "Commands", items: commands.map(({ action }) => ({ type: "command", action })) });
    if (elements.length) {
      const group: Group = { id: "elements", label: "Elements", items: elements.map((element) => ({ type: "element", element })) };
      if (elementsFirst(found[0]?.score, elements[0]?.score)) list.unshift(group);
      else list.push(group);
    }
    return list;
  }, [query, enabled, elements]);
  const results = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const activeItem = results[Math.min(active, results.length - 1)];
  const optionId = (item: Item) => `${listId}-${itemKey(item)}`;
  const commandCount = groups.find((g) => g.id === "commands")?.items.length ?? 0;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setQuery("");
      setActive(0);
      d.showModal();
      input.current?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    if (activeItem) document.getElementById(optionId(activeItem))?.scrollIntoView({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId is derived from listId
  }, [activeItem, listId]);

  /** Closes and gives focus back (the native dialog's close fires onClose). */
  function close() {
    if (dialog.current?.open) dialog.current.close();
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected) back.focus();
  }

  function run(item: Item | undefined) {
    if (!item) return;
    if (item.type === "element") {
      close();
      focusElement(item.element.target);
      return;
    }
    if (!enabled.has(item.action.id)) return;
    close();
    runAction(ctx, item.action);
  }

  function onKeyDown(event: React.KeyboardEvent) {
    const last = results.length - 1;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (last < 0) return;
      setActive((i) => (event.key === "ArrowDown" ? (Math.min(i, last) + 1) % (last + 1) : (Math.min(i, last) - 1 + last + 1) % (last + 1)));
    } else if (event.key === "Home" && results.length && !query) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === "End" && results.length && !query) {
      event.preventDefault();
      setActive(last);
    } else if (event.key === "PageDown" || event.key === "PageUp") {
      event.preventDefault();
      setActive((i) => Math.max(0, Math.min(last, i + (event.key === "PageDown" ? 8 : -8))));
    } else if (event.key === "Enter") {
      event.preventDefault();
      run(activeItem);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === "Tab") {
      // The input is the dialog's one stop: focus stays in it.
      event.preventDefault();
    } else if (event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  }

  let index = 0;
  return (
    <dialog
      ref={dialog}
      className="command-palette"
      aria-label="Command palette"
      aria-modal="true"
      onClose={() => {
        onClose();
        const back = returnTo.current;
        returnTo.current = null;
        if (back?.isConnected) back.focus();
      }}
      onClick={(event) => {
        if (event.target === dialog.current) close(); // the backdrop
      }}
    >
      <input
        ref={input}
        className="command-input"
        type="text"
        role="combobox"
        aria-label="Search commands and the design's elements"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeItem ? optionId(activeItem) : undefined}
        placeholder="Type a command, or a node, store or operation…"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div id={listId} role="listbox" aria-label="Commands and elements" className="command-list">
        {groups.map((group) => (
          // The grouped listbox of the ARIA authoring practices: a group labelled by its heading.
          <ul key={group.id} role="group" aria-labelledby={`${listId}-${group.id}`} className="command-group-list" data-group={group.id}>
            <li role="presentation" id={`${listId}-${group.id}`} className="command-heading">
              {group.label}
            </li>
            {group.items.map((item) => {
              const i = index++;
              const isActive = item === activeItem;
              const on = item.type === "element" || enabled.has(item.action.id);
              const common = {
                id: optionId(item),
                role: "option",
                "aria-selected": isActive,
                "aria-disabled": on ? undefined : true,
                className: `command-option${isActive ? " active" : ""}${on ? "" : " disabled"}`,
                onMouseDown: (event: React.MouseEvent) => event.preventDefault(), // the input keeps focus
                onMouseMove: () => setActive(i),
                onClick: () => run(item),
              } as const;
              if (item.type === "command") {
                const { action } = item;
                return (
                  <li key={itemKey(item)} {...common} data-action={action.id}>
                    <span className="command-label">{action.label}</span>
                    <span className="command-group">{GROUP_LABEL[action.group]}</span>
                    {action.shortcuts?.length ? <kbd className="kbd">{formatShortcut(action.shortcuts[0])}</kbd> : null}
                  </li>
                );
              }
              const { element } = item;
              return (
                <li key={itemKey(item)} {...common} data-element={element.key}>
                  <span className="command-label">
                    {element.label}
                    <span className="command-detail"> {element.detail}</span>
                  </span>
                  <span className="command-group">{ELEMENT_KIND_LABEL[element.kind]}</span>
                </li>
              );
            })}
          </ul>
        ))}
      </div>
      {results.length === 0 && <p className="command-empty">No command or element matches “{query}”.</p>}
      <p className="command-hint" aria-live="polite">
        {commandCount} command{commandCount === 1 ? "" : "s"}
        {query.trim() ? ` · ${elements.length} element${elements.length === 1 ? "" : "s"}` : ""} · ↑↓ to choose · Enter to run or go · Esc to close
      </p>
    </dialog>
  );
}
