import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Studio } from "@/components/studio/studio";
import { getDb } from "@/lib/server/db";
import { getDesign } from "@/lib/server/designs";
import { NotFoundError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  try {
    return await getDesign(getDb(), id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const design = await load((await params).id);
  return { title: design.name };
}

export default async function DesignPage({ params }: Props) {
  const design = await load((await params).id);
  return <Studio init={{ designId: design.id, design: design.document, version: design.version }} />;
}
