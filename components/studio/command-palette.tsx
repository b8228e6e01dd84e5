"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { formatShortcut } from "@/lib/actions/keys";
import { ACTIONS, runAction } from "@/lib/actions/registry";
import { searchActions } from "@/lib/actions/search";
import { GROUP_LABEL, type Action } from "@/lib/actions/types";
import { useActionContext, useEnabledIds } from "./use-studio-actions";
import "./actions.css";

const CANDIDATES: readonly Action[] = ACTIONS.filter((a) => !a.hideInPalette);

/**
 * Ctrl/⌘ K: every action by name. A modal dialog with a combobox over a listbox (the input keeps
 * focus; the active option is aria-activedescendant). Enter runs the active action, Esc closes and
 * gives focus back to where it was; disabled actions are listed, greyed, and do not run.
 */
export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ctx = useActionContext();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const enabled = useEnabledIds(CANDIDATES);
  // Enabled matches first (in match order), then the disabled ones, greyed.
  const results = useMemo(() => {
    const found = searchActions(CANDIDATES, query);
    return [...found.filter((a) => enabled.has(a.id)), ...found.filter((a) => !enabled.has(a.id))];
  }, [query, enabled]);
  const activeAction = results[Math.min(active, results.length - 1)];
  const optionId = (a: Action) => `${listId}-${a.id}`;

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
    if (activeAction) document.getElementById(optionId(activeAction))?.scrollIntoView({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId is derived from listId
  }, [activeAction, listId]);

  /** Closes and gives focus back (the native dialog's close fires onClose). */
  function close() {
    if (dialog.current?.open) dialog.current.close();
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected) back.focus();
  }

  function run(action: Action | undefined) {
    if (!action || !enabled.has(action.id)) return;
    close();
    runAction(ctx, action);
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
      run(activeAction);
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
        aria-label="Search commands"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeAction ? optionId(activeAction) : undefined}
        placeholder="Type a command…"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Commands" className="command-list">
        {results.map((action, i) => {
          const on = enabled.has(action.id);
          return (
            <li
              key={action.id}
              id={optionId(action)}
              role="option"
              aria-selected={action === activeAction}
              aria-disabled={on ? undefined : true}
              data-action={action.id}
              className={`command-option${action === activeAction ? " active" : ""}${on ? "" : " disabled"}`}
              onMouseDown={(event) => event.preventDefault()} // the input keeps focus
              onMouseMove={() => setActive(i)}
              onClick={() => run(action)}
            >
              <span className="command-label">{action.label}</span>
              <span className="command-group">{GROUP_LABEL[action.group]}</span>
              {action.shortcuts?.length ? <kbd className="kbd">{formatShortcut(action.shortcuts[0])}</kbd> : null}
            </li>
          );
        })}
      </ul>
      {results.length === 0 && <p className="command-empty">No command matches “{query}”.</p>}
      <p className="command-hint" aria-live="polite">
        {results.length} command{results.length === 1 ? "" : "s"} · ↑↓ to choose · Enter to run · Esc to close
      </p>
    </dialog>
  );
}
