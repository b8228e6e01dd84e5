import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BrandMark } from "@/components/icons";
import { configuredOwnerKey, safeNext } from "@/lib/server/owner-auth";

export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false } };

const ERRORS: Record<string, string> = {
  "wrong-key": "That is not the owner key.",
  "slow-down": "Too many attempts; wait a minute and try again.",
};

type Props = { searchParams: Promise<{ next?: string; error?: string }> };

/** The owner's sign-in, shown only when QUORUM_OWNER_KEY is set. */
export default async function SignInPage({ searchParams }: Props) {
  const { next, error } = await searchParams;
  if (!configuredOwnerKey()) redirect(safeNext(next));
  return (
    <main className="page narrow sign-in">
      <BrandMark />
      <h1>Quorum Studio</h1>
      <p>This studio is private. Sign in with its owner key (the server&apos;s QUORUM_OWNER_KEY). Review links work without it.</p>
      <form method="post" action="/api/session">
        <input type="hidden" name="next" value={safeNext(next)} />
        <label className="field">
          <span>Owner key</span>
          <input type="password" name="key" autoComplete="current-password" required autoFocus />
        </label>
        {error && ERRORS[error] && (
          <p className="error" role="alert">
            {ERRORS[error]}
          </p>
        )}
        <button type="submit" className="btn primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
