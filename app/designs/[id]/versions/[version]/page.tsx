import type { Metadata } from "next";
import { cache } from "react";
import { Studio } from "@/components/studio/studio";
import { getDb } from "@/lib/server/db";
import { loadOr404 } from "@/lib/server/pages";
import { getRevision, parseVersion } from "@/lib/server/history";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; version: string }> };

const load = cache((id: string, version: string) => loadOr404(async () => getRevision(getDb(), id, parseVersion(version))));

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
