import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BrandMark } from "@/components/icons";
import { SignInForm } from "@/components/sign-in/sign-in-form";
import { ownerMode, safeNext } from "@/lib/server/owner-auth";

/**
 * Same-origin referrers here (every other page sends none): under "no-referrer" a browser's form
 * post carries `Origin: null`, which the proxy refuses as a cross-site write.
 */
export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false }, referrer: "same-origin" };

const ERRORS: Record<string, string> = {
  "wrong-key": "That is not the owner key.",
};

type Props = { searchParams: Promise<{ next?: string; error?: string }> };

/** The owner's sign-in (not shown when the operator opened the studio with QUORUM_OPEN=1). */
export default async function SignInPage({ searchParams }: Props) {
  const { next, error } = await searchParams;
  const mode = ownerMode();
  if (mode.kind === "open") redirect(safeNext(next));
  return (
    <main className="page narrow sign-in">
      <BrandMark />
      <h1>Quorum Studio</h1>
      <p>This studio is private. Sign in with its owner key. Review links work without it.</p>
      <p className="muted">
        {mode.source === "file"
          ? "The server prints a sign-in link when it starts (npm start); the key is also in the file pglite.owner-key beside its data directory."
          : "The key is the server's QUORUM_OWNER_KEY."}
      </p>
      <SignInForm next={safeNext(next)} error={(error && ERRORS[error]) || null} />
    </main>
  );
}
