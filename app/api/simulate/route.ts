import { route } from "@/lib/server/access";
import { runEngineRequest } from "@/lib/server/engine-api";
import { respond } from "@/lib/server/http";

/** A failure scenario on a design (the same JSON as `quorum-studio simulate --json`). */
export const POST = route("engine", function POST(request: Request) {
  return respond(() => runEngineRequest(request, "simulate"));
});
