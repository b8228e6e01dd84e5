import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { respond } from "@/lib/server/http";
import { reviewStatus } from "@/lib/server/review";

type Context = { params: Promise<{ token: string }> };

/** `{ version }` the link shows now; 404 once revoked or expired. */
export const GET = route("reviewer", function GET(_request: Request, { params }: Context) {
  return respond(async () => reviewStatus(getDb(), (await params).token));
});
