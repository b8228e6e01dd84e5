import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { listRevisions } from "@/lib/server/history";
import { respond } from "@/lib/server/http";

type Context = { params: Promise<{ id: string }> };

/** Every saved version, newest first, with what changed and its name if it has one. */
export const GET = route("owner", function GET(_request: Request, { params }: Context) {
  return respond(async () => listRevisions(getDb(), (await params).id));
});
