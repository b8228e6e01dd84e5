import { route } from "@/lib/server/access";
import { checkId } from "@/lib/server/designs";
import { readJson, respond } from "@/lib/server/http";
import { livePost, liveResponse } from "@/lib/server/live";

type Context = { params: Promise<{ id: string }> };

/** The live session's event stream (docs/adr/0007-live-sessions.md): hello, updates, presence. */
export const GET = route("owner", function GET(request: Request, { params }: Context) {
  return respond(async () => {
    const { id } = await params;
    checkId(id);
    return liveResponse(id, "editor", request);
  });
});

/** An editor's update and/or presence: `{ conn, update?, renames?, presence? }`; answers `{ seq }` once the update is durable. */
export const POST = route("owner", function POST(request: Request, { params }: Context) {
  return respond(async () => {
    const { id } = await params;
    checkId(id);
    return livePost(id, "editor", (await readJson(request)).value);
  });
});
