/** Writes examples/<slug>.json from lib/design/examples (canonical JSON): `npx tsx scripts/write-examples.ts`. */
import { writeFile } from "node:fs/promises";
import { EXAMPLES } from "../lib/design/examples/index.ts";
import { serializeDesign } from "../lib/design/serialize.ts";

for (const e of EXAMPLES) await writeFile(`examples/${e.slug}.json`, serializeDesign(e.design));
console.log(`Wrote ${EXAMPLES.length} files to examples/`);
