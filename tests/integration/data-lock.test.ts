/** One process per PGlite data directory (audit D2): a second opener is refused, naming the holder. */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir, releaseDataDir } from "@/lib/server/data-lock";

describe("PGlite data directory lock", () => {
  it("refuses a directory another live process holds, and says which", async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "qs-lock-")), "pglite");
    // The parent of this test process is alive: pretend it holds the directory.
    await writeFile(`${dir}.lock`, JSON.stringify({ pid: process.ppid, host: hostname(), since: "2026-12-01T00:00:00.000Z", command: "next start" }));
    let error: unknown;
    try {
      lockDataDir(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`pid ${process.ppid}`);
    expect((error as Error).message).toContain("one process per data directory");
  });

  it("takes over a lock whose process is gone, and releases it", async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "qs-lock-")), "pglite");
    await writeFile(`${dir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: "2026-01-01T00:00:00.000Z", command: "next start" }));
    lockDataDir(dir);
    expect(JSON.parse(await readFile(`${dir}.lock`, "utf8")).pid).toBe(process.pid);
    lockDataDir(dir); // idempotent in the same process
    releaseDataDir(dir);
    await expect(readFile(`${dir}.lock`, "utf8")).rejects.toThrow();
  });
});
