/**
 * The architecture-document bundle: design + analysis → files as strings (pure). The studio zips
 * them for download; the CLI writes them to a folder.
 */
import { analysisCharts } from "../charts/analysis-charts";
import { fmt } from "../analysis/math";
import type { Analysis } from "../analysis/index";
import { simulate } from "../analysis/simulate";
import type { OperationAnalysis } from "../analysis/types";
import { protocolName } from "../analysis/recommendations";
import { fencingStatus, type FencingStatus } from "../analysis/rules/lock-without-fencing";
import { LEADER_MODES, type Design } from "../design/schema";
import { elementName, regionLabel } from "../design/names";
import { quorumLabel } from "../design/quorum";
import { serializeDesign } from "../design/serialize";
import { flowchart } from "../mermaid/flowchart";
import { storeSequence } from "../mermaid/sequence";
import { fence, md, table } from "./markdown";

export interface ExportFile {
  path: string;
  content: string;
}

const pct = (a: number) => `${Number((a * 100).toPrecision(Math.max(3, Math.min(10, Math.ceil(-Math.log10(Math.max(1e-12, 1 - a))) + 2))))} %`;
const ms = (x: number | null) => (x === null ? "unknown" : x < 10 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`);
const yes = (x: boolean | null) => (x === null ? "–" : x ? "yes" : "no");
const verdictWord = (a: Analysis) => (a.verdict === "SOUND" ? "SOUND" : "NEEDS REVISION");


/** The seed's one-line summary. */
export function summaryLine(design: Design, a: Analysis): string {
  const stores = design.stores ?? [];
  const regions = design.regions ?? [];
  const consensus = [...new Set(stores.filter((s) => s.replication === "consensus").map((s) => s.protocol ?? "consensus"))];
  const quorums = a.stores.map((s) => replicationSummary(design, s));
  const sharding = [...new Set(stores.map((s) => s.sharding?.strategy ?? "none"))];
  const conflicts = [...new Set(stores.map((s) => s.conflictResolution ?? "none"))];
  const caps = [...new Set(a.stores.map((s) => s.pacelc).filter(Boolean))];
  const elections = [...new Set(stores.filter((s) => LEADER_MODES.includes(s.replication)).map((s) => (s.replication === "consensus" ? `${s.protocol ?? "consensus"} election` : "external lease")))];
  const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
  return oneLine(
    `DISTRIBUTED SYSTEM: ${design.name} Topology: ${regions.length} region${regions.length === 1 ? "" : "s"} (${regions.map((r) => r.name).join(", ")}) | Nodes: ${design.nodes?.length ?? 0} ` +
      `CAP choice: ${caps.join(", ") || "n/a"} Consensus: ${consensus.join(", ") || "none"} | Quorum: ${quorums.join("; ") || "n/a"} ` +
      `Sharding: ${sharding.join(", ")} Conflict resolution: ${conflicts.join(", ")} Leader election: ${elections.join(", ") || "none"} | Fencing: ${fencingOf(design, a)}`,
  );
}

/** The strongest consistency model the design relies on. */
function consistencyModel(a: Analysis): string {
  const order = ["linearizable", "bounded-staleness", "causal", "session", "consistent-prefix", "eventual"];
  const levels = a.operations.map((o) => o.requiredConsistency);
  return order.find((l) => levels.includes(l as never)) ?? "none";
}

/** Who fences each store, as the analysis reads it (lock-without-fencing's fencingStatus). */
function fencingStatuses(design: Design, a: Analysis): { store: NonNullable<Design["stores"]>[number]; status: FencingStatus }[] {
  return (design.stores ?? []).map((s) => ({ store: s, status: fencingStatus({ id: s.id, replication: s.replication, n: s.replicas.length, store: s }, a.operations) }));
}

/**
 * Which stores are fenced and how: "yes" when every store hands out fencing tokens, "no" when
 * none is fenced at all; otherwise by store — tokens, a consensus protocol's terms (a Raft store
 * needs no flag for its own data), or none.
 */
function fencingOf(design: Design, a: Analysis): string {
  const all = fencingStatuses(design, a);
  const tokens = all.filter((x) => x.status === "tokens");
  const terms = all.filter((x) => x.status === "protocol");
  const none = all.filter((x) => x.status === "none-needed" || x.status === "missing");
  if (tokens.length === all.length) return all.length ? "yes" : "no";
  if (tokens.length === 0 && terms.length === 0) return "no";
  const parts = [...tokens.map((x) => `${x.store.name} (fencing tokens)`), ...terms.map((x) => `${x.store.name} (${protocolName(x.store.protocol)} terms)`)];
  return `${parts.join(", ")}${none.length ? `; none on ${none.map((x) => x.store.name).join(", ")}` : ""}`;
}

/**
 * How a store replicates, in its own terms: a consensus store by its protocol, voters, majority
 * and read modes ("Raft, 5 voters, majority 3, lease reads"); leaderless stores by R/W of n;
 * primaries by what a write waits for.
 */
function replicationSummary(design: Design, sa: Analysis["stores"][number]): string {
  const s = (design.stores ?? []).find((x) => x.id === sa.id)!;
  const reads = (design.operations ?? []).filter((o) => o.store === s.id && o.type === "read");
  // The read modes in use: the store's default first, then per-operation overrides.
  const used = reads.length ? reads.map((o) => o.readMode ?? sa.readMode) : [sa.readMode];
  const modes = [...new Set([sa.readMode, ...used])].filter((m) => m !== null && used.includes(m));
  const readModes = modes.length ? `, ${modes.join(" and ")} reads` : "";
  if (sa.n === 1 && sa.learners.length === 0) return `${sa.name}: a single node${readModes.replace(/^, leader reads$/, "")}`;
  switch (sa.replication) {
    case "consensus":
      return `${sa.name}: ${protocolName(s.protocol)}, ${sa.n} voter${sa.n === 1 ? "" : "s"}${sa.learners.length ? ` + ${sa.learners.length} non-voting` : ""}, majority ${sa.majority}${readModes}`;
    case "leaderless":
      return typeof sa.readQuorum === "number" && typeof sa.writeQuorum === "number"
        ? `${sa.name} R${sa.readQuorum}/W${sa.writeQuorum} of ${sa.n}${s.sloppyQuorum ? " (sloppy)" : ""}`
        : `${sa.name}: R = ${quorumLabel(sa.readQuorum)}, W = ${quorumLabel(sa.writeQuorum)} of ${sa.n}${s.sloppyQuorum ? " (sloppy)" : ""}`;
    case "primary-sync":
      return `${sa.name}: primary + ${sa.n - 1} replica${sa.n === 2 ? "" : "s"}, writes wait for ${quorumLabel(sa.writeQuorum)} of ${sa.n}${readModes}`;
    case "primary-async":
      return `${sa.name}: primary + ${sa.n - 1} asynchronous replica${sa.n === 2 ? "" : "s"}${readModes}`;
    default:
      return `${sa.name}: ${sa.replication}, ${sa.n} replica${sa.n === 1 ? "" : "s"}, any one accepts writes`;
  }
}

/** Shards over the sharded stores ("8 shards"), or "unsharded" when no store is sharded. */
function shardsOf(design: Design): string {
  const sharded = (design.stores ?? []).filter((s) => s.sharding && s.sharding.strategy !== "none");
  if (sharded.length === 0) return "unsharded";
  const shards = sharded.reduce((sum, s) => sum + (s.sharding?.shards ?? 1), 0);
  return `${shards} shard${shards === 1 ? "" : "s"}`;
}

/**
 * A TSV cell as data: tabs and newlines become spaces, and text a spreadsheet would run as a
 * formula (starting with = + - @, or a tab/CR before one) gets a leading apostrophe (OWASP, CSV
 * injection). Numbers stay numbers.
 */
export function tsvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const flat = value.replace(/[\t\r\n]+/g, " ");
  return /^[=+\-@\t\r]/.test(value) || /^[=+\-@]/.test(flat) ? `'${flat}` : flat;
}

