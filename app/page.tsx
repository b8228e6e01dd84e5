import { DesignsHome } from "@/components/home/designs-home";
import { OpenStudioBanner } from "@/components/home/access-controls";
import { getDb } from "@/lib/server/db";
import { listDesigns } from "@/lib/server/designs";
import { ownerMode } from "@/lib/server/owner-auth";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const designs = await listDesigns(getDb());
  const open = ownerMode().kind === "open";
  return (
    <>
      {open && <OpenStudioBanner />}
      <DesignsHome designs={designs} canSignOut={!open} />
    </>
  );
}
