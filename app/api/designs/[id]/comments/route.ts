import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { readJsonBody, respond } from "@/lib/server/http";
import { designComments, postOwnerComment } from "@/lib/server/review";

type Context = { params: Promise<{ id: string }> };

export const GET = route("owner", function GET(_request: Request, { params }: Context) {
  return respond(async () => designComments(getDb(), (await params).id));
});

/** The owner's comment or reply: `{ author, body, target?, parentId? }`. */
export const POST = route("owner", function POST(request: Request, { params }: Context) {
  return respond(async () => postOwnerComment(getDb(), (await params).id, await readJsonBody(request, 64 * 1024)), 201);
});
