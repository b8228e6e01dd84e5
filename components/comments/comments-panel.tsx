"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { useFocusElement } from "@/components/studio/use-focus-element";
import { ApiError, ownerComments, reviewerComments, type CommentsEndpoint } from "@/lib/client/api";
import { formatRelativeTime } from "@/lib/client/format";
import type { Analysis } from "@/lib/analysis/index";
import { findingLabel } from "@/lib/design/names";
import type { Design } from "@/lib/design/schema";
import { COMMENT_LIMITS, threadsOf, type CommentView, type Thread } from "@/lib/review/comments";
import { describeTarget, findingTargetId, linkify, zoneTargetId, type CommentTarget, type TargetKind } from "@/lib/review/targets";

const NAME_KEY = { owner: "quorum-studio:owner-name", reviewer: "quorum-studio:reviewer-name" } as const;

/** The name this browser comments under, remembered between visits. */
function useRememberedName(who: "owner" | "reviewer"): [string, (name: string) => void] {
  // The panel renders only after a tab click, never on the server, so localStorage is there.
  const [name, setName] = useState(() => (typeof window === "undefined" ? "" : (localStorage.getItem(NAME_KEY[who]) ?? (who === "owner" ? "Owner" : ""))));
  return [
    name,
    (next) => {
      setName(next);
      localStorage.setItem(NAME_KEY[who], next);
    },
  ];
}

const KIND_TITLES: Record<TargetKind, string> = { node: "Nodes", region: "Regions", zone: "Zones", store: "Stores", operation: "Operations", finding: "Findings" };
const targetKey = (t: CommentTarget | null) => (t ? `${t.kind}:${t.id}` : "");

/** Every element a comment can be pinned to, grouped by kind, for the target picker. */
function targetOptions(design: Design, analysis: Analysis | null): { kind: TargetKind; id: string; label: string }[] {
  const options: { kind: TargetKind; id: string; label: string }[] = [];
  for (const r of design.regions ?? []) {
    options.push({ kind: "region", id: r.id, label: r.name });
    for (const z of r.zones ?? []) options.push({ kind: "zone", id: zoneTargetId(r.id, z), label: `${r.name} / ${z}` });
  }
  for (const n of design.nodes ?? []) options.push({ kind: "node", id: n.id, label: n.name });
  for (const s of design.stores ?? []) options.push({ kind: "store", id: s.id, label: s.name });
  for (const o of design.operations ?? []) options.push({ kind: "operation", id: o.id, label: o.name });
  for (const f of analysis?.findings ?? []) options.push({ kind: "finding", id: findingTargetId(f.rule, f.target), label: findingLabel(design, f) });
  return options;
}

/** The Comments tab: threads (open first), a form to comment on the design or an element. */
export function CommentsPanel({ endpoint }: { endpoint: CommentsEndpoint }) {
  const store = useStudioStore();
  const comments = useStudio((s) => s.comments);
  const viewer = useStudio((s) => s.viewer.kind);
  const threads = useMemo(() => threadsOf(comments), [comments]);
  const open = threads.filter((t) => t.root.resolvedAt === null);
  const resolved = threads.filter((t) => t.root.resolvedAt !== null);
  const who = viewer === "reviewer" ? "reviewer" : "owner";
  const [name, setName] = useRememberedName(who);

  const refresh = async () => store.getState().setComments(await endpoint.list());

  return (
    <div className="comments-panel">
      <NewComment endpoint={endpoint} name={name} setName={setName} askName={who === "reviewer"} onPosted={refresh} />
      <div className="threads" aria-label="Comment threads">
        {threads.length === 0 && (
          <p className="muted empty">
            No comments yet. {who === "reviewer" ? "Select an element on the canvas and comment on it, or comment on the design as a whole." : "Share the design for review to collect comments."}
          </p>
        )}
        {open.map((t) => (
          <ThreadCard key={t.root.id} thread={t} endpoint={endpoint} name={name} onChanged={refresh} />
        ))}
        {resolved.length > 0 && (
          <details className="resolved-threads">
            <summary>Resolved ({resolved.length})</summary>
            {resolved.map((t) => (
              <ThreadCard key={t.root.id} thread={t} endpoint={endpoint} name={name} onChanged={refresh} />
            ))}
          </details>
        )}
      </div>
    </div>
  );
}

