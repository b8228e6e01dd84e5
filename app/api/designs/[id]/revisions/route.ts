import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { listRevisions } from "@/lib/server/history";
import { respond } from "@/lib/server/http";

type Context = { params: Promise<{ id: string }> };

/**
 * Saved versions, newest first, with what changed and their names: `?before=<version>&limit=<n>`
 * pages (50 by default) → `{ revisions, next }`; `?named=1` lists only named versions.
 */
export const GET = route("owner", function GET(request: Request, { params }: Context) {
  return respond(async () => listRevisions(getDb(), (await params).id, Object.fromEntries(new URL(request.url).searchParams)));
});
