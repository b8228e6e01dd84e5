import type { Metadata } from "next";
import { cache } from "react";
import { Studio } from "@/components/studio/studio";
import { getDb } from "@/lib/server/db";
import { getDesign } from "@/lib/server/designs";
import { ownerMode } from "@/lib/server/owner-auth";
import { loadOr404 } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const load = cache((id: string) => loadOr404(() => getDesign(getDb(), id)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const design = await load((await params).id);
  return { title: design.name };
}

export default async function DesignPage({ params }: Props) {
  const design = await load((await params).id);
  return <Studio init={{ designId: design.id, design: design.document, version: design.version, viewer: { kind: "owner", open: ownerMode().kind === "open" } }} />;
}
