import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { parseVersion, restoreRevision } from "@/lib/server/history";
import { readJsonBody, respond } from "@/lib/server/http";

type Context = { params: Promise<{ id: string; version: string }> };

/** `{ baseVersion }`: saves this version's document again as the newest version (409 when stale). */
export const POST = route("owner", function POST(request: Request, { params }: Context) {
  return respond(async () => {
    const { id, version } = await params;
    return restoreRevision(getDb(), id, parseVersion(version), await readJsonBody(request, 4096));
  });
});
