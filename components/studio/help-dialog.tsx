"use client";

import { useEffect, useRef } from "react";
import { SHORTCUTS } from "./shortcuts";

/** The keyboard shortcuts, in a modal dialog (Esc closes; focus stays inside). */
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
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && " or "}
                    <kbd className="kbd">{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Shortcuts never fire while you type in a field.</p>
      <form method="dialog">
        <button className="btn primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
