/**
 * Who this person is in live sessions: a display name (asked once) and a colour, kept in this
 * browser only (localStorage), never on the server.
 */
import { PRESENCE_COLORS } from "../collab/colors";

const KEY = "quorum-studio:presence";

export interface Identity {
  name: string;
  color: string;
}

/** The saved identity, or null when the name was never asked. */
export function loadIdentity(): Identity | null {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<Identity> | null;
    if (raw && typeof raw.name === "string" && raw.name.trim() && typeof raw.color === "string" && /^#[0-9a-fA-F]{6}$/.test(raw.color)) return { name: raw.name.trim().slice(0, 60), color: raw.color };
  } catch {
    // Unreadable: ask again.
  }
  return null;
}

export function saveIdentity(identity: Identity): void {
  localStorage.setItem(KEY, JSON.stringify({ name: identity.name.trim().slice(0, 60), color: identity.color }));
}

/** A colour for someone new: one of the palette, picked at random. */
export function randomColor(): string {
  return PRESENCE_COLORS[Math.floor(Math.random() * PRESENCE_COLORS.length)];
}

/** Until the name is given: a placeholder the others see ("Guest 4821"). */
export function provisionalIdentity(): Identity {
  return { name: `Guest ${Math.floor(1000 + Math.random() * 9000)}`, color: randomColor() };
}
