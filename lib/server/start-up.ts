/** Server start-up on Node (imported by instrumentation.ts): take the PGlite directory's lock. */
import { pgliteDataDir } from "./data-dir";
import { DataDirLockedError, lockDataDir } from "./data-lock";

if (!process.env.DATABASE_URL) {
  try {
    lockDataDir(pgliteDataDir());
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
