/** The architecture-document bundle as a zip (browser), built from the pure lib/export. */
import { strToU8, zipSync } from "fflate";
import { analyze } from "../analysis/index";
import type { Design } from "../design/schema";
import { exportBundle } from "../export/index";

export function exportZip(design: Design): Uint8Array {
  const files = exportBundle(design, analyze(design));
  return zipSync(Object.fromEntries(files.map((f) => [f.path, strToU8(f.content)])), { level: 6 });
}
