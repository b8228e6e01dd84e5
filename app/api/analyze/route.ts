import { route } from "@/lib/server/access";
import { analyzeBody } from "@/lib/server/analysis";
import { readJsonBody, respond } from "@/lib/server/http";

/** The analysis of a design document (the same JSON as `quorum-studio analyze --json`). */
export const POST = route("engine", function POST(request: Request) {
  return respond(async () => analyzeBody(await readJsonBody(request)));
});