function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.problems.length ? error.problems.map((p) => `${p.path || "comment"}: ${p.message}`).join("; ") : error.message;
  return "Could not reach the server";
}

function NewComment({
  endpoint,
  name,
  setName,
  askName,
  onPosted,
}: {
  endpoint: CommentsEndpoint;
  name: string;
  setName: (name: string) => void;
  askName: boolean;
  onPosted: () => Promise<void>;
}) {
  const store = useStudioStore();
  const design = useStudio((s) => s.design);
  const analysis = useStudio((s) => s.analysis);
  const target = useStudio((s) => s.commentTarget);
  const options = useMemo(() => targetOptions(design, analysis), [design, analysis]);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (target) textarea.current?.focus();
  }, [target]);

  const submit = async () => {
    if (!body.trim() || !name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await endpoint.post({ author: name, body, target });
      setBody("");
      await onPosted();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="new-comment"
      aria-label="New comment"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="row">
        <label className="field inline">
          <span>On</span>
          <select
            aria-label="Comment on"
            value={targetKey(target)}
            onChange={(e) => {
              const [kind, ...rest] = e.target.value.split(":");
              store.setState({ commentTarget: e.target.value ? { kind: kind as TargetKind, id: rest.join(":") } : null });
            }}
          >
            <option value="">The design as a whole</option>
            {target && !options.some((o) => targetKey(o) === targetKey(target)) && <option value={targetKey(target)}>{target.id}</option>}
            {(Object.keys(KIND_TITLES) as TargetKind[]).map((kind) => {
              const group = options.filter((o) => o.kind === kind);
              return group.length ? (
                <optgroup key={kind} label={KIND_TITLES[kind]}>
                  {group.map((o) => (
                    <option key={targetKey(o)} value={targetKey(o)}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ) : null;
            })}
          </select>
        </label>
        {askName && (
          <label className="field inline">
            <span>Your name</span>
            <input type="text" value={name} maxLength={COMMENT_LIMITS.author} onChange={(e) => setName(e.target.value)} placeholder="Shown with your comments" required />
          </label>
        )}
      </div>
      <textarea
        ref={textarea}
        aria-label="Comment"
        value={body}
        maxLength={COMMENT_LIMITS.body}
        rows={2}
        placeholder="Write a comment (plain text; links are fine). Ctrl/⌘ Enter to send."
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <div className="row">
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
        <span className="spacer" />
        {body.length > COMMENT_LIMITS.body * 0.8 && <span className="muted">{COMMENT_LIMITS.body - body.length} left</span>}
        <button type="submit" className="btn primary" disabled={busy || !body.trim() || !name.trim()}>
          Comment
        </button>
      </div>
    </form>
  );
}

/** Comment text: plain text runs and http(s) links, never HTML. */
function CommentText({ text }: { text: string }) {
  return (
    <p className="comment-text">
      {linkify(text).map((part, i) =>
        "href" in part ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}

function CommentLine({ comment, now, onDelete }: { comment: CommentView; now: number; onDelete?: () => void }) {
  return (
    <div className="comment" data-testid="comment">
      <div className="comment-meta">
        <strong className="author">{comment.author}</strong>
        {comment.fromOwner && <span className="pill small">owner</span>}
        <span className="muted" title={new Date(comment.createdAt).toLocaleString()}>
          {formatRelativeTime(comment.createdAt, now)}
        </span>
        <span className="muted">· v{comment.version}</span>
        {onDelete && (
          <button type="button" className="btn small link danger delete-comment" aria-label={`Delete the comment by ${comment.author}`} onClick={onDelete}>
            Delete
          </button>
        )}
      </div>
      <CommentText text={comment.body} />
    </div>
  );
}

function TargetChip({ target }: { target: NonNullable<CommentView["target"]> }) {
  const design = useStudio((s) => s.design);
  const analysis = useStudio((s) => s.analysis);
  const focus = useFocusElement();
  const store = useStudioStore();
  const current = describeTarget(design, target, analysis ? () => analysis : undefined);
  if (current === null) {
    return (
      <span className="target-chip deleted" title={`${target.kind} ${target.id}`}>
        {target.kind} “{target.label ?? target.id}” — on a deleted element
      </span>
    );
  }
  return (
    <button
      type="button"
      className="target-chip"
      title="Show it"
      onClick={() => {
        if (target.kind === "zone") return focus(target.id.split("/")[0]);
        if (target.kind === "finding") {
          const finding = analysis?.findings.find((f) => findingTargetId(f.rule, f.target) === target.id);
          if (finding) focus(finding.target);
          return;
        }
        focus(target.id);
        if (target.kind !== "operation") store.getState().setTab("comments");
      }}
    >
      {target.kind} “{current}”
    </button>
  );
}

function ThreadCard({ thread, endpoint, name, onChanged }: { thread: Thread; endpoint: CommentsEndpoint; name: string; onChanged: () => Promise<void> }) {
  const { root, replies } = thread;
  const [replying, setReplying] = useState(false);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [now] = useState(() => Date.now());
  const highlighted = useStudio((s) => !!root.target && targetKey(s.commentTarget) === targetKey(root.target));
  const remove = (comment: CommentView, replyCount: number) =>
    endpoint.remove &&
    (() => {
      const what = replyCount ? `this comment and its ${replyCount} repl${replyCount === 1 ? "y" : "ies"}` : "this comment";
      if (window.confirm(`Delete ${what} by ${comment.author}? This cannot be undone.`)) void run(() => endpoint.remove!(comment.id));
    });

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await onChanged();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };

  return (
    <article className={`thread${root.resolvedAt ? " resolved" : ""}${highlighted ? " highlighted" : ""}`} data-testid="thread" aria-label={`Comment by ${root.author}`}>
      <div className="thread-head">
        {root.target ? <TargetChip target={root.target} /> : <span className="target-chip general">the design</span>}
        {root.resolvedAt && <span className="pill small ok">resolved</span>}
        <span className="spacer" />
        {endpoint.setResolved && (
          <button type="button" className="btn small" onClick={() => void run(() => endpoint.setResolved!(root.id, !root.resolvedAt))}>
            {root.resolvedAt ? "Reopen" : "Resolve"}
          </button>
        )}
      </div>
      <CommentLine comment={root} now={now} onDelete={remove(root, replies.length)} />
      {replies.map((r) => (
        <div className="reply" key={r.id}>
          <CommentLine comment={r} now={now} onDelete={remove(r, 0)} />
        </div>
      ))}
      {replying ? (
        <form
          className="reply-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!body.trim()) return;
            if (!name.trim()) return setError("Type your name above first");
            if (await run(() => endpoint.post({ author: name, body, parentId: root.id }))) {
              setBody("");
              setReplying(false);
            }
          }}
        >
          <textarea
            aria-label="Reply"
            value={body}
            maxLength={COMMENT_LIMITS.body}
            rows={2}
            autoFocus
            placeholder="Ctrl/⌘ Enter to send, Esc to cancel"
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              } else if (e.key === "Escape") {
                e.stopPropagation();
                setReplying(false);
              }
            }}
          />
          <div className="row">
            <span className="spacer" />
            <button type="button" className="btn small" onClick={() => setReplying(false)}>
              Cancel
            </button>
            <button type="submit" className="btn small primary" disabled={!body.trim()}>
              Reply
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="btn small link" onClick={() => setReplying(true)}>
          Reply
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}

/** Keeps the store's comments fresh: now, every 10 s while the tab is visible, and on focus. */
export function useCommentsSync(endpoint: CommentsEndpoint | null) {
  const store = useStudioStore();
  useEffect(() => {
    if (!endpoint) return;
    let stopped = false;
    const load = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const comments = await endpoint.list();
        if (!stopped) store.getState().setComments(comments);
      } catch {
        // Offline or the link was revoked: keep what is shown; the next poll tries again.
      }
    };
    void load();
    const timer = setInterval(load, 10_000);
    window.addEventListener("focus", load);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener("focus", load);
    };
  }, [endpoint, store]);
}

/** The comments API for whoever is looking: the owner's design routes or the reviewer's link. */
export function useCommentsEndpoint(): CommentsEndpoint | null {
  const viewer = useStudio((s) => s.viewer);
  const designId = useStudio((s) => s.designId);
  return useMemo(() => (viewer.kind === "owner" ? ownerComments(designId) : viewer.kind === "reviewer" ? reviewerComments(viewer.token) : null), [viewer, designId]);
}
