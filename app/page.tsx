import { DesignsHome } from "@/components/home/designs-home";
import { getDb } from "@/lib/server/db";
import { listDesigns } from "@/lib/server/designs";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const designs = await listDesigns(getDb());
  return <DesignsHome designs={designs} />;
}
