/**
 * `parseDesign`: a design document or every problem in it, each with its JSON path.
 *
 * Two passes over the same input: the zod schema checks the shape (types, enums, ranges, id
 * syntax, unknown fields), then `referenceProblems` checks what a schema cannot (references,
 * uniqueness, quorums against n, fields that do not apply to a replication mode). The second pass
 * reads the input defensively, so a file with both kinds of mistakes gets both reported at once.
 *
 * @example
 * const result = parseDesign(JSON.parse(text));
 * if (!result.ok) console.error(result.problems.map(formatProblem).join("\n"));
 */
import type { z } from "zod";
import {
  designSchema,
  FORMAT,
  LEADER_MODES,
  READ_MODES_BY_REPLICATION,
  REPLICATION_MODES,
  zoneKey,
  type Design,
  type ReplicationMode,
} from "./schema";

export type Path = (string | number)[];
export interface Problem {
  /** JSON path in the document, e.g. `stores[1].replicas[2]`; "" for the document itself. */
  path: string;
  message: string;
}
export type ParseResult = { ok: true; design: Design } | { ok: false; problems: Problem[] };

/** `["stores", 1, "replicas", 2]` → `stores[1].replicas[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** `stores[1].replicas[2]: unknown node "pg9"`. */
export function formatProblem(problem: Problem): string {
  return `${problem.path || "(document)"}: ${problem.message}`;
}

/** Validates a parsed JSON value as a design document. */
export function parseDesign(input: unknown): ParseResult {
  if (!isObj(input)) return { ok: false, problems: [{ path: "", message: `a design must be a JSON object, got ${describeValue(input)}` }] };
  input = withElementDefaults(input);
  const problems: Problem[] = [];
  const shape = designSchema.safeParse(input);
  if (!shape.success) problems.push(...shape.error.issues.flatMap((issue) => describeIssue(issue, input)));
  problems.push(...referenceProblems(input as Record<string, unknown>));
  if (problems.length > 0 || !shape.success) return { ok: false, problems: dedupe(problems) };
  return { ok: true, design: shape.data };
}

/**
 * design-format.md marks only the document's `name` as required; an element (region, node, store,
 * operation) written without a `name` is named by its id, and a node without a `kind` is a
 * service. The input is not modified; everything else is read as written.
 */
function withElementDefaults(input: Record<string, unknown>): Record<string, unknown> {
  let out = input;
  for (const list of ["regions", "nodes", "stores", "operations"] as const) {
    const items = input[list];
    if (!Array.isArray(items)) continue;
    let changed = false;
    const filled = items.map((item: unknown) => {
      if (!isObj(item) || typeof item.id !== "string") return item;
      const name = item.name === undefined ? { name: item.id } : {};
      const kind = list === "nodes" && item.kind === undefined ? { kind: "service" } : {};
      if (!("name" in name) && !("kind" in kind)) return item;
      changed = true;
      return { ...item, ...name, ...kind };
    });
    if (changed) out = { ...out, [list]: filled };
  }
  return out;
}

/** Validates design text (a file's contents): JSON syntax first, then the document. */
export function parseDesignText(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: "", message: `not valid JSON (${detail})` }] };
  }
  return parseDesign(value);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Shape problems (zod issues → messages a person can act on)

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "object") return "an object";
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  record: "an object",
};

function describeIssue(issue: z.core.$ZodIssue, input: unknown): Problem[] {
  const path = formatPath(issue.path);
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: "unknown field (design-format v1 does not define it)",
      }));
    case "invalid_type":
      if (value === undefined) return [{ path, message: "is required" }];
      return [{ path, message: `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(value)}` }];
    case "invalid_value":
      if (value === undefined) return [{ path, message: "is required" }];
      if (issue.path.length === 1 && issue.path[0] === "format") {
        return [{ path, message: `must be "${FORMAT}" (got ${describeValue(value)})` }];
      }
      return [{ path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")} (got ${describeValue(value)})` }];
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const word = issue.code === "too_small" ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
      if (issue.origin === "string") return [{ path, message: `must be ${word} ${bound} characters long` }];
      if (issue.origin === "array") return [{ path, message: `must have ${word} ${bound} item${bound === 1 ? "" : "s"}` }];
      return [{ path, message: `must be ${word} ${bound} (got ${describeValue(value)})` }];
    }
    case "invalid_format":
      return [{ path, message: `${issue.message} (got ${describeValue(value)})` }];
    default:
      return [{ path, message: issue.message }];
  }
}

// ---------------------------------------------------------------------------------------------
// Reference problems (what the schema cannot say)

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === "number" && Number.isInteger(v) ? v : undefined);

