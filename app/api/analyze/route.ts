import { analyzeBody } from "@/lib/server/analysis";
import { readJsonBody, respond } from "@/lib/server/http";

/** The analysis of a design document (the same JSON as `quorum-studio analyze --json`). */
export function POST(request: Request) {
  return respond(async () => analyzeBody(await readJsonBody(request)));
}
