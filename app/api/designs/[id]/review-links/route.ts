import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { readJsonBody, respond } from "@/lib/server/http";
import { createReviewLink, listReviewLinks } from "@/lib/server/review";

type Context = { params: Promise<{ id: string }> };

/** The design's review links (never their tokens: only hashes are stored). */
export const GET = route("owner", function GET(_request: Request, { params }: Context) {
  return respond(async () => listReviewLinks(getDb(), (await params).id));
});

/** `{ label?, expiresInDays? | expiresAt?, pinnedVersion? }` → the link and its token, shown once. */
export const POST = route("owner", function POST(request: Request, { params }: Context) {
  return respond(async () => createReviewLink(getDb(), (await params).id, await readJsonBody(request)), 201);
});
