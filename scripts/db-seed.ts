/** Seeds the example designs into an empty database (run by `npm run db:migrate`, so on first start). */
import { configuredAdapter, createDb } from "../lib/server/db.ts";
import { backfillSummaries } from "../lib/server/designs.ts";
import { seedExamples } from "../lib/server/seed.ts";

const { adapter, close } = configuredAdapter();
const db = createDb(adapter);
try {
  const added = await seedExamples(db);
  if (added) console.log(`Seeded ${added} example design${added === 1 ? "" : "s"}`);
  const filled = await backfillSummaries(db);
  if (filled) console.log(`Summarised ${filled} design${filled === 1 ? "" : "s"} saved before summaries existed`);
} finally {
  await db.$disconnect();
  await close();
}
process.exit(0);
