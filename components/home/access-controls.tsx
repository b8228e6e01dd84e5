"use client";
import { useState } from "react";

/** Sign-out for the owner of a private studio: ends the session on the server, then shows sign-in. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      className="btn"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await fetch("/api/session", { method: "DELETE" }).catch(() => null);
        window.location.assign("/sign-in");
      }}
    >
      Sign out
    </button>
  );
}

/** Shown on the owner's pages when the operator opened the studio with QUORUM_OPEN=1. */
export function OpenStudioBanner() {
  return (
    <div className="open-studio-banner" role="status">
      <strong>Open studio</strong> — started with QUORUM_OPEN=1: anyone who can reach this address can read, change and delete every design.
    </div>
  );
}
