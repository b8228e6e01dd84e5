"use client";

import { useEffect, useRef } from "react";
import { formatShortcut } from "@/lib/actions/keys";
import { ACTIONS } from "@/lib/actions/registry";
import { GROUP_LABEL, type Action, type ActionGroup } from "@/lib/actions/types";
import { TIPS } from "./shortcuts";
import "./actions.css";

/** The actions that have keys, by group, in registry order. */
const GROUPS: { group: ActionGroup; actions: Action[] }[] = (Object.keys(GROUP_LABEL) as ActionGroup[])
  .map((group) => ({ group, actions: ACTIONS.filter((a) => a.group === group && a.shortcuts?.length) }))
  .filter((g) => g.actions.length > 0);

function Keys({ keys }: { keys: readonly string[] }) {
  return keys.map((k, i) => (
    <span key={k}>
      {i > 0 && " or "}
      <kbd className="kbd">{k}</kbd>
    </span>
  ));
}

/** The keyboard shortcuts, from the action registry, in a modal dialog (Esc closes; focus stays inside). */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="help-dialog" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        {GROUPS.map(({ group, actions }) => (
          <tbody key={group}>
            <tr>
              <th colSpan={2} scope="colgroup">
                {GROUP_LABEL[group]}
              </th>
            </tr>
            {actions.map((a) => (
              <tr key={a.id} data-action={a.id}>
                <td>
                  <Keys keys={a.helpKeys ?? (a.shortcuts ?? []).map(formatShortcut)} />
                </td>
                <td>{a.helpText ?? a.label}</td>
              </tr>
            ))}
          </tbody>
        ))}
        <tbody>
          <tr>
            <th colSpan={2} scope="colgroup">
              In fields and on the canvas
            </th>
          </tr>
          {TIPS.map((s) => (
            <tr key={s.action}>
              <td>
                <Keys keys={s.keys} />
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Shortcuts never fire while you type in a field (except Ctrl/⌘ K and Ctrl/⌘ S). Every command is also in the command palette (Ctrl/⌘ K).</p>
      <form method="dialog">
        <button className="btn primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
