import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { readJsonBody, respond } from "@/lib/server/http";
import { deleteComment, setThreadResolved } from "@/lib/server/review";

type Context = { params: Promise<{ id: string; commentId: string }> };

/** `{ resolved: true | false }` resolves or reopens the comment's thread. */
export const PATCH = route("owner", function PATCH(request: Request, { params }: Context) {
  return respond(async () => {
    const { id, commentId } = await params;
    return setThreadResolved(getDb(), id, commentId, await readJsonBody(request, 4096));
  });
});

/** Deletes the comment (with its replies, for a thread's first comment). */
export const DELETE = route("owner", function DELETE(_request: Request, { params }: Context) {
  return respond(async () => {
    const { id, commentId } = await params;
    return deleteComment(getDb(), id, commentId);
  });
});
