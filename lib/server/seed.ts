import { EXAMPLES } from "../design/examples/index";
import type { Db } from "./db";
import { createDesign } from "./designs";

/** Puts the example designs into an empty database (first start); returns how many it added. */
export async function seedExamples(db: Db): Promise<number> {
  if ((await db.design.count()) > 0) return 0;
  // Oldest first, so the list (newest first) shows them in catalogue order.
  for (const example of [...EXAMPLES].reverse()) await createDesign(db, example.design);
  return EXAMPLES.length;
}