/** Reports ids that repeat within a list: `regions[3].id: duplicate region id "use1" (first at regions[0])`. */
function duplicateIds(items: unknown[], listPath: string, what: string, out: Problem[]): Map<string, number> {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const itemId = isObj(item) ? str(item.id) : undefined;
    if (itemId === undefined) return;
    const first = firstIndex.get(itemId);
    if (first === undefined) firstIndex.set(itemId, i);
    else out.push({ path: `${listPath}[${i}].id`, message: `duplicate ${what} id "${itemId}" (first at ${listPath}[${first}])` });
  });
  return firstIndex;
}

function quorumRange(value: unknown, n: number, path: string, what: string, out: Problem[]): void {
  const q = int(value);
  // Below 1 is a shape problem, already reported by the schema.
  if (q !== undefined && n > 0 && q > n) {
    out.push({ path, message: `${what} ${q} is outside 1..${n} (the store has ${n} replica${n === 1 ? "" : "s"})` });
  }
}

/** Store fields that apply only to some replication modes (design-format.md, "Fields that do not apply"). */
const FIELD_MODES: readonly [string, readonly ReplicationMode[]][] = [
  ["readRepair", ["leaderless"]],
  ["sloppyQuorum", ["leaderless"]],
  ["learners", ["consensus"]],
  ["electionTimeoutMs", ["consensus"]],
  ["failoverMs", ["primary-sync", "primary-async"]],
  ["maxStalenessMs", ["consensus", "primary-sync", "primary-async"]],
];

function describeModes(modes: readonly ReplicationMode[]): string {
  if (modes.length === 2 && modes.every((m) => m.startsWith("primary-"))) return "primary-*";
  if (modes.length === 3 && modes[0] === "consensus") return "consensus and primary-*";
  return modes.join(" and ");
}

