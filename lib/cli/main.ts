/**
 * quorum-studio CLI: the same engine as the studio, on design files, for CI.
 *
 *   quorum-studio validate FILE
 *   quorum-studio analyze FILE [--json] [--strict] [--trials N]
 *   quorum-studio simulate FILE [--fail region:ID|zone:REGION/ZONE|node:ID]... [--split A,B/C] [--json] [--strict]
 *   quorum-studio advise FILE --store ID --survive zone|region [--json]
 *   quorum-studio export FILE --out DIR
 *   quorum-studio db dump [--out FILE] | db restore [--in FILE|-] [--replace]
 *
 * Exit codes: 0 success; 1 with --strict when the verdict is NEEDS REVISION, or when the database
 * refuses (db); 2 for an invalid file, dump or arguments (problems on stderr).
 */
import { advise, formatAdvice, type SurvivalGoal } from "../analysis/advisor";
import { analyze } from "../analysis/index";
import { DEFAULT_TRIALS } from "../analysis/pbs";
import { formatAnalysis, formatSimulation } from "../analysis/report";
import { scenarioProblems, simulate, type Scenario } from "../analysis/simulate";
import type { Design } from "../design/schema";
import { formatProblem, parseDesignText } from "../design/validate";
import { exportBundle } from "../export/index";
import type { DumpCounts } from "../server/dump";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
  /** Writes a file, creating its folder (export). */
  writeFile: (path: string, content: string) => Promise<void>;
  /** The lines of a file, or of standard input for "-" (db restore); opening fails at once. */
  openInput: (path: string) => Promise<AsyncIterable<string>>;
  /** A file written whole or not at all, or standard output for "-" (db dump). */
  openOutput: (path: string) => Promise<Output>;
}

export interface Output {
  /** Resolves when the output can take more (backpressure). */
  write: (text: string) => void | Promise<void>;
  /** Completes the file (a file appears under its name only now). */
  finish: () => Promise<void>;
  /** Drops what was written (a failed dump leaves no file behind). */
  abort: () => Promise<void>;
}

export const USAGE = `Usage:
  quorum-studio validate FILE
  quorum-studio analyze FILE [--json] [--strict] [--trials N]
  quorum-studio simulate FILE [--fail region:ID|zone:REGION/ZONE|node:ID]... [--split A,B/C]... [--json] [--strict]
  quorum-studio advise FILE --store ID --survive zone|region [--json]
                                           the fewest voters, and where, for the store to survive
                                           the loss of any one zone or region (docs/advisor.md)
  quorum-studio export FILE --out DIR      architecture documents (Markdown, Mermaid, design.json) into DIR
  quorum-studio db dump [--out FILE]       every design with its history, review links and comments, as JSON lines
  quorum-studio db restore [--in FILE|-] [--replace]
                                           loads a dump, in one transaction, into an empty database

FILE is a design file (quorum-studio/design@1 JSON), or - for standard input.
  --json     machine-readable output (see docs/analysis.md)
  --strict   exit 1 when the verdict is NEEDS REVISION (analyze) or an operation is unavailable (simulate)
  --split    sides of a network partition: regions joined by ",", sides by "/"; regions no side
             names stay connected to each other ("--split apse1" cuts apse1 off from the rest)
  --trials   Monte Carlo trials for PBS t-visibility per read (default 100000; 0 skips it)
Exit codes: 0 ok, 1 --strict failure or no placement meets the goal (advise), 2 invalid file or arguments.

db works on the studio's database: DATABASE_URL (PostgreSQL), else the PGlite directory (DATA_DIR,
default ./data/pglite; stop the studio first, PGlite allows one process per directory). dump writes
to standard output unless --out. restore reads standard input unless --in, applies the migrations,
and refuses a database that holds designs unless --replace (which deletes them first); a bad line
aborts it with its number and field, and nothing is written. Owner sign-in sessions are not dumped.
db exit codes: 0 ok, 1 the database refused (in use, not empty, unreachable), 2 invalid dump or arguments.

Analysis model version 2 (docs/analysis.md). Optional design fields it reads:
  stores[].readQuorum / writeQuorum / operations[].quorum   a number, or "local-quorum" /
             "each-quorum" on leaderless stores (Cassandra's LOCAL_QUORUM / EACH_QUORUM)
  stores[].readRepair     leaderless: "blocking" (default; needed for linearizable reads), "async", "none"
  stores[].sloppyQuorum   leaderless: hinted handoff (Dynamo, Riak): always writable, eventual
  stores[].learners       consensus: non-voting replicas (follower reads, not quorums)
  stores[].maxStalenessMs consensus / primary-*: follower reads are bounded-staleness
  stores[].electionTimeoutMs (consensus, default 1000) / failoverMs (primary-*, default 30000)
  defaults.jitterMs       mean extra one-way delay per message in the t-visibility Monte Carlo (2)
  context.survivalGoal    "none" | "zone" (default) | "region": survival-goal-unmet when missed
`;

