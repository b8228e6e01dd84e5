import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { createDesign, listDesigns } from "@/lib/server/designs";
import { readJson, respond } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** The designs, newest edit first. */
export const GET = route("owner", function GET(_request?: Request) {
  return respond(() => listDesigns(getDb()));
});

/** Create (or import) a design: the body is a design document. */
export const POST = route("owner", function POST(request: Request) {
  return respond(async () => {
    const body = await readJson(request);
    return createDesign(getDb(), body.value, body.bytes);
  }, 201);
});
