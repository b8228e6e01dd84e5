"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { NameInput } from "@/components/draft-input";
import { BrandMark } from "@/components/icons";
import { ThemeToggle } from "@/components/theme-toggle";
import { renameDesign } from "@/lib/design/commands";
import type { LiveInfo, SaveState } from "@/lib/store/studio-store";
import { useStudio, useStudioStore } from "./studio-context";
import { runActionAsync } from "@/lib/actions/registry";
import { useAction, useActionContext } from "./use-studio-actions";
import { VerdictBadge } from "./verdict-badge";
import dynamic from "next/dynamic";

/** Who is here: loads with the live session, after the canvas (not in the studio's first bundle). */
const PresenceBar = dynamic(() => import("@/components/live/presence-bar").then((m) => m.PresenceBar), { ssr: false });

/** The studio's bar; its buttons run the action registry's actions (undo, redo, share, help, save). */
export function TopBar() {
  const owner = useStudio((s) => s.viewer.kind === "owner");
  return owner ? <OwnerTopBar /> : <ReadOnlyTopBar />;
}

function OwnerTopBar() {
  const liveOn = useStudio((s) => s.live !== null);
  const store = useStudioStore();
  const name = useStudio((s) => s.design.name);
  const open = useStudio((s) => s.viewer.kind === "owner" && s.viewer.open === true);
  const designId = useStudio((s) => s.designId);

  return (
    <header className="topbar">
      <Link href="/" className="brand" aria-label="All designs">
        <BrandMark />
      </Link>
      <span className="name-field floating">
        <NameInput className="name-input" aria-label="Design name" value={name} onCommit={(next, gesture) => store.getState().edit((d) => renameDesign(d, next), { gesture })} />
      </span>
      <SaveIndicator />
      <VerdictBadge />
      {open && (
        <span className="pill open-studio-pill" role="status" title="Started with QUORUM_OPEN=1: anyone who can reach this address can read, change and delete every design.">
          ⚠ Open studio
        </span>
      )}
      <span className="spacer" />
      {liveOn && <PresenceBar />}
      <UndoRedo />
      <ModeSwitch />
      <TidyButton />
      <a className="btn" href={`/api/designs/${designId}/document`} download>
        JSON
      </a>
      <ExportButton />
      <ShareButton />
      <ThemeToggle />
      <HelpButton />
    </header>
  );
}

/** Share: the registry's action (read-only review links where reviewers comment). */
function ShareButton() {
  const share = useAction("share");
  return (
    <button type="button" className="btn primary" onClick={() => share.run()} disabled={!share.enabled} title={`${share.title}: read-only review links where reviewers comment`}>
      Share
    </button>
  );
}

/** Lays the canvas out afresh with ELK (loaded on first use); one undo step restores the old layout. */
function TidyButton() {
  const ctx = useActionContext();
  const tidy = useAction("tidy-layout");
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="btn"
      disabled={busy || !tidy.enabled}
      title="Lay the canvas out afresh: regions as frames, a store's replicas side by side (undo restores it)"
      onClick={async () => {
        setBusy(true);
        await runActionAsync(ctx, tidy.action).done;
        setBusy(false);
      }}
    >
      {busy ? "Laying out…" : "Tidy layout"}
    </button>
  );
}

function ExportButton() {
  const exportDocuments = useAction("export-documents");
  return (
    <button type="button" className="btn" disabled={!exportDocuments.enabled} title="Architecture documents: Markdown with Mermaid, design.json, topology.mmd (zip)" onClick={() => exportDocuments.run()}>
      Export
    </button>
  );
}

/**
 * The bar of a review or a version preview: the name as text, the verdict, the simulator and the
 * downloads. A reviewer's bar links nowhere in the studio (the design's address is the owner's).
 */
function ReadOnlyTopBar() {
  const liveOn = useStudio((s) => s.live !== null);
  const downloadJson = useAction("download-json");
  const name = useStudio((s) => s.design.name);
  const viewer = useStudio((s) => s.viewer);
  const designId = useStudio((s) => s.designId);
  return (
    <header className="topbar">
      {viewer.kind === "preview" ? (
        <Link href={`/designs/${encodeURIComponent(designId)}`} className="brand" aria-label="Back to the studio">
          <BrandMark />
        </Link>
      ) : (
        <span className="brand" aria-hidden="true">
          <BrandMark />
        </span>
      )}
      <h1 className="name-text">{name}</h1>
      <span className="pill read-only-pill" data-testid="read-only">
        {viewer.kind === "reviewer" ? "Review · read-only" : `Version ${viewer.kind === "preview" ? viewer.version : ""} · read-only`}
      </span>
      <VerdictBadge />
      <span className="spacer" />
      {liveOn && <PresenceBar />}
      <ModeSwitch />
      <button type="button" className="btn" title="The design file (JSON), as the CLI reads it" onClick={() => downloadJson.run()}>
        JSON
      </button>
      <ExportButton />
      <HelpButton />
      <ThemeToggle />
    </header>
  );
}

