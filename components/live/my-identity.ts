"use client";

import { useSyncExternalStore } from "react";
import { loadIdentity, provisionalIdentity, saveIdentity, type Identity } from "@/lib/client/identity";

/**
 * This person as others see them, for this tab: the saved identity, or a provisional one ("Guest
 * 4821") until they give a name. It mirrors localStorage (per browser, never on the server), so it
 * lives beside it rather than in the studio's store; read on the client only.
 */
export interface MyIdentity {
  identity: Identity;
  /** False until the name was given (or the prompt dismissed): the studio asks once. */
  saved: boolean;
}

let current: MyIdentity | null = null;
const listeners = new Set<() => void>();

/** The identity to start a live session with (created on first use). */
export function myIdentity(): MyIdentity {
  if (!current) {
    const saved = loadIdentity();
    current = saved ? { identity: saved, saved: true } : { identity: provisionalIdentity(), saved: false };
  }
  return current;
}

/** Keeps `identity` in this browser and tells the components showing it. */
export function setMyIdentity(identity: Identity): void {
  saveIdentity(identity);
  current = { identity: loadIdentity() ?? identity, saved: true };
  for (const listener of listeners) listener();
}

/** Changes the provisional identity (a colour nobody here has yet) without keeping it: the name is still to be asked. */
export function setProvisionalIdentity(identity: Identity): void {
  if (current?.saved) return;
  current = { identity, saved: false };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** This person's identity, re-rendering when it changes; null on the server. */
export function useMyIdentity(): MyIdentity | null {
  return useSyncExternalStore(subscribe, myIdentity, () => null);
}
