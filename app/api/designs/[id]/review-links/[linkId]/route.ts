import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { respond } from "@/lib/server/http";
import { revokeReviewLink } from "@/lib/server/review";

type Context = { params: Promise<{ id: string; linkId: string }> };

/** Revokes the link: from now on it answers 404. Its comments stay. */
export const DELETE = route("owner", function DELETE(_request: Request, { params }: Context) {
  return respond(async () => {
    const { id, linkId } = await params;
    return revokeReviewLink(getDb(), id, linkId);
  });
});