/** Undo and redo: label, tooltip (with the shortcut) and enabled state from the action registry. */
function UndoRedo() {
  const undo = useAction("undo");
  const redo = useAction("redo");
  return (
    <span className="btn-group">
      <button type="button" className="btn icon" onClick={() => undo.run()} disabled={!undo.enabled} aria-label={undo.label} title={undo.title}>
        ↶
      </button>
      <button type="button" className="btn icon" onClick={() => redo.run()} disabled={!redo.enabled} aria-label={redo.label} title={redo.title}>
        ↷
      </button>
    </span>
  );
}

/** The help button ("?"), from the registry's help action. */
function HelpButton() {
  const help = useAction("help");
  return (
    <button type="button" className="btn icon" onClick={() => help.run()} disabled={!help.enabled} aria-label={help.label} title={help.title}>
      ?
    </button>
  );
}

function ModeSwitch() {
  const mode = useStudio((s) => s.mode);
  const setMode = useStudio((s) => s.setMode);
  return (
    <span className="segmented" role="radiogroup" aria-label="Mode">
      {(["design", "simulate"] as const).map((m) => (
        <button key={m} type="button" role="radio" aria-checked={mode === m} className={mode === m ? "on" : undefined} onClick={() => setMode(m)}>
          {m === "design" ? "Design" : "Simulate"}
        </button>
      ))}
    </span>
  );
}

function describe(save: SaveState, now: number): string {
  switch (save.status) {
    case "saved":
      return "Saved";
    case "dirty":
      return "Unsaved changes";
    case "saving":
      return "Saving…";
    case "conflict":
      return "Conflict — changed elsewhere";
    case "error": {
      if (save.retryAt === undefined) return save.message ?? "Not saved";
      const seconds = Math.max(0, Math.ceil((save.retryAt - now) / 1000));
      return `Error — retrying${seconds ? ` in ${seconds} s` : "…"}`;
    }
  }
}

/** In a live session the session saves: what it has acknowledged, what waits, whether it is connected. */
function liveSave(live: LiveInfo): SaveState {
  switch (live.status) {
    case "offline":
      return { status: "error", message: live.pending ? `Offline — ${live.pending === 1 ? "an edit" : `${live.pending} edits`} kept on this device` : "Offline — reconnecting" };
    case "refused":
      return { status: "error", message: live.message ?? "The server refused an edit; reload" };
    case "live":
    case "connecting":
      return live.pending ? { status: "saving" } : { status: "saved", message: "Every edit is saved and shared live" };
  }
}

/** True once `on` has held for `ms` without a break (false again as soon as it drops). */
function useHeldFor(on: boolean, ms: number): boolean {
  // Each stretch of `on` is numbered; the one that outlasts `ms` is "held".
  const [was, setWas] = useState(on);
  const [stretch, setStretch] = useState(0);
  const [held, setHeld] = useState(-1);
  if (on !== was) {
    setWas(on);
    if (on) setStretch(stretch + 1);
  }
  useEffect(() => {
    if (!on) return;
    const timer = setTimeout(() => setHeld(stretch), ms);
    return () => clearTimeout(timer);
  }, [on, stretch, ms]);
  return on && held === stretch;
}

/** How long a save runs before the indicator says "Saving…". */
const SAVING_SHOWN_AFTER_MS = 400;

function SaveIndicator() {
  const saveNow = useAction("save-now");
  const saved = useStudio((s) => s.save);
  const live = useStudio((s) => s.live);
  // While the session connects, the autosave's own state (usually "Saved") still holds.
  const current = live && live.status !== "connecting" ? liveSave(live) : saved;
  // "Saving…" shows only when a save takes a while: an edit acknowledged within the moment keeps
  // the indicator as it was, instead of flashing it (and repainting the page) twice per keystroke.
  const saving = current.status === "saving";
  const [settled, setSettled] = useState<SaveState>(current);
  if (!saving && (current.status !== settled.status || current.message !== settled.message || current.retryAt !== settled.retryAt)) setSettled(current);
  const slow = useHeldFor(saving, SAVING_SHOWN_AFTER_MS);
  const save = saving && !slow ? settled : current;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (save.status !== "error" || save.retryAt === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [save]);
  return (
    <span className="save-state" data-state={save.status} role="status" aria-live="polite" data-testid="save-state" title={save.message}>
      <span className="dot" aria-hidden="true" />
      {describe(save, now)}
      {save.status === "error" && save.retryAt !== undefined && (
        <button className="btn small" onClick={() => saveNow.run()} disabled={!saveNow.enabled} title={saveNow.title}>
          Retry now
        </button>
      )}
    </span>
  );
}
