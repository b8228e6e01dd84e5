#!/usr/bin/env node
// The CLI entry: runs lib/cli/main.ts (TypeScript, through tsx) with the real file system.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
const readAll = async (path) => {
  if (path !== "-") return readFile(path, "utf8");
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
};
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: readAll,
  writeFile: async (file, content) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  },
});
