/**
 * npm run bench: timings of the hot paths (median of many runs after warm-up).
 * Targets and results are recorded in docs/benchmarks.md.
 */
import { diffAnalyses } from "../lib/analysis/diff.ts";
import { diffDesigns } from "../lib/design/diff.ts";
import { analyze } from "../lib/analysis/index.ts";
import { simulate } from "../lib/analysis/simulate.ts";
import { addNode, materializeLayout } from "../lib/design/commands.ts";
import { resolveLayout } from "../lib/design/layout.ts";
import { serializeDesign } from "../lib/design/serialize.ts";
import { largeDesign } from "../lib/design/testing/generate.ts";
import { parseDesign } from "../lib/design/validate.ts";
import { buildFlowNodes } from "../lib/canvas/flow.ts";
import { createStudioStore } from "../lib/store/studio-store.ts";
import { updateNode } from "../lib/design/commands.ts";
import { buildModel } from "../lib/analysis/model.ts";
import { pbsConfig, runPbs } from "../lib/analysis/pbs.ts";
import { oneStore } from "../lib/analysis/testing.ts";

function bench(name: string, target: number, fn: () => unknown): boolean {
  for (let i = 0; i < 30; i++) fn();
  const times: number[] = [];
  const deadline = performance.now() + 1500;
  while (times.length < 15 || (performance.now() < deadline && times.length < 500)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.floor(times.length * 0.95)];
  const ok = median <= target;
  console.log(`${ok ? "ok  " : "SLOW"} ${name.padEnd(48)} median ${median.toFixed(2).padStart(7)} ms  p95 ${p95.toFixed(2).padStart(7)} ms  (target ≤ ${target} ms, n=${times.length})`);
  return ok;
}

/** For slower cases: fewer runs (5 warm-up, at least 9 timed). */
function benchFew(name: string, target: number, fn: () => unknown): boolean {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[4];
  const ok = median <= target;
  console.log(`${ok ? "ok  " : "SLOW"} ${name.padEnd(48)} median ${median.toFixed(2).padStart(7)} ms  max ${times[8].toFixed(2).padStart(7)} ms  (target ≤ ${target} ms, n=9)`);
  return ok;
}

const design = materializeLayout(largeDesign({ nodes: 500, stores: 100, operations: 500 }));
const text = serializeDesign(design);
const raw = JSON.parse(text);
console.log(`500-node design: ${design.regions!.length} regions, ${design.stores!.length} stores, ${(text.length / 1024).toFixed(0)} KiB\n`);

const results = [
  bench("parseDesign (500 nodes, full validation)", 20, () => parseDesign(raw)),
  bench("serializeDesign (canonical JSON)", 20, () => serializeDesign(design)),
  bench("resolveLayout", 10, () => resolveLayout(design)),
  bench("buildFlowNodes (design → canvas)", 16, () => buildFlowNodes(design)),
  bench("addNode command (one edit on 500 nodes)", 16, () => addNode(design, { kind: "cache", region: "r0", zone: "a" })),
];

console.log("\nanalyze (every figure, findings, checklist, recommendations, chaos plan)");
for (const [nodes, stores, operations, target] of [
  [50, 10, 50, 1],
  [500, 50, 500, 8],
  [1000, 100, 1000, 16],
] as const) {
  const d = largeDesign({ nodes, stores, operations });
  results.push(bench(`analyze: ${nodes} nodes, ${stores} stores, ${operations} operations`, target, () => analyze(d)));
}
// Edit → analysis panel data: one studio edit on a 500-node design, through the store (command,
// canvas rebuild, re-analysis). In the browser designs this size analyse in a Web Worker; this is
// the work the worker does plus what stays on the main thread.
{
  const d = materializeLayout(largeDesign({ nodes: 500, stores: 50, operations: 500 }));
  const studio = createStudioStore({ designId: "bench", design: d, version: 1 }, analyze);
  let k = 0;
  results.push(bench("studio edit → analysis updated (500 nodes)", 16, () => studio.getState().edit((x) => updateNode(x, "n1", { name: `node ${k++}` }))));
}
const big = largeDesign({ nodes: 1000, stores: 100, operations: 1000 });
results.push(bench("simulate: 1,000 nodes, two regions down + a split", 5, () => simulate(big, { failRegions: ["r1", "r2"], split: [["r0", "r3"], ["r4", "r5"]] })));
// History: comparing two versions of a 1,000-node design (both analyses + the diffs), as the
// History tab does in the browser.
{
  const older = big;
  const newer = { ...big, stores: big.stores!.map((st, i) => (i % 10 === 0 ? { ...st, readQuorum: 1, writeQuorum: 1 } : st)) };
  results.push(
    bench("history compare: 1,000 nodes (2 analyses + diffs)", 40, () => {
      diffAnalyses(analyze(older), analyze(newer));
      diffDesigns(older, newer);
    }),
  );
}
// PBS t-visibility (Monte Carlo): 100,000 trials of a 5-replica leaderless store across three
// regions (R = W = 2, the read misses the write's quorum), as `analyze --json` runs per read.
{
  const links = [
    { a: "r1", b: "r2", rttMs: 80 },
    { a: "r1", b: "r3", rttMs: 150 },
    { a: "r2", b: "r3", rttMs: 100 },
  ];
  const five = oneStore({ n: 5, replication: "leaderless", regions: ["r1", "r1", "r2", "r2", "r3"], links, store: { readQuorum: 2, writeQuorum: 2, conflictResolution: "lww" }, operations: [{ id: "w", type: "write", clientRegion: "r1" }, { id: "r", type: "read", clientRegion: "r3" }] });
  const model = buildModel(five);
  const config = pbsConfig(model, model.operations[1])!;
  console.log("\nPBS t-visibility (Monte Carlo)");
  results.push(benchFew("t-visibility: 100,000 trials, 5 replicas", 250, () => runPbs(config, 100_000)));
}
process.exit(results.every(Boolean) ? 0 : 1);