function referenceProblems(input: unknown): Problem[] {
  const out: Problem[] = [];
  if (!isObj(input)) return out;
  const regions = list(input.regions);
  const nodes = list(input.nodes);
  const stores = list(input.stores);
  const operations = list(input.operations);
  const links = list(input.links);

  // Regions and their zones
  const regionIndex = duplicateIds(regions, "regions", "region", out);
  const zonesOf = new Map<string, string[] | undefined>();
  regions.forEach((region, i) => {
    if (!isObj(region)) return;
    const zones = Array.isArray(region.zones) ? region.zones.filter((z): z is string => typeof z === "string") : undefined;
    const regionId = str(region.id);
    if (regionId !== undefined && !zonesOf.has(regionId)) zonesOf.set(regionId, zones);
    const seen = new Map<string, number>();
    list(region.zones).forEach((zone, k) => {
      if (typeof zone !== "string") return;
      const first = seen.get(zone);
      if (first === undefined) seen.set(zone, k);
      else out.push({ path: `regions[${i}].zones[${k}]`, message: `duplicate zone "${zone}" (first at regions[${i}].zones[${first}])` });
    });
  });

  // Links
  const pairs = new Map<string, number>();
  links.forEach((link, i) => {
    if (!isObj(link)) return;
    const a = str(link.a);
    const b = str(link.b);
    for (const [end, value] of [["a", a], ["b", b]] as const) {
      if (value !== undefined && !regionIndex.has(value)) out.push({ path: `links[${i}].${end}`, message: `unknown region "${value}"` });
    }
    if (a === undefined || b === undefined) return;
    if (a === b) {
      out.push({ path: `links[${i}]`, message: `a link joins two different regions (both ends are "${a}"); intra-region RTT is defaults.intraRegionRttMs` });
      return;
    }
    const key = [a, b].sort().join("\u0000");
    const first = pairs.get(key);
    if (first === undefined) pairs.set(key, i);
    else out.push({ path: `links[${i}]`, message: `duplicate link between "${a}" and "${b}" (first at links[${first}]; links are symmetric)` });
  });

  // Nodes
  const nodeIndex = duplicateIds(nodes, "nodes", "node", out);
  nodes.forEach((node, i) => {
    if (!isObj(node)) return;
    const region = str(node.region);
    const zone = str(node.zone);
    if (region === undefined) return;
    if (!regionIndex.has(region)) {
      out.push({ path: `nodes[${i}].region`, message: `unknown region "${region}"` });
      return;
    }
    const zones = zonesOf.get(region);
    if (zone !== undefined && zones && zones.length > 0 && !zones.includes(zone)) {
      out.push({ path: `nodes[${i}].zone`, message: `zone "${zone}" is not one of region "${region}"'s zones (${zones.join(", ")})` });
    }
  });

  // Stores
  const storeIndex = duplicateIds(stores, "stores", "store", out);
  const storeInfo = new Map<string, { replication?: ReplicationMode; n: number }>();
  stores.forEach((store, i) => {
    if (!isObj(store)) return;
    const at = `stores[${i}]`;
    const replication = REPLICATION_MODES.find((m) => m === store.replication);
    const replicas = list(store.replicas);
    const n = replicas.length;
    const storeId = str(store.id);
    if (storeId !== undefined && !storeInfo.has(storeId)) storeInfo.set(storeId, { replication, n });

    const seen = new Map<string, number>();
    replicas.forEach((replica, k) => {
      if (typeof replica !== "string") return;
      if (!nodeIndex.has(replica)) out.push({ path: `${at}.replicas[${k}]`, message: `unknown node "${replica}"` });
      const first = seen.get(replica);
      if (first === undefined) seen.set(replica, k);
      else out.push({ path: `${at}.replicas[${k}]`, message: `node "${replica}" is listed twice (first at ${at}.replicas[${first}])` });
    });

    if (!replication) return;
    const leader = str(store.leader);
    if (store.leader !== undefined && !LEADER_MODES.includes(replication)) {
      out.push({ path: `${at}.leader`, message: `"leader" applies only to consensus and primary-* stores, not ${replication}` });
    } else if (leader !== undefined && !replicas.includes(leader)) {
      out.push({ path: `${at}.leader`, message: `leader "${leader}" must be one of the store's replicas` });
    }
    if (store.readQuorum !== undefined && replication !== "leaderless") {
      out.push({ path: `${at}.readQuorum`, message: `"readQuorum" applies only to leaderless stores, not ${replication}` });
    } else quorumRange(store.readQuorum, n, `${at}.readQuorum`, "read quorum", out);
    if (store.writeQuorum !== undefined && replication !== "leaderless" && replication !== "primary-sync") {
      out.push({ path: `${at}.writeQuorum`, message: `"writeQuorum" applies only to leaderless and primary-sync stores, not ${replication}` });
    } else if (typeof store.writeQuorum === "string" && replication !== "leaderless") {
      out.push({ path: `${at}.writeQuorum`, message: `"${store.writeQuorum}" applies only to leaderless stores (primary-sync takes a number)` });
    } else quorumRange(store.writeQuorum, n, `${at}.writeQuorum`, "write quorum", out);
    // Version-2 fields, each only on the replication modes it applies to (design-format.md).
    for (const [field, modes] of FIELD_MODES) {
      if (store[field] !== undefined && !modes.includes(replication)) {
        out.push({ path: `${at}.${field}`, message: `"${field}" applies only to ${describeModes(modes)} stores, not ${replication}` });
      }
    }
    if (store.learners !== undefined && replication === "consensus") {
      const seenLearner = new Map<string, number>();
      list(store.learners).forEach((learner, k) => {
        if (typeof learner !== "string") return;
        const path = `${at}.learners[${k}]`;
        if (!nodeIndex.has(learner)) out.push({ path, message: `unknown node "${learner}"` });
        else if (seen.has(learner)) out.push({ path, message: `node "${learner}" is already a voting replica (${at}.replicas[${seen.get(learner)}]); a learner is a non-voting replica` });
        const first = seenLearner.get(learner);
        if (first === undefined) seenLearner.set(learner, k);
        else out.push({ path, message: `node "${learner}" is listed twice (first at ${at}.learners[${first}])` });
      });
    }
    const readMode = str(store.readMode);
    const modes = READ_MODES_BY_REPLICATION[replication];
    if (readMode !== undefined && !modes.includes(readMode as never)) {
      out.push({
        path: `${at}.readMode`,
        message: modes.length
          ? `read mode "${readMode}" is not available on ${replication} stores (use ${modes.map((m) => `"${m}"`).join(" or ")})`
          : `"readMode" does not apply to ${replication} stores`,
      });
    }
  });

  // Operations
  duplicateIds(operations, "operations", "operation", out);
  operations.forEach((op, i) => {
    if (!isObj(op)) return;
    const at = `operations[${i}]`;
    const storeId = str(op.store);
    const clientRegion = str(op.clientRegion);
    if (clientRegion !== undefined && !regionIndex.has(clientRegion)) {
      out.push({ path: `${at}.clientRegion`, message: `unknown region "${clientRegion}"` });
    }
    if (op.readMode !== undefined && op.type === "write") {
      out.push({ path: `${at}.readMode`, message: `"readMode" applies only to reads` });
    }
    if (storeId === undefined) return;
    if (!storeIndex.has(storeId)) {
      out.push({ path: `${at}.store`, message: `unknown store "${storeId}"` });
      return;
    }
    const store = storeInfo.get(storeId);
    if (!store?.replication) return;
    const { replication, n } = store;
    if (op.quorum !== undefined) {
      const hasQuorum = replication === "leaderless" || (replication === "primary-sync" && op.type === "write");
      if (!hasQuorum && (op.type === "read" || op.type === "write")) {
        out.push({
          path: `${at}.quorum`,
          message: `"quorum" does not apply to ${op.type}s on a ${replication} store (only leaderless reads and writes, and primary-sync writes)`,
        });
      } else if (typeof op.quorum === "string" && replication !== "leaderless") {
        out.push({ path: `${at}.quorum`, message: `"${op.quorum}" applies only to leaderless stores (primary-sync writes take a number)` });
      } else quorumRange(op.quorum, n, `${at}.quorum`, "quorum", out);
    }
    const readMode = str(op.readMode);
    const modes = READ_MODES_BY_REPLICATION[replication];
    if (readMode !== undefined && op.type === "read" && !modes.includes(readMode as never)) {
      out.push({
        path: `${at}.readMode`,
        message: modes.length
          ? `read mode "${readMode}" is not available on ${replication} stores (use ${modes.map((m) => `"${m}"`).join(" or ")})`
          : `"readMode" does not apply to reads on ${replication} stores`,
      });
    }
  });

  // Named scenarios must name existing regions, zones and nodes; names are unique. A region's
  // zones are the ones it lists, else the ones its nodes name.
  const zonesIn = (r: string): string[] => {
    const listed = zonesOf.get(r) ?? [];
    if (listed.length) return listed;
    return nodes.filter((n): n is Obj => isObj(n) && n.region === r && typeof n.zone === "string").map((n) => n.zone as string);
  };
  const scenarioNames = new Map<string, number>();
  list(input.scenarios).forEach((scenario, i) => {
    if (!isObj(scenario)) return;
    const at = `scenarios[${i}]`;
    const scenarioName = str(scenario.name);
    if (scenarioName !== undefined) {
      const first = scenarioNames.get(scenarioName);
      if (first === undefined) scenarioNames.set(scenarioName, i);
      else out.push({ path: `${at}.name`, message: `duplicate scenario name "${scenarioName}" (first at scenarios[${first}])` });
    }
    list(scenario.failRegions).forEach((r, k) => {
      if (typeof r === "string" && !regionIndex.has(r)) out.push({ path: `${at}.failRegions[${k}]`, message: `unknown region "${r}"` });
    });
    list(scenario.failZones).forEach((z, k) => {
      if (typeof z !== "string") return;
      const [r, zone] = z.split("/");
      if (!regionIndex.has(r)) out.push({ path: `${at}.failZones[${k}]`, message: `unknown region "${r}" (zones are written "region/zone")` });
      else if (!zonesIn(r).includes(zone)) out.push({ path: `${at}.failZones[${k}]`, message: `region "${r}" has no zone "${zone ?? ""}"` });
    });
    list(scenario.failNodes).forEach((n, k) => {
      if (typeof n === "string" && !nodeIndex.has(n)) out.push({ path: `${at}.failNodes[${k}]`, message: `unknown node "${n}"` });
    });
    const sideOf = new Map<string, number>();
    list(scenario.split).forEach((side, si) =>
      list(side).forEach((r, k) => {
        if (typeof r !== "string") return;
        if (!regionIndex.has(r)) out.push({ path: `${at}.split[${si}][${k}]`, message: `unknown region "${r}"` });
        else if (sideOf.has(r) && sideOf.get(r) !== si) out.push({ path: `${at}.split[${si}][${k}]`, message: `region "${r}" is on two sides` });
        sideOf.set(r, si);
      }),
    );
  });

  // Layout entries must name existing elements.
  if (isObj(input.layout)) {
    const layout = input.layout;
    const zoneKeys = new Set<string>();
    for (const [regionId, zones] of zonesOf) for (const zone of zones ?? []) zoneKeys.add(zoneKey(regionId, zone));
    const checks: [string, (key: string) => boolean, string][] = [
      ["regions", (k) => regionIndex.has(k), "region"],
      ["zones", (k) => zoneKeys.has(k), "zone (keys are \"region/zone\")"],
      ["nodes", (k) => nodeIndex.has(k), "node"],
    ];
    for (const [field, exists, what] of checks) {
      const entries = layout[field];
      if (!isObj(entries)) continue;
      for (const key of Object.keys(entries)) {
        if (!exists(key)) out.push({ path: formatPath(["layout", field, key]), message: `layout for unknown ${what} "${key}"` });
      }
    }
  }
  return out;
}