export function tsvRow(design: Design, a: Analysis, date: string): string {
  const clean = (s: string | number) => tsvCell(s);
  const consensus = [...new Set((design.stores ?? []).filter((s) => s.replication === "consensus").map((s) => s.protocol ?? "consensus"))].join("+") || "none";
  return [date, design.name, design.regions?.length ?? 0, design.nodes?.length ?? 0, consistencyModel(a), consensus, shardsOf(design).replace(/ shards?$/, ""), a.escalationLevel, a.verdict].map((v) => clean(v)).join("\t");
}

export function commitLine(design: Design, a: Analysis): string {
  const consensus = [...new Set((design.stores ?? []).filter((s) => s.replication === "consensus").map((s) => s.protocol ?? "consensus"))].join("+") || "no consensus";
  return `distributed: ${design.name.replace(/\s+/g, " ")} -- ${consistencyModel(a)}, ${consensus}, ${shardsOf(design)}, ${verdictWord(a)}`;
}

/** The store table's fencing row, agreeing with the lock-without-fencing rule. */
function fencingRow(status: FencingStatus, protocol: string | undefined): string {
  if (status === "tokens") return "yes: fencing tokens";
  if (status === "protocol") return `by ${protocolName(protocol)} terms (a deposed leader's appends are rejected; no tokens needed for the store's own data)`;
  if (status === "none-needed") return "not needed";
  return "no — needed (see validation.md)";
}

