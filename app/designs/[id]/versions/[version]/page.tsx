import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { cache } from "react";
import { Studio } from "@/components/studio/studio";
import { getDb } from "@/lib/server/db";
import { loadOr404 } from "@/lib/server/pages";
import { NotFoundError } from "@/lib/server/errors";
import { getRevision, keptVersion, parseVersion } from "@/lib/server/history";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; version: string }> };

/**
 * The version, or — when it was an autosave folded into a later version (docs/adr/0003) — a
 * redirect to the version that holds it now, so an old preview link still leads somewhere true.
 */
const load = cache((id: string, version: string) =>
  loadOr404(async () => {
    const n = parseVersion(version);
    try {
      return await getRevision(getDb(), id, n);
    } catch (error) {
      const kept = error instanceof NotFoundError ? await keptVersion(getDb(), id, n) : null;
      if (kept !== null && kept !== n) redirect(`/designs/${encodeURIComponent(id)}/versions/${kept}`);
      throw error;
    }
  }),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, version } = await params;
  const revision = await load(id, version);
  return { title: `${revision.name} · v${revision.version}` };
}

/** A saved version, read-only: its canvas, analysis and diagrams as they were. */
export default async function VersionPreviewPage({ params }: Props) {
  const { id, version } = await params;
  const revision = await load(id, version);
  return (
    <Studio
      init={{
        designId: id,
        design: revision.document,
        version: revision.version,
        viewer: { kind: "preview", version: revision.version, label: revision.label, createdAt: revision.createdAt },
      }}
    />
  );
}
