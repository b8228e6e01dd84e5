import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import { readJson, respond } from "@/lib/server/http";
import { livePost, liveResponse } from "@/lib/server/live";
import { liveReviewDesign } from "@/lib/server/review";

type Context = { params: Promise<{ token: string }> };

/** A reviewer watches the design live (read-only): the same stream as the studio's, marked reviewer. */
export const GET = route("reviewer", function GET(request: Request, { params }: Context) {
  return respond(async () => {
    const { token } = await params;
    // Revoked, expired or unknown (a ServiceError) closes the stream; a database hiccup does not.
    const stillAllowed = () => liveReviewDesign(getDb(), token).then(() => true, (error: unknown) => !(error instanceof ServiceError));
    return liveResponse(await liveReviewDesign(getDb(), token), "reviewer", request, stillAllowed);
  });
});

/** A reviewer's presence only; an update is refused with 403 and closes the stream. */
export const POST = route("reviewer", function POST(request: Request, { params }: Context) {
  return respond(async () => livePost(await liveReviewDesign(getDb(), (await params).token), "reviewer", (await readJson(request)).value));
});