function architecture(design: Design, a: Analysis): string {
  const c = design.context ?? {};
  const out: string[] = [`# ${md(design.name)}`, "", `> ${md(summaryLine(design, a))}`, "", "## Context", ""];
  out.push(
    table(
      ["", ""],
      [
        ["Purpose", md(c.purpose ?? "not stated")],
        ["Data model", md(c.dataModel ?? "not stated")],
        ["Availability target", c.availabilityTarget !== undefined ? pct(c.availabilityTarget) : "not stated"],
        ["Partition tolerance", md(c.partitionTolerance ?? "not stated")],
        ["Escalation level", `${a.escalationLevel}: ${md(a.escalation.title)}`],
        ["Verdict", `**${verdictWord(a)}** (${a.counts.errors} errors, ${a.counts.warnings} warnings)`],
      ],
    ),
  );
  out.push("", "## Topology", "", fence("mermaid", flowchart(design, a)), "");
  out.push("### Regions", "", table(["id", "name", "zones", "availability"], (design.regions ?? []).map((r) => [md(r.id), md(r.name), md((r.zones ?? []).join(", ") || "–"), r.availability !== undefined ? pct(r.availability) : "100 %"])));
  out.push("", "### Nodes", "", table(["id", "name", "kind", "region", "zone"], (design.nodes ?? []).map((n) => [md(n.id), md(n.name), md(n.kind), md(elementName(design, n.region)), md(n.zone ?? "–")])));
  out.push("", "## Stores", "");
  for (const s of design.stores ?? []) {
    const sa = a.stores.find((x) => x.id === s.id)!;
    out.push(`### ${md(s.name)} (\`${s.id}\`)`, "");
    out.push(
      table(
        ["", ""],
        [
          ["Purpose", s.purpose ?? "data"],
          ["Replication", `${s.replication}${s.protocol ? ` (${md(s.protocol)})` : ""}`],
          ["Replicas", s.replicas.map((r) => md(elementName(design, r))).join(", ")],
          ["Leader", sa.leader ? md(elementName(design, sa.leader)) : "–"],
          ["Quorums", `n = ${sa.n}, majority ${sa.majority}, R = ${quorumLabel(sa.readQuorum)}, W = ${quorumLabel(sa.writeQuorum)}${s.readRepair ? `, read repair ${s.readRepair}` : ""}${s.sloppyQuorum ? ", sloppy quorums (hinted handoff)" : ""}`],
          ["Learners", s.learners?.length ? s.learners.map((r) => md(elementName(design, r))).join(", ") : "–"],
          ["PACELC", sa.pacelc ?? "unused"],
          ["Read mode", sa.readMode ?? "–"],
          ["Session guarantees", yes(s.sessionGuarantees ?? false)],
          ["Conflict resolution", s.conflictResolution ?? "none"],
          ["Fencing", fencingRow(fencingStatus({ id: s.id, replication: s.replication, n: sa.n, store: s }, a.operations), s.protocol)],
          ["Sharding", s.sharding ? `${s.sharding.strategy}${s.sharding.partitionKey ? ` by ${md(s.sharding.partitionKey)}` : ""}${s.sharding.shards ? `, ${s.sharding.shards} shards` : ""}` : "none"],
        ],
      ),
      "",
      fence("mermaid", storeSequence(design, s)),
      "",
    );
  }
  out.push("## Operations", "");
  out.push(
    table(
      ["operation", "type", "store", "requires", "callers in", "latency SLO", "availability SLO"],
      (design.operations ?? []).map((o) => [md(o.name), o.type, md(elementName(design, o.store)), o.consistency, md(o.clientRegion ? elementName(design, o.clientRegion) : "leader's region"), o.latencySloMs !== undefined ? `${o.latencySloMs} ms` : "–", o.availabilitySlo !== undefined ? pct(o.availabilitySlo) : "–"]),
    ),
  );
  return `${out.join("\n")}\n`;
}

