/**
 * One process per PGlite data directory. PGlite keeps no lock of its own: two processes on one
 * directory each see only their own writes and, after a restart, acknowledged writes are gone
 * (audit D2). The first process to open the directory writes `<dir>.lock` beside it (its pid,
 * host and start time; beside, not inside: PGlite owns the directory's contents) with an exclusive
 * create; any other process refuses to open the directory and
 * names the holder. A lock left by a process that no longer runs is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: { pid: number; host: string; since: string; command: string },
  ) {
    super(
      `The data directory ${dir} is in use by another Quorum Studio process (pid ${holder.pid} on ${holder.host}, ${holder.command}, since ${holder.since}). ` +
        "PGlite allows one process per data directory: stop that process, or give this one its own DATA_DIR (or a PostgreSQL server with DATABASE_URL).",
    );
  }
}

const held = new Map<string, string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the directory's lock for this process (idempotent); throws DataDirLockedError when another live process holds it. */
export function lockDataDir(dir: string): void {
  if (held.has(dir)) return;
  mkdirSync(path.dirname(dir), { recursive: true });
  const file = `${dir}.lock`;
  const me = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: process.argv.slice(1).map((a) => path.basename(a)).join(" ").slice(0, 120) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      held.set(dir, file);
      process.once("exit", () => releaseDataDir(dir));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: typeof me | null = null;
      try {
        holder = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        holder = null; // half-written by a process that died: stale
      }
      if (holder && holder.host === me.host && holder.pid !== process.pid && alive(holder.pid)) throw new DataDirLockedError(dir, holder);
      if (holder && holder.host !== me.host) throw new DataDirLockedError(dir, holder);
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock the data directory ${dir}`);
}

/** Releases this process's lock on the directory (on close and at exit). */
export function releaseDataDir(dir: string): void {
  const file = held.get(dir);
  if (!file) return;
  held.delete(dir);
  try {
    const holder = JSON.parse(readFileSync(file, "utf8"));
    if (holder.pid === process.pid) unlinkSync(file);
  } catch {
    // already gone
  }
}