interface Args {
  command: string;
  file: string;
  json: boolean;
  strict: boolean;
  fail: string[];
  split: string[];
  out: string;
  trials: number;
  store: string;
  survive: string;
}

function parseArgs(argv: string[]): Args | string {
  const [command, ...rest] = argv;
  const args: Args = { command: command ?? "", file: "", json: false, strict: false, fail: [], split: [], out: "", trials: DEFAULT_TRIALS, store: "", survive: "" };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--json") args.json = true;
    else if (a === "--strict") args.strict = true;
    else if (a === "--trials" || a.startsWith("--trials=")) {
      const value = a === "--trials" ? rest[++i] : a.slice(9);
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 10_000_000) return "--trials needs a whole number of trials (0 to 10000000)";
      args.trials = Number(value);
    } else if (a === "--out") {
      const value = rest[++i];
      if (value === undefined) return "--out needs a folder";
      args.out = value;
    } else if (a === "--store" || a === "--survive" || a.startsWith("--store=") || a.startsWith("--survive=")) {
      const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, rest[++i]];
      if (!inline) return `${flag} needs a value`;
      if (flag === "--store") args.store = inline;
      else args.survive = inline;
    } else if (a === "--fail" || a === "--split") {
      const value = rest[++i];
      if (value === undefined) return `${a} needs a value`;
      (a === "--fail" ? args.fail : args.split).push(value);
    } else if (a.startsWith("--fail=")) args.fail.push(a.slice(7));
    else if (a.startsWith("--split=")) args.split.push(a.slice(8));
    else if (a.startsWith("--") ) return `unknown option ${a}`;
    else if (!args.file) args.file = a;
    else return `unexpected argument ${a}`;
  }
  if (!["validate", "analyze", "simulate", "export", "advise"].includes(args.command)) return args.command ? `unknown command ${args.command}` : "missing command";
  if (!args.file) return "missing FILE";
  if (args.command === "export" && !args.out) return "export needs --out DIR";
  if (args.command === "advise" && !args.store) return "advise needs --store ID";
  if (args.command === "advise" && args.survive !== "zone" && args.survive !== "region") return "advise needs --survive zone or --survive region";
  if (args.command !== "advise" && (args.store || args.survive)) return "--store and --survive apply to advise only";
  if (args.command !== "simulate" && (args.fail.length || args.split.length)) return "--fail and --split apply to simulate only";
  if (args.command !== "analyze" && args.command !== "export" && args.trials !== DEFAULT_TRIALS) return "--trials applies to analyze and export only";
  return args;
}

/** `--fail region:use1 --fail zone:use1/a --split use1,euw1/apse1` → a scenario. */
export function scenarioFromArgs(fail: string[], split: string[]): Scenario | string {
  const scenario: Required<Scenario> = { failRegions: [], failZones: [], failNodes: [], split: [] };
  for (const f of fail) {
    const colon = f.indexOf(":");
    const kind = f.slice(0, colon);
    const id = f.slice(colon + 1);
    if (colon < 0 || !id) return `--fail ${f}: write region:ID, zone:REGION/ZONE or node:ID`;
    if (kind === "region") scenario.failRegions.push(id);
    else if (kind === "zone") scenario.failZones.push(id);
    else if (kind === "node") scenario.failNodes.push(id);
    else return `--fail ${f}: unknown kind "${kind}" (region, zone or node)`;
  }
  for (const s of split) scenario.split.push(...s.split("/").map((side) => side.split(",").map((r) => r.trim()).filter(Boolean)));
  return scenario;
}

interface DbArgs {
  action: "dump" | "restore";
  /** --out (dump) or --in (restore); "-" is standard output / input. */
  file: string;
  replace: boolean;
}

function parseDbArgs(argv: string[]): DbArgs | string {
  const [action, ...rest] = argv;
  if (action !== "dump" && action !== "restore") return action ? `unknown db command ${action} (dump or restore)` : "db needs dump or restore";
  const args: DbArgs = { action, file: "-", replace: false };
  const fileOption = action === "dump" ? "--out" : "--in";
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === fileOption || a.startsWith(`${fileOption}=`)) {
      const value = a === fileOption ? rest[++i] : a.slice(fileOption.length + 1);
      if (!value) return `${fileOption} needs a file (or - for standard ${action === "dump" ? "output" : "input"})`;
      args.file = value;
    } else if (a === "--replace" && action === "restore") args.replace = true;
    else return `db ${action}: unknown ${a.startsWith("-") ? "option" : "argument"} ${a}`;
  }
  return args;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const describeCounts = (c: DumpCounts) =>
  `${plural(c.designs, "design")} (${plural(c.revisions, "revision")}, ${plural(c.reviewLinks, "review link")}, ${plural(c.comments, "comment")})`;

