import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { readJson, respond } from "@/lib/server/http";
import { livePost, liveResponse } from "@/lib/server/live";
import { liveReviewDesign } from "@/lib/server/review";

type Context = { params: Promise<{ token: string }> };

/** A reviewer watches the design live (read-only): the same stream as the studio's, marked reviewer. */
export const GET = route("reviewer", function GET(request: Request, { params }: Context) {
  return respond(async () => liveResponse(await liveReviewDesign(getDb(), (await params).token), "reviewer", request));
});

/** A reviewer's presence only; an update is refused with 403 and closes the stream. */
export const POST = route("reviewer", function POST(request: Request, { params }: Context) {
  return respond(async () => livePost(await liveReviewDesign(getDb(), (await params).token), "reviewer", (await readJson(request)).value));
});
