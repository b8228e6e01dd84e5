import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { getRevision, labelRevision, parseVersion } from "@/lib/server/history";
import { readJsonBody, respond } from "@/lib/server/http";

type Context = { params: Promise<{ id: string; version: string }> };

/** One saved version with its document (read-only preview, analysis diffs). */
export const GET = route("owner", function GET(_request: Request, { params }: Context) {
  return respond(async () => {
    const { id, version } = await params;
    return getRevision(getDb(), id, parseVersion(version));
  });
});

/** `{ label: "v1 for review" }` names the version; `{ label: null }` clears the name. */
export const PATCH = route("owner", function PATCH(request: Request, { params }: Context) {
  return respond(async () => {
    const { id, version } = await params;
    return labelRevision(getDb(), id, parseVersion(version), await readJsonBody(request, 4096));
  });
});
