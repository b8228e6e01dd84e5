import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { deleteDesign, getDesign, updateDesign } from "@/lib/server/designs";
import { readJson, respond } from "@/lib/server/http";

type Context = { params: Promise<{ id: string }> };

export const GET = route("owner", function GET(_request: Request, { params }: Context) {
  return respond(async () => getDesign(getDb(), (await params).id));
});

/** Save: `{ baseVersion, document }`; 409 when `baseVersion` is no longer current. */
export const PUT = route("owner", function PUT(request: Request, { params }: Context) {
  return respond(async () => {
    const body = await readJson(request);
    return updateDesign(getDb(), (await params).id, body.value, body.bytes);
  });
});

export const DELETE = route("owner", function DELETE(_request: Request, { params }: Context) {
  return respond(async () => deleteDesign(getDb(), (await params).id));
});
