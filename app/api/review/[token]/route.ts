import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { respond } from "@/lib/server/http";
import { openReview } from "@/lib/server/review";

type Context = { params: Promise<{ token: string }> };

/** The design behind a review link (read-only; no ids). 404 when revoked, expired or unknown. */
export const GET = route("reviewer", function GET(_request: Request, { params }: Context) {
  return respond(async () => openReview(getDb(), (await params).token));
});