/** `db dump` / `db restore` (lib/server/dump.ts), on the database the server would use. */
async function runDb(args: DbArgs, io: Io): Promise<number> {
  // Loaded here, not at the top: the design commands stay free of Prisma and PGlite (and fast).
  const { DumpError, dumpDatabase, openConfiguredDatabase, restoreDatabase } = await import("../server/dump");
  const fail = (error: unknown) => io.stderr(`quorum-studio db ${args.action}: ${error instanceof Error ? error.message : error}\n`);
  let input: AsyncIterable<string> | undefined;
  let output: Output | undefined;
  try {
    if (args.action === "dump") output = await io.openOutput(args.file);
    else input = await io.openInput(args.file);
  } catch (error) {
    fail(error);
    return 2;
  }
  let database: ReturnType<typeof openConfiguredDatabase> | undefined;
  try {
    database = openConfiguredDatabase({ mustExist: args.action === "dump" });
    const { db, label, migrate } = database;
    let counts: DumpCounts;
    if (output) {
      counts = await dumpDatabase(db, output.write);
      await output.finish();
    } else counts = await restoreDatabase(db, input ?? [], { replace: args.replace, beforeWrite: migrate });
    // Closed before success is reported: PGlite writes its files on close.
    const open = database;
    database = undefined;
    await open.close();
    // A dump's summary goes to stderr: standard output may be the dump itself.
    if (output) io.stderr(`Dumped ${describeCounts(counts)} from ${label}${args.file === "-" ? "" : ` to ${args.file}`}\n`);
    else io.stdout(`Restored ${describeCounts(counts)} into ${label}\n`);
    return 0;
  } catch (error) {
    await output?.abort();
    fail(error);
    return error instanceof DumpError ? 2 : 1;
  } finally {
    await database?.close().catch(() => {}); // after a failure: the error above is the one to report
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    io.stdout(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === "db") {
    const dbArgs = parseDbArgs(argv.slice(1));
    if (typeof dbArgs === "string") {
      io.stderr(`quorum-studio: ${dbArgs}\n\n${USAGE}`);
      return 2;
    }
    return runDb(dbArgs, io);
  }
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.stderr(`quorum-studio: ${args}\n\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await io.readFile(args.file);
  } catch (error) {
    io.stderr(`quorum-studio: cannot read ${args.file}: ${error instanceof Error ? error.message : error}\n`);
    return 2;
  }
  const parsed = parseDesignText(text);
  if (!parsed.ok) {
    io.stderr(`${args.file}: invalid design (${parsed.problems.length} problem${parsed.problems.length === 1 ? "" : "s"})\n${parsed.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}\n`);
    return 2;
  }
  const design: Design = parsed.design;

  if (args.command === "validate") {
    io.stdout(args.json ? `${JSON.stringify({ valid: true, problems: [] })}\n` : `${args.file}: valid (${design.nodes?.length ?? 0} nodes, ${design.stores?.length ?? 0} stores, ${design.operations?.length ?? 0} operations)\n`);
    return 0;
  }
  if (args.command === "export") {
    const files = exportBundle(design, analyze(design, { pbs: args.trials > 0 && { trials: args.trials } }));
    for (const f of files) await io.writeFile(`${args.out.replace(/\/+$/, "")}/${f.path}`, f.content);
    io.stdout(`Wrote ${files.length} files to ${args.out}: ${files.map((f) => f.path).join(", ")}\n`);
    return 0;
  }
  if (args.command === "advise") {
    if (!design.stores?.some((s) => s.id === args.store)) {
      io.stderr(`quorum-studio: --store ${args.store}: no such store (stores: ${(design.stores ?? []).map((s) => s.id).join(", ") || "none"})\n`);
      return 2;
    }
    const advice = advise(design, args.store, args.survive as SurvivalGoal);
    io.stdout(args.json ? `${JSON.stringify(advice, null, 2)}\n` : formatAdvice(design, advice));
    return advice.ok ? 0 : 1;
  }
  if (args.command === "analyze") {
    const result = analyze(design, { pbs: args.trials > 0 && { trials: args.trials } });
    io.stdout(args.json ? `${JSON.stringify(result, null, 2)}\n` : formatAnalysis(design, result));
    return args.strict && result.verdict !== "SOUND" ? 1 : 0;
  }
  const scenario = scenarioFromArgs(args.fail, args.split);
  if (typeof scenario === "string") {
    io.stderr(`quorum-studio: ${scenario}\n`);
    return 2;
  }
  const problems = scenarioProblems(design, scenario);
  if (problems.length) {
    io.stderr(`quorum-studio: the scenario names elements the design does not have:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}\n`);
    return 2;
  }
  const sim = simulate(design, scenario);
  io.stdout(args.json ? `${JSON.stringify({ scenario, ...sim }, null, 2)}\n` : formatSimulation(design, sim));
  return args.strict && sim.counts.unavailable > 0 ? 1 : 0;
}
