"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { ApiError, createReviewLink, listReviewLinks, listRevisions, revokeReviewLink } from "@/lib/client/api";
import { formatRelativeTime } from "@/lib/client/format";
import type { ReviewLinkInfo, RevisionSummary } from "@/lib/review/comments";

const EXPIRIES = [
  { label: "Never", days: undefined },
  { label: "1 day", days: 1 },
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
] as const;

/** "Share for review": make read-only links (optionally expiring or pinned to a version), list and revoke them. */
export function ShareDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const designId = useStudio((s) => s.designId);
  const save = useStudio((s) => s.save.status);
  const [links, setLinks] = useState<ReviewLinkInfo[] | null>(null);
  const [revisions, setRevisions] = useState<RevisionSummary[]>([]);
  const [label, setLabel] = useState("");
  const [expiry, setExpiry] = useState(0);
  const [pinned, setPinned] = useState("");
  const [created, setCreated] = useState<{ url: string; copied: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const reload = useCallback(async () => {
    try {
      // What a link can pin: this version, or a named one (never the bare autosaves in between).
      const [l, latest, named] = await Promise.all([listReviewLinks(designId), listRevisions(designId, { limit: 1 }), listRevisions(designId, { named: true, limit: 200 })]);
      setLinks(l);
      setRevisions([...latest.revisions, ...named.revisions.filter((r) => r.version !== latest.revisions[0]?.version)]);
      setNow(Date.now());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not load the review links");
    }
  }, [designId]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      setCreated(null);
      setError(null);
      void reload();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, reload]);

  const create = async () => {
    setError(null);
    try {
      const result = await createReviewLink(designId, {
        label: label.trim() || undefined,
        expiresInDays: EXPIRIES[expiry].days,
        pinnedVersion: pinned ? Number(pinned) : undefined,
      });
      const url = new URL(result.path, window.location.origin).toString();
      let copied = false;
      try {
        await navigator.clipboard.writeText(url);
        copied = true;
      } catch {
        // Clipboard refused (permissions): the link is shown to copy by hand.
      }
      setCreated({ url, copied });
      setLabel("");
      await reload();
    } catch (e) {
      setError(e instanceof ApiError ? (e.problems.map((p) => `${p.path}: ${p.message}`).join("; ") || e.message) : "Could not create the link");
    }
  };

  return (
    <dialog ref={ref} className="help-dialog share-dialog" aria-labelledby="share-title" onClose={onClose}>
      <h2 id="share-title">Share for review</h2>
      <p className="muted">
        Reviewers see the design, its analysis and diagrams, try failures, download the export, and comment. They cannot change anything, and the link never reveals
        this studio&apos;s address.
      </p>
      <form
        className="share-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="field">
          <span>Label (for you)</span>
          <input type="text" value={label} maxLength={80} placeholder="e.g. DB team review" onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label className="field">
          <span>Expires</span>
          <select value={expiry} onChange={(e) => setExpiry(Number(e.target.value))}>
            {EXPIRIES.map((x, i) => (
              <option key={x.label} value={i}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Shows</span>
          <select value={pinned} onChange={(e) => setPinned(e.target.value)} aria-label="Version shown">
            <option value="">The latest saved version, as it changes</option>
            {/* Pinning is for versions that mean something: this one, or one given a name in History. */}
            {revisions[0] && <option value={revisions[0].version}>Only this version (v{revisions[0].version}){revisions[0].label ? ` — ${revisions[0].label}` : ""}</option>}
            {revisions.slice(1).filter((r) => r.label).map((r) => (
              <option key={r.version} value={r.version}>
                Only v{r.version} — {r.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn primary">
          Create link
        </button>
      </form>
      {save !== "saved" && <p className="muted">Unsaved edits are not in the review until they are saved.</p>}
      {created && (
        <div className="created-link" role="status">
          <p>
            <strong>{created.copied ? "Link copied." : "Your review link:"}</strong> It is shown only now; anyone with it can read this design and comment.
          </p>
          <div className="row">
            <input type="text" readOnly value={created.url} aria-label="Review link" onFocus={(e) => e.target.select()} />
            <button type="button" className="btn" onClick={() => void navigator.clipboard.writeText(created.url).then(() => setCreated({ ...created, copied: true }))}>
              Copy
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <h3>Links</h3>
      {links === null ? (
        <p className="muted">Loading…</p>
      ) : links.length === 0 ? (
        <p className="muted">No review links yet.</p>
      ) : (
        <table className="grid links-table" aria-label="Review links">
          <thead>
            <tr>
              <th>Link</th>
              <th>Created</th>
              <th>Last opened</th>
              <th>Comments</th>
              <th>Status</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr key={l.id} data-testid="review-link" data-status={l.status}>
                <td>
                  {l.label ?? <span className="muted">(no label)</span>}
                  {l.pinnedVersion !== null && <span className="pill small">v{l.pinnedVersion}</span>}
                </td>
                <td>{formatRelativeTime(l.createdAt, now)}</td>
                <td>{l.lastOpenedAt ? formatRelativeTime(l.lastOpenedAt, now) : "never"}</td>
                <td>{l.commentCount}</td>
                <td>
                  {l.status === "active" ? (l.expiresAt ? `expires ${new Date(l.expiresAt).toLocaleDateString()}` : "active") : l.status}
                </td>
                <td>
                  {l.status === "active" && (
                    <button
                      type="button"
                      className="btn small danger"
                      onClick={async () => {
                        try {
                          await revokeReviewLink(designId, l.id);
                          await reload();
                        } catch (e) {
                          setError(e instanceof ApiError ? e.message : "Could not revoke");
                        }
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
