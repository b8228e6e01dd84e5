#!/usr/bin/env node
// The CLI entry: runs lib/cli/main.ts (TypeScript, through tsx) with the real file system.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
const readAll = async (path) => {
  if (path !== "-") return readFile(path, "utf8");
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
};
/** Writes with backpressure: resolves at once, or when the stream has drained. */
const writer = (stream) => (text) => (stream.write(text) ? undefined : once(stream, "drain").then(() => undefined));
const argv = process.argv.slice(2);
const code = await main(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: readAll,
  writeFile: async (file, content) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  },
  openInput: async (file) => {
    if (file === "-" && process.stdin.isTTY) throw new Error("standard input is a terminal: pass --in FILE, or pipe a dump in");
    const handle = file === "-" ? null : await open(file); // a missing file fails here, before the database opens
    // Lines are read only once someone iterates: readline drops the lines it emits before that.
    return (async function* () {
      yield* createInterface({ input: handle ? handle.createReadStream() : process.stdin, crlfDelay: Infinity });
    })();
  },
  openOutput: async (file) => {
    if (file === "-") return { write: writer(process.stdout), finish: async () => {}, abort: async () => {} };
    // Written beside the file and renamed when complete: a failed dump leaves no file that looks whole.
    // Owner-only (0600): a dump holds every design, comment and review link.
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const partial = `${file}.partial`;
    const stream = createWriteStream(partial, { mode: 0o600 });
    await once(stream, "open");
    return {
      write: writer(stream),
      finish: async () => {
        stream.end();
        await finished(stream);
        await rename(partial, file);
      },
      abort: async () => {
        stream.destroy();
        await rm(partial, { force: true });
      },
    };
  },
});
if (argv[0] === "db") {
  // The migration engine (db restore) leaves a timer running for seconds after its work: exit as
  // soon as standard output has taken everything.
  await new Promise((resolve) => process.stdout.write("", resolve));
  process.exit(code);
}
process.exitCode = code;
