import { route } from "@/lib/server/access";
import { runEngineRequest } from "@/lib/server/engine-api";
import { respond } from "@/lib/server/http";

/** The analysis of a design document (the same JSON as `quorum-studio analyze --json`). */
export const POST = route("engine", function POST(request: Request) {
  return respond(() => runEngineRequest(request, "analyze"));
});
