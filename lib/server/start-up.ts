/**
 * Server start-up on Node (instrumentation.ts): take the PGlite directory's lock, refuse a database
 * whose migrations are behind and an unusable owner key, tell the operator how to get in, and load
 * the engine's threads.
 */
import { pgliteDataDir } from "./data-dir";
import { DataDirLockedError, lockDataDir } from "./data-lock";
import { getDb } from "./db";
import { engine } from "./engine";
import { pendingMigrations } from "./migrate";
import { ownerMode, UnsafeKeyFileError, weakKeyProblem, type OwnerMode } from "./owner-auth";
import { pruneSessions } from "./sessions";

function refuse(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

/** The port `next start -p N` (or PORT) listens on, for the printed sign-in URL. */
function listeningPort(argv = process.argv): string {
  const i = argv.findIndex((a) => a === "-p" || a === "--port");
  return (i >= 0 ? argv[i + 1] : undefined) ?? process.env.PORT ?? "3000";
}

export async function startUp(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    try {
      lockDataDir(pgliteDataDir());
    } catch (error) {
      if (error instanceof DataDirLockedError) refuse(error.message);
      throw error;
    }
  }

  const weak = weakKeyProblem();
  if (weak) refuse(`${weak} Refusing to start.`);
  let mode: OwnerMode;
  try {
    mode = ownerMode();
  } catch (error) {
    if (error instanceof UnsafeKeyFileError) refuse(`${error.message} Refusing to start.`);
    throw error;
  }

  const db = getDb();
  const pending = await pendingMigrations((sql) => db.$queryRawUnsafe(sql));
  if (pending.length) {
    refuse(`The database (${process.env.DATABASE_URL ? "the PostgreSQL server in DATABASE_URL" : `PGlite at ${pgliteDataDir()}`}) is missing ${pending.length} migration${pending.length === 1 ? "" : "s"} (${pending.join(", ")}). Run \`npm run db:migrate\` first (npm start does). Refusing to start.`);
  }

  if (process.env.DATABASE_URL && mode.kind === "key" && mode.source === "file") {
    // A generated key is per machine, and each start deletes sessions of other keys (below): two
    // instances with different keys would keep signing each other's owners out (docs/adr/0006).
    console.warn(`\n  This studio runs on a PostgreSQL server with an owner key generated on this machine (${mode.file}). If several instances serve it, give every one the same QUORUM_OWNER_KEY.\n`);
  }
  if (mode.kind === "open") {
    console.warn("\n  QUORUM_OPEN=1: this studio has no owner key. Anyone who can reach it can read, change and delete every design.\n");
  } else if (mode.source === "file") {
    process.stdout.write(
      [
        "",
        "  Quorum Studio is private. Open this link on this machine to sign in:",
        "",
        `      http://localhost:${listeningPort()}/sign-in#key=${mode.key}`,
        "",
        `  The owner key is kept in ${mode.file} (set QUORUM_OWNER_KEY to choose your own).`,
        "",
        "",
      ].join("\n"),
    );
  }
  // Sessions of an earlier key, and expired ones, are deleted (a new key signs everybody out).
  await pruneSessions(db, mode.kind === "key" ? mode.key : null);
  // The engine's threads load now rather than on the first analysis or save.
  engine().warm();
}
