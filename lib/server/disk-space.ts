/**
 * PGlite on a full disk: a failed write leaves PGlite 0.5.16 spinning forever (the next query
 * never returns; found by `npm run faults`, reproduced without the studio). So the studio refuses
 * writes before the disk gets there: below MIN_FREE_BYTES free beside the PGlite directory, a
 * write answers 507 Insufficient Storage with the figures, and reads go on. (PostgreSQL servers
 * handle a full disk themselves; DATABASE_URL skips the check.)
 */
import { statfsSync } from "node:fs";
import path from "node:path";
import { pgliteDataDir } from "./data-dir";
import { ServiceError } from "./errors";

/** One WAL segment (16 MiB) twice over, plus room for a 2 MB design and its revision. */
export const MIN_FREE_BYTES = 48 * 1024 * 1024;

export class DiskFullError extends ServiceError {
  constructor(freeBytes: number) {
    const mb = (b: number) => `${Math.floor(b / 1024 / 1024)} MB`;
    super(507, "disk_full", `The disk holding the database has ${mb(freeBytes)} free (the studio keeps ${mb(MIN_FREE_BYTES)} in reserve); free some space and try again — nothing was saved`);
  }
}

let last = { at: 0, free: Number.POSITIVE_INFINITY };

/** Free bytes on the PGlite directory's file system (checked at most once a second). */
export function freeBytes(dir = pgliteDataDir(), now = Date.now()): number {
  if (now - last.at < 1000) return last.free;
  try {
    const stats = statfsSync(path.dirname(dir));
    last = { at: now, free: stats.bavail * stats.bsize };
  } catch {
    last = { at: now, free: Number.POSITIVE_INFINITY }; // cannot tell: do not block writes
  }
  return last.free;
}

/** Throws DiskFullError when a PGlite write could fill the disk. */
export function checkDiskSpace(env: Record<string, string | undefined> = process.env): void {
  if (env.DATABASE_URL) return;
  const free = freeBytes(pgliteDataDir(env));
  if (free < MIN_FREE_BYTES) throw new DiskFullError(free);
}