function why(o: OperationAnalysis): string[] {
  return ["cap", "providedConsistency", "latencyMs", "leaderFailoverMs", "availability", "survivesNodeFailures", "survivesZoneLoss", "survivesRegionLoss", "staleReadProbability", "freshWithinVersions", "durableAgainstFailures", ...(o.tVisibility ? ["tVisibility"] : [])].map((k) => `  - ${md(o.explain[k].text)}`);
}

function capAnalysis(design: Design, a: Analysis): string {
  const out = [`# CAP and consistency: ${md(design.name)}`, "", "## Per operation", ""];
  out.push(
    table(
      ["operation", "CAP", "requires", "provided", "satisfied", "latency", "leader failover", "availability", "stale read", "99.9 % fresh after"],
      a.operations.map((o) => [
        md(o.name),
        o.cap ?? "unknown",
        o.requiredConsistency,
        o.providedConsistency ?? "unknown",
        o.satisfied === null ? "unknown" : o.satisfied ? "✔ yes" : "✖ no",
        ms(o.latencyMs),
        o.leaderFailoverMs ? ms(o.leaderFailoverMs) : "–",
        o.availability === null ? "unknown" : pct(o.availability),
        o.staleReadProbability === null ? "–" : fmt(o.staleReadProbability),
        o.tVisibility === null ? "–" : o.tVisibilityP999Ms === null ? "> 1000 ms" : ms(o.tVisibilityP999Ms),
      ]),
    ),
  );
  const charts = analysisCharts(a);
  if (charts.length) {
    out.push("", "## Charts", "");
    for (const c of charts) out.push(`![${md(c.title)}](charts/${c.file})`, "");
    out.pop();
  }
  out.push("", "## PACELC per store", "");
  const opNames = (ids: string[]) => md(ids.map((id) => elementName(design, id)).join(", ") || "–");
  out.push(
    table(
      ["store", "replication", "PACELC", "CP operations", "AP operations", "neither"],
      a.stores.map((s) => [md(s.name), s.replication, s.pacelc ?? "unused", opNames(s.capSplit.cp), opNames(s.capSplit.ap), opNames(s.capSplit.neither)]),
    ),
  );
  out.push("", "## Why each figure is what it is", "");
  for (const o of a.operations) out.push(`- **${md(o.name)}**`, ...why(o));
  out.push("", "## Per store", "");
  for (const s of a.stores) out.push(`- **${md(s.name)}**`, ...Object.values(s.explain).map((e) => `  - ${md(e.text)}`));
  return `${out.join("\n")}\n`;
}

function partitionPlan(design: Design, a: Analysis): string {
  const out = [`# Failures and partitions: ${md(design.name)}`, "", "## Failure domains", ""];
  const scenarios: { domain: string; scenario: Parameters<typeof simulate>[1] }[] = [];
  for (const r of design.regions ?? []) {
    scenarios.push({ domain: `region ${regionLabel(design, r)}`, scenario: { failRegions: [r.id] } });
    for (const z of r.zones ?? []) if ((design.nodes ?? []).some((n) => n.region === r.id && n.zone === z)) scenarios.push({ domain: `zone ${z} of ${regionLabel(design, r)}`, scenario: { failZones: [`${r.id}/${z}`] } });
  }
  for (const r of design.regions ?? []) {
    if ((design.regions ?? []).length > 1) scenarios.push({ domain: `partition: ${regionLabel(design, r)} cut off`, scenario: { split: [[r.id], (design.regions ?? []).map((x) => x.id).filter((x) => x !== r.id)] } });
  }
  const ops = design.operations ?? [];
  out.push(
    table(
      ["failure", ...ops.map((o) => md(o.name))],
      scenarios.map(({ domain, scenario }) => {
        const sim = simulate(design, scenario);
        return [md(domain), ...sim.operations.map((o) => (o.available ? (o.diverging ? "⇄ diverging" : "✔ available") : "✖ unavailable"))];
      }),
    ),
  );
  out.push("", "## Per store: detection, during a partition, healing", "");
  for (const p of a.recommendations.partitionPlans) {
    out.push(`### ${md(elementName(design, p.store))}`, "");
    for (const [title, c] of [["Detection", p.detection], ["During a partition", p.during], ["Healing", p.healing]] as const) {
      out.push(`- **${title}:** ${md(c.choice)} — ${c.reasons.map(md).join(" ")}`);
    }
    out.push("");
  }
  out.push("## Chaos test plan", "");
  // Numbered, not by id: an experiment's id carries region and store ids ("region-loss-use1").
  out.push(table(["#", "domain", "action", "expected"], a.recommendations.chaosPlan.map((e, i) => [String(i + 1), e.domain, md(e.action), md(e.expectation)])));
  return `${out.join("\n")}\n`;
}

