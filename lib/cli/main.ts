/**
 * quorum-studio CLI: the same engine as the studio, on design files, for CI.
 *
 *   quorum-studio validate FILE
 *   quorum-studio analyze FILE [--json] [--strict] [--trials N]
 *   quorum-studio simulate FILE [--fail region:ID|zone:REGION/ZONE|node:ID]... [--split A,B/C] [--json] [--strict]
 *   quorum-studio export FILE --out DIR
 *
 * Exit codes: 0 success; 1 with --strict when the verdict is NEEDS REVISION; 2 for an invalid
 * file or bad arguments (problems on stderr).
 */
import { analyze } from "../analysis/index";
import { DEFAULT_TRIALS } from "../analysis/pbs";
import { formatAnalysis, formatSimulation } from "../analysis/report";
import { scenarioProblems, simulate, type Scenario } from "../analysis/simulate";
import type { Design } from "../design/schema";
import { formatProblem, parseDesignText } from "../design/validate";
import { exportBundle } from "../export/index";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
  /** Writes a file, creating its folder (export). */
  writeFile: (path: string, content: string) => Promise<void>;
}

export const USAGE = `Usage:
  quorum-studio validate FILE
  quorum-studio analyze FILE [--json] [--strict] [--trials N]
  quorum-studio simulate FILE [--fail region:ID|zone:REGION/ZONE|node:ID]... [--split A,B/C]... [--json] [--strict]
  quorum-studio export FILE --out DIR      architecture documents (Markdown, Mermaid, design.json) into DIR

FILE is a design file (quorum-studio/design@1 JSON), or - for standard input.
  --json     machine-readable output (see docs/analysis.md)
  --strict   exit 1 when the verdict is NEEDS REVISION (analyze) or an operation is unavailable (simulate)
  --split    sides of a network partition: regions joined by ",", sides by "/"; regions no side
             names stay connected to each other ("--split apse1" cuts apse1 off from the rest)
  --trials   Monte Carlo trials for PBS t-visibility per read (default 100000; 0 skips it)
Exit codes: 0 ok, 1 --strict failure, 2 invalid file or arguments.

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
}

function parseArgs(argv: string[]): Args | string {
  const [command, ...rest] = argv;
  const args: Args = { command: command ?? "", file: "", json: false, strict: false, fail: [], split: [], out: "", trials: DEFAULT_TRIALS };
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
  if (!["validate", "analyze", "simulate", "export"].includes(args.command)) return args.command ? `unknown command ${args.command}` : "missing command";
  if (!args.file) return "missing FILE";
  if (args.command === "export" && !args.out) return "export needs --out DIR";
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

export async function main(argv: string[], io: Io): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    io.stdout(USAGE);
    return argv.length === 0 ? 2 : 0;
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
