import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Studio } from "@/components/studio/studio";
import { getDb } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { getRevision, parseVersion } from "@/lib/server/history";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; version: string }> };

const load = cache(async (id: string, version: string) => {
  try {
    return await getRevision(getDb(), id, parseVersion(version));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

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