function sharding(design: Design, a: Analysis): string {
  const out = [`# Sharding: ${md(design.name)}`, ""];
  for (const s of design.stores ?? []) {
    const sh = s.sharding ?? { strategy: "none" as const };
    const rec = a.recommendations.partitioning.find((p) => p.store === s.id);
    const n = s.replicas.length;
    const cost =
      sh.strategy === "consistent-hash"
        ? `about 1/(N+1) of the keys move when a node joins (N = ${n}: ~${(100 / (n + 1)).toFixed(0)} %)${sh.vnodes ? `, spread over ${sh.vnodes} virtual nodes` : ""}`
        : sh.strategy === "hash"
          ? `with hash mod N almost every key moves when N changes (N/(N+1) ≈ ${((100 * n) / (n + 1)).toFixed(0)} % for N = ${n}); hash into a fixed number of shards${sh.shards ? ` (${sh.shards})` : ""} and move whole shards instead`
          : sh.strategy === "range"
            ? `a new node takes over whole ranges: moving one of ${sh.shards ?? "the"} ranges moves ~${sh.shards ? (100 / sh.shards).toFixed(1) : "1/shards of the"} % of the data`
            : sh.strategy === "geo"
              ? "adding a node inside a region moves only that region's keys; adding a region moves the keys re-homed to it"
              : sh.strategy === "directory"
                ? "only the keys the directory reassigns move; the directory itself must be highly available"
                : "not sharded: adding a node adds a replica, it does not move data";
    out.push(`## ${md(s.name)}`, "");
    out.push(
      table(
        ["", ""],
        [
          ["Strategy", sh.strategy],
          ["Partition key", md(sh.partitionKey ?? "–")],
          ["Shards", String(sh.shards ?? "–")],
          ["Virtual nodes", String(sh.vnodes ?? "–")],
          ["Rebalancing when a node is added", md(cost)],
          ["Recommended", rec ? `${md(rec.choice)} — ${rec.reasons.map(md).join(" ")}` : "–"],
        ],
      ),
      "",
    );
  }
  return `${out.join("\n")}\n`;
}

function validation(design: Design, a: Analysis): string {
  const out = [`# Validation: ${md(design.name)}`, "", `**Verdict: ${verdictWord(a)}** — ${a.counts.errors} errors, ${a.counts.warnings} warnings.`, "", "## Checklist", ""];
  out.push(table(["check", "status", "reason"], a.checklist.map((c) => [md(c.title), c.status === "PASS" ? "✔ PASS" : "✖ FAIL", md(c.reason)])));
  out.push("", "## Findings", "");
  if (a.findings.length === 0) out.push("None.");
  // The element by its name (the id is in design.json and the --json output).
  for (const f of a.findings) out.push(`- **${f.severity.toUpperCase()}** \`${f.rule}\` on ${md(elementName(design, f.target))}: ${md(f.message)}`);
  out.push("", `## Escalation ladder: level ${a.escalationLevel}`, "", md(a.escalation.explain.text));
  return `${out.join("\n")}\n`;
}

/** Every file of the architecture document, in a stable order. `date` stamps the TSV row. */
export function exportBundle(design: Design, a: Analysis, date = new Date().toISOString().slice(0, 10)): ExportFile[] {
  return [
    { path: "architecture.md", content: architecture(design, a) },
    { path: "cap-analysis.md", content: capAnalysis(design, a) },
    { path: "partition-plan.md", content: partitionPlan(design, a) },
    { path: "sharding.md", content: sharding(design, a) },
    { path: "validation.md", content: validation(design, a) },
    { path: "design.json", content: serializeDesign(design) },
    { path: "topology.mmd", content: flowchart(design, a) },
    { path: "summary.txt", content: `${summaryLine(design, a)}\n\n${tsvRow(design, a, date)}\n\n${commitLine(design, a)}\n` },
    ...analysisCharts(a, { standalone: true }).map((c) => ({ path: `charts/${c.file}`, content: `${c.svg}\n` })),
  ];
}
