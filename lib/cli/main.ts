/**
 * quorum-studio CLI: the same engine as the studio, on design files, for CI.
 *
 *   quorum-studio validate FILE
 *   quorum-studio analyze FILE [--json] [--strict]
 *   quorum-studio simulate FILE [--fail region:ID|zone:REGION/ZONE|node:ID]... [--split A,B/C] [--json] [--strict]
 *   quorum-studio export FILE --out DIR
 *
 * Exit codes: 0 success; 1 with --strict when the verdict is NEEDS REVISION; 2 for an invalid
 * file or bad arguments (problems on stderr).
 */
import { analyze } from "../analysis/index";
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
  quorum-studio analyze FILE [--json] [--strict]
  quorum-studio simulate FILE [--fail region:ID|zone:REGION/ZONE|node:ID]... [--split A,B/C]... [--json] [--strict]
  quorum-studio export FILE --out DIR      architecture documents (Markdown, Mermaid, design.json) into DIR

FILE is a design file (quorum-studio/design@1 JSON), or - for standard input.
  --json     machine-readable output (see docs/analysis.md)
  --strict   exit 1 when the verdict is NEEDS REVISION (analyze) or an operation is unavailable (simulate)
  --split    sides of a network partition: regions joined by ",", sides by "/"; regions no side
             names stay connected to each other ("--split apse1" cuts apse1 off from the rest)
Exit codes: 0 ok, 1 --strict failure, 2 invalid file or arguments.
`;

interface Args {
  command: string;
  file: string;
  json: boolean;
  strict: boolean;
  fail: string[];
  split: string[];
  out: string;
}

function parseArgs(argv: string[]): Args | string {
  const [command, ...rest] = argv;
  const args: Args = { command: command ?? "", file: "", json: false, strict: false, fail: [], split: [], out: "" };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--json") args.json = true;
    else if (a === "--strict") args.strict = true;
    else if (a === "--out") {
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
    const files = exportBundle(design, analyze(design));
    for (const f of files) await io.writeFile(`${args.out.replace(/\/+$/, "")}/${f.path}`, f.content);
    io.stdout(`Wrote ${files.length} files to ${args.out}: ${files.map((f) => f.path).join(", ")}\n`);
    return 0;
  }
  if (args.command === "analyze") {
    const result = analyze(design);
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
