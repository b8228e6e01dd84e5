import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { getDesign } from "@/lib/server/designs";
import { respond } from "@/lib/server/http";
import { serializeDesign } from "@/lib/design/serialize";

type Context = { params: Promise<{ id: string }> };

/** The design file itself (canonical JSON), as a download: what the CLI reads. */
export const GET = route("owner", function GET(_request: Request, { params }: Context) {
  return respond(async () => {
    const { document } = await getDesign(getDb(), (await params).id);
    const filename = `${document.name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "design"}.json`;
    return new Response(serializeDesign(document), {
      headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
    });
  });
});
