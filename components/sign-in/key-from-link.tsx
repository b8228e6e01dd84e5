"use client";
import { useEffect, useRef } from "react";

/**
 * The sign-in link printed at start-up carries the key in the URL's fragment (`#key=…`), which
 * browsers never send to a server or put in a Referer. This fills the form with it, takes it out
 * of the address bar and history, and submits.
 */
export function KeyFromLink({ formId }: { formId: string }) {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    const key = new URLSearchParams(window.location.hash.slice(1)).get("key");
    if (!key) return;
    done.current = true;
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    const form = document.getElementById(formId) as HTMLFormElement | null;
    const input = form?.elements.namedItem("key") as HTMLInputElement | null;
    if (!form || !input) return;
    input.value = key;
    form.requestSubmit();
  }, [formId]);
  return null;
}
