import { route } from "@/lib/server/access";
import { simulateBody } from "@/lib/server/analysis";
import { readJsonBody, respond } from "@/lib/server/http";

/** A failure scenario on a design (the same JSON as `quorum-studio simulate --json`). */
export const POST = route("engine", function POST(request: Request) {
  return respond(async () => simulateBody(await readJsonBody(request)));
});
