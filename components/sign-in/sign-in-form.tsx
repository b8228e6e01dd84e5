"use client";
import { useEffect, useRef, useState } from "react";

/**
 * The owner's sign-in form (a plain form post to /api/session). It says "Signing in…" while the
 * server answers (a wrong key is answered late on purpose). The link printed at start-up carries
 * the key in the URL's fragment (`#key=…`), which browsers never send to a server or put in a
 * Referer: the form takes it from there, removes it from the address bar and history, and submits.
 */
export function SignInForm({ next, error }: { next: string; error: string | null }) {
  const form = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const key = new URLSearchParams(window.location.hash.slice(1)).get("key");
    if (!key || !form.current) return;
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    (form.current.elements.namedItem("key") as HTMLInputElement).value = key;
    form.current.requestSubmit();
  }, []);
  return (
    <form ref={form} method="post" action="/api/session" onSubmit={() => setBusy(true)}>
      <input type="hidden" name="next" value={next} />
      <label className="field">
        <span>Owner key</span>
        <input type="password" name="key" autoComplete="current-password" required autoFocus />
      </label>
      {error && !busy && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn primary" disabled={busy} aria-busy={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
