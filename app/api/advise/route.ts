import { route } from "@/lib/server/access";
import { runEngineRequest } from "@/lib/server/engine-api";
import { respond } from "@/lib/server/http";

/** The placement advisor on a design (the same JSON as `quorum-studio advise --json`; docs/advisor.md). */
export const POST = route("engine", function POST(request: Request) {
  return respond(() => runEngineRequest(request, "advise"));
});
