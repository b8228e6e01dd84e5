import { getDb } from "@/lib/server/db";
import { listRevisions } from "@/lib/server/designs";
import { respond } from "@/lib/server/http";

type Context = { params: Promise<{ id: string }> };

export function GET(_request: Request, { params }: Context) {
  return respond(async () => listRevisions(getDb(), (await params).id));
}
