import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { readJsonBody, respond } from "@/lib/server/http";
import { clientAddress } from "@/lib/server/rate-limit";
import { postReviewComment, reviewComments } from "@/lib/server/review";

type Context = { params: Promise<{ token: string }> };

export const GET = route("reviewer", function GET(_request: Request, { params }: Context) {
  return respond(async () => reviewComments(getDb(), (await params).token));
});

/** A reviewer's comment or reply: `{ author, body, target?, parentId? }`; rate-limited. */
export const POST = route("reviewer", function POST(request: Request, { params }: Context) {
  return respond(async () => postReviewComment(getDb(), (await params).token, () => readJsonBody(request, 64 * 1024), clientAddress(request)), 201);
});
