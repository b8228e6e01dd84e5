"use client";

import { useEffect, useId, useRef, useState, useSyncExternalStore, type CSSProperties, type FormEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { PRESENCE_COLORS } from "@/lib/collab/protocol";
import type { Identity } from "@/lib/client/identity";
import { COLOR_NAMES, cleanName, freeColor, initials, orderPeople, personLabel, textOn } from "@/lib/client/presence";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { setMyIdentity, setProvisionalIdentity, useMyIdentity } from "./my-identity";
import { useLiveSession } from "./use-live-session";
import "./presence.css";

/** Avatars shown in the bar (fewer on a narrow window); the rest are behind "+N", so the bar does not overflow. */
const SHOWN = 4;
const SHOWN_NARROW = 2;
const NARROW = "(max-width: 1180px)";

function subscribeNarrow(listener: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener("change", listener);
  return () => query.removeEventListener("change", listener);
}
const isNarrow = () => window.matchMedia(NARROW).matches;

interface Person {
  conn: string;
  name: string;
  color: string;
  role: "editor" | "reviewer";
  me: boolean;
}

/**
 * Who is here, in the top bar: an avatar (initials in their colour) per person, this person first,
 * reviewers marked; a click opens the list of people, where one follows a collaborator's viewport
 * or changes their own name and colour. Asks once for a name when none was given yet.
 */
export function PresenceBar() {
  const session = useLiveSession();
  const mine = useMyIdentity();
  const role = useStudio((s) => (s.viewer.kind === "owner" ? "editor" : "reviewer"));
  const conn = useStudio((s) => s.live?.conn ?? "me");
  const others = useStudio(useShallow((s) => Object.values(s.peers)));
  const following = useStudio((s) => s.following);
  const store = useStudioStore();
  const [open, setOpen] = useState<null | { focus: string }>(null);
  const [editing, setEditing] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const narrow = useSyncExternalStore(subscribeNarrow, isNarrow, () => false);

  useEffect(() => {
    if (!open && !editing) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) {
        setOpen(null);
        setEditing(false);
      }
    };
    document.addEventListener("pointerdown", outside, true);
    return () => document.removeEventListener("pointerdown", outside, true);
  }, [open, editing]);

  // Someone who has not chosen a colour yet takes one nobody here has.
  const clash = !!mine && !mine.saved && others.some((p) => p.color.toLowerCase() === mine.identity.color.toLowerCase());
  useEffect(() => {
    if (!clash || !mine || !session) return;
    const color = freeColor(
      others.map((p) => p.color),
      Math.floor(Math.random() * PRESENCE_COLORS.length),
    );
    setProvisionalIdentity({ ...mine.identity, color });
    session.setPresence({ color });
  }, [clash, mine, others, session]);

  if (!session || !mine) return null;
  const me: Person = { conn, name: mine.identity.name, color: mine.identity.color, role, me: true };
  const people = orderPeople<Person>(
    me,
    others.map((p) => ({ conn: p.conn, name: p.name, color: p.color, role: p.role, me: false })),
  );
  const max = narrow ? SHOWN_NARROW : SHOWN;
  // "+1" would take the room of the avatar it hides.
  const shown = people.length <= max + 1 ? people : people.slice(0, max);
  const hidden = people.length - shown.length;
  const reviewers = people.filter((p) => p.role === "reviewer").length;
  const summary = `${people.length} ${people.length === 1 ? "person" : "people"} here${reviewers ? `, ${reviewers} ${reviewers === 1 ? "reviewer" : "reviewers"}` : ""}`;
  const asking = !mine.saved && !dismissed && !editing;

  const save = (identity: Identity) => {
    setMyIdentity(identity);
    session.setPresence({ name: identity.name, color: identity.color });
    setEditing(false);
    setOpen(null);
  };
  const close = () => {
    setOpen(null);
    setEditing(false);
  };

  return (
    <div
      className="presence-bar"
      ref={root}
      role="group"
      aria-label={summary}
      data-testid="presence-bar"
      onKeyDown={(event) => {
        if (event.key === "Escape" && (open || editing)) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <ul className="avatars">
        {shown.map((p) => (
          <li key={p.conn}>
            <Avatar
              person={p}
              following={following === p.conn}
              expanded={open?.focus === p.conn}
              onClick={() => {
                setEditing(false);
                setOpen(open?.focus === p.conn ? null : { focus: p.conn });
              }}
            />
          </li>
        ))}
        {hidden > 0 && (
          <li>
            <button type="button" className="avatar more" title="Everyone here" aria-expanded={open?.focus === "more"} onClick={() => setOpen(open?.focus === "more" ? null : { focus: "more" })}>
              +{hidden}
              <span className="sr-only"> more: show everyone here</span>
            </button>
          </li>
        )}
      </ul>
      {people.length > 1 && (
        <span className="presence-count" aria-hidden="true">
          {people.length} here
        </span>
      )}
      {open && !editing && (
        <PeopleMenu
          people={people}
          focus={open.focus}
          following={following}
          onFollow={(c) => {
            store.getState().follow(c);
            close();
          }}
          onEdit={() => {
            setOpen(null);
            setEditing(true);
          }}
        />
      )}
      {(asking || editing) && (
        <div className={`presence-popover identity-popover${asking ? " first-time" : ""}`} role="dialog" aria-label={asking ? "How should others see you?" : "Your name and colour"}>
          <IdentityForm
            initial={mine.identity}
            title={asking ? "How should others see you?" : "Your name and colour"}
            cancelLabel={asking ? "Not now" : "Cancel"}
            autoFocus={editing}
            onSave={save}
            onCancel={() => {
              // Asked once: "Not now" keeps the guest name (change it later from your avatar).
              if (asking) setMyIdentity(mine.identity);
              setDismissed(true);
              setEditing(false);
            }}
          />
        </div>
      )}
    </div>
  );
}

function Avatar({ person, following, expanded, onClick }: { person: Person; following: boolean; expanded: boolean; onClick: () => void }) {
  const label = person.me ? `You (${personLabel(person.name, person.role)})` : `${personLabel(person.name, person.role)}${following ? ", following" : ""}`;
  return (
    <button
      type="button"
      className={`avatar${person.me ? " me" : ""}${person.role === "reviewer" ? " reviewer" : ""}${following ? " following" : ""}`}
      style={{ "--peer": person.color, "--peer-text": textOn(person.color) } as CSSProperties}
      aria-expanded={expanded}
      title={label}
      onClick={onClick}
    >
      {/* The name is the button's name; the initials are only drawn (a label must contain visible text). */}
      <span aria-hidden="true">{initials(person.name)}</span>
      <span className="sr-only">{label}</span>
    </button>
  );
}

function PeopleMenu({ people, focus, following, onFollow, onEdit }: { people: Person[]; focus: string; following: string | null; onFollow: (conn: string | null) => void; onEdit: () => void }) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    // The clicked person's action takes the focus (the first one for "+N").
    const target = list.current?.querySelector<HTMLButtonElement>(`[data-conn="${CSS.escape(focus)}"] button`) ?? list.current?.querySelector<HTMLButtonElement>("button");
    target?.focus();
  }, [focus]);
  return (
    <div className="presence-popover people-menu" role="dialog" aria-label="People here">
      <ul ref={list}>
        {people.map((p) => (
          <li key={p.conn} data-conn={p.conn}>
            <span className="avatar static" style={{ "--peer": p.color, "--peer-text": textOn(p.color) } as CSSProperties} aria-hidden="true">
              {initials(p.name)}
            </span>
            <span className="person-name">
              {p.name}
              <span className={`person-role${p.role === "reviewer" ? " reviewer" : ""}`}>
                {p.role === "reviewer" ? "Reviewer · read-only" : "Editor"}
                {p.me && " · you"}
              </span>
            </span>
            {p.me ? (
              <button type="button" className="btn small" onClick={onEdit}>
                Change name
              </button>
            ) : following === p.conn ? (
              <button type="button" className="btn small" onClick={() => onFollow(null)}>
                Stop following
              </button>
            ) : (
              <button type="button" className="btn small" onClick={() => onFollow(p.conn)} aria-label={`Follow ${p.name}`} title={`Show what ${p.name} sees, as they move (pan, zoom or Esc to stop)`}>
                Follow
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The name field and the colour swatches (a radio group: the colour's name is read out, not only shown). */
export function IdentityForm({
  initial,
  title,
  cancelLabel,
  autoFocus,
  onSave,
  onCancel,
}: {
  initial: Identity;
  title: string;
  cancelLabel: string;
  autoFocus?: boolean;
  onSave: (identity: Identity) => void;
  onCancel: () => void;
}) {
  const guest = /^Guest \d+$/.test(initial.name);
  const [name, setName] = useState(guest ? "" : initial.name);
  // Until a swatch is picked, the colour follows the provisional one (it changes when someone here has it).
  const [picked, setColor] = useState<string | null>(null);
  const color = picked ?? initial.color;
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = cleanName(name);
    if (!clean) {
      setError("Type a name (others see it beside your pointer)");
      return;
    }
    onSave({ name: clean, color });
  };
  return (
    <form className="identity-form" onSubmit={submit} noValidate>
      <h2 id={`${id}-title`}>{title}</h2>
      <label htmlFor={`${id}-name`}>Name</label>
      <input
        id={`${id}-name`}
        type="text"
        value={name}
        maxLength={60}
        placeholder={guest ? initial.name : "Your name"}
        autoComplete="name"
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        <p className="muted hint" id={`${id}-hint`}>
          Shown to others on this design; kept in this browser only.
        </p>
      )}
      <div className="swatches" role="radiogroup" aria-label="Colour">
        {PRESENCE_COLORS.map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={color === c}
            aria-label={COLOR_NAMES[c] ?? c}
            title={COLOR_NAMES[c] ?? c}
            className="swatch"
            style={{ "--peer": c, "--peer-text": textOn(c) } as CSSProperties}
            onClick={() => setColor(c)}
          >
            {color === c ? "✓" : ""}
          </button>
        ))}
      </div>
      <div className="identity-actions">
        <button type="button" className="btn small" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" className="btn small primary">
          Save
        </button>
      </div>
    </form>
  );
}
