import { getDb } from "@/lib/server/db";
import { createDesign, listDesigns } from "@/lib/server/designs";
import { readJsonBody, respond } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** The designs, newest edit first. */
export function GET() {
  return respond(() => listDesigns(getDb()));
}

/** Create (or import) a design: the body is a design document. */
export function POST(request: Request) {
  return respond(async () => createDesign(getDb(), await readJsonBody(request)), 201);
}
